import { tailLines } from './render/app-tail.js';
import { fullVenvStages, slimRuntimeLines } from './render/builder-stage.js';
import { makeCandidate } from './render/candidate.js';
import { renderContext } from './render/context.js';
import type { Strategy } from './types.js';

const teaches =
  'The standard multi-stage pattern: compile in the full image, copy one folder — the virtual ' +
  'environment — into the slim image. Compilers, headers, pip caches and sources stay in the builder ' +
  'and never reach a layer you ship. Trimming happens in the builder too, before the copy, which is ' +
  'the only place where deleting files saves bytes.';

export const multistageVenv: Strategy = {
  id: 'multistage-venv',
  title: 'Multi-stage: venv from the full image into slim',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options } = ctx;
    const { stages, venvFrom } = fullVenvStages(ctx);
    return makeCandidate(ctx, {
      id: 'multistage-venv',
      title: multistageVenv.title,
      teaches,
      applicable: true,
      reason:
        'Applies: same Debian and Python in both stages, so anything the builder compiles runs in slim.',
      tradeoffs: {
        size: 'Small: slim base plus the venv; no toolchain, no pip cache.',
        buildTime: 'Builder is cached separately: code changes only redo the last COPY.',
        compatibility: 'High: glibc and the interpreter path match between the stages.',
        security: 'No compilers in production; shell and apt remain in slim.',
        debuggability:
          'Good: bash in the runtime; the builder can be run on its own (--target venv-builder).',
      },
      summary: [
        `Build in ${options.images.full.ref}, run on ${options.images.slim.ref}: only /opt/venv and the app cross over.`,
      ],
      stages: [
        ...stages,
        {
          comment: ['The runtime: slim base, the venv, the app. Nothing from the builder but /opt/venv.'],
          from: options.images.slim.ref,
          lines: [
            ...slimRuntimeLines(ctx),
            `COPY --from=${venvFrom} /opt/venv /opt/venv`,
            '# The venv first on PATH: python, pip-installed scripts (gunicorn...) resolve to it.',
            'ENV PATH=/opt/venv/bin:$PATH',
            ...tailLines(ctx, { python: '/opt/venv/bin/python', copiedAll: false }),
          ],
        },
      ],
      python: '/opt/venv/bin/python',
    });
  },
};
