import { appCopy, tailLines } from './render/app-tail.js';
import { aptTransient } from './render/apt.js';
import { slimRuntimeLines } from './render/builder-stage.js';
import { makeCandidate } from './render/candidate.js';
import { renderContext } from './render/context.js';
import { namesVerb } from './render/lines.js';
import { bytecodeFlags, SYSTEM_SITE } from './render/options.js';
import { depsBlock, selfInstall } from './render/pip-install.js';
import { trimCommands } from './render/trim.js';
import type { Strategy } from './types.js';

const teaches =
  'Most of the win for pure-Python dependencies comes from the slim base alone. When something must ' +
  'compile, the build packages are installed, used and purged in the SAME RUN: a layer keeps every ' +
  'byte it wrote, so a purge in a later RUN only hides the compiler, it still ships. The base image ' +
  'keeps its own pip for the same reason: deleting it in a later layer would save nothing.';

export const slim: Strategy = {
  id: 'slim',
  title: 'Single stage on the slim image',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options, needs } = ctx;
    const transient = needs.build.apt;
    // Stripping needs binutils, which build-essential brings; a pure install is not worth an apt run.
    const strip = needs.compiles.glibc.length > 0;
    const trim = options.trim
      ? [SYSTEM_SITE, ...trimCommands({ dir: '"$SITE"', strip, pycache: false }, ctx.keepTools)]
      : [];
    const around = (pip: string[]) =>
      transient.length ? aptTransient(transient, [...pip, ...trim]) : [...pip, ...trim];
    const block = {
      python: 'python3',
      plan: ctx.plan,
      options,
      verb: 'install' as const,
      flags: bytecodeFlags(options),
      copyAll: appCopy(options),
      around,
      note: transient.length
        ? ['Build packages are installed, used and purged in this one RUN, so no layer keeps them.']
        : [],
    };
    const deps = depsBlock(block);
    // The project itself: build packages again only if more than git was needed; no trim (its own tree).
    const selfTools = transient.filter((p) => p !== 'git');
    const selfBlock = {
      ...block,
      around: (pip: string[]) => (selfTools.length ? aptTransient(selfTools, pip) : pip),
    };
    const compiled = needs.compiles.glibc;
    return makeCandidate(ctx, {
      id: 'slim',
      title: slim.title,
      teaches,
      applicable: true,
      reason: compiled.length
        ? `Applies: ${namesVerb(compiled, 'compile')}, so ${transient.join(', ')} come and go within the install RUN.`
        : 'Applies: nothing compiles on glibc, so the slim base needs no build packages at all.',
      tradeoffs: {
        size: 'Small for pure-Python deps (~130 MB base); the purge keeps compiles from adding much.',
        buildTime: compiled.length
          ? 'Slower than multi-stage on rebuilds: apt fetches the toolchain every time the deps change.'
          : 'Fast: a small pull and wheels only.',
        compatibility: 'Same glibc and Python as the full image; only headers and compilers are missing.',
        security: 'No compilers in production; shell and apt remain.',
        debuggability: 'Good: bash and apt available for a quick look.',
      },
      summary: ['One stage on the slim base; build packages live only inside the install RUN.'],
      stages: [
        {
          comment: [],
          from: options.images.slim.ref,
          lines: [
            ...slimRuntimeLines(ctx),
            ...deps.lines,
            ...tailLines(ctx, {
              python: 'python3',
              copiedAll: deps.copiedAll,
              afterCopy: ctx.plan.self !== 'none' ? [selfInstall(selfBlock, true)] : [],
            }),
          ],
        },
      ],
      python: 'python3',
    });
  },
};
