import { appCopy, tailLines } from './render/app-tail.js';
import { buildEnvLines } from './render/builder-stage.js';
import { makeCandidate } from './render/candidate.js';
import { renderContext } from './render/context.js';
import { run } from './render/lines.js';
import { debianUser } from './render/options.js';
import { depsBlock, selfInstall } from './render/pip-install.js';
import type { Strategy } from './types.js';

const teaches =
  'The baseline. python:X is made for building: gcc, headers and hundreds of -dev packages ship to ' +
  'production next to your app. Every other candidate is measured against it. It ignores the trim and ' +
  'bytecode options on purpose, so the ratio shows what a typical first Dockerfile costs.';

export const full: Strategy = {
  id: 'full',
  title: 'Single stage on the full image',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options } = ctx;
    const block = {
      python: 'python3',
      plan: ctx.plan,
      options,
      verb: 'install' as const,
      flags: [],
      copyAll: appCopy(options),
    };
    const deps = depsBlock(block);
    // pip's defaults (it compiles what it installs); nothing compiled or trimmed on top.
    const baseline = { ...options, bytecode: 'none' as const, trim: false };
    return makeCandidate(ctx, {
      id: 'full',
      title: full.title,
      teaches,
      applicable: true,
      reason: 'Always builds: everything a compile needs is already in the image. It is the size to beat.',
      tradeoffs: {
        size: 'Largest: a ~1 GB base with compilers, headers and docs, all shipped.',
        buildTime: 'Slow first pull (~1 GB base), then quick: compiles need nothing extra.',
        compatibility: 'Highest: whatever a build or the runtime reaches for is there.',
        security: 'Widest attack surface: compilers, shells and hundreds of packages in production.',
        debuggability: 'Best: bash, apt, gcc, curl in the running container.',
      },
      summary: ['The baseline: what builds the app also runs it, compilers included.'],
      stages: [
        {
          comment: [],
          from: options.images.full.ref,
          lines: [
            // Same first lines as the build-env stage of the multi-stage candidates: one cached layer.
            ...buildEnvLines(ctx),
            'ENV PYTHONUNBUFFERED=1',
            ...(options.nonRoot ? [run(debianUser())] : []),
            'WORKDIR /app',
            ...deps.lines,
            ...tailLines(ctx, {
              options: baseline,
              python: 'python3',
              copiedAll: deps.copiedAll,
              afterCopy: ctx.plan.self !== 'none' ? [selfInstall(block, true)] : [],
            }),
          ],
        },
      ],
      python: 'python3',
    });
  },
};
