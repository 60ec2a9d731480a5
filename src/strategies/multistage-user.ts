import { tailLines } from './render/app-tail.js';
import { buildEnvStage, slimRuntimeLines, trimmedStage } from './render/builder-stage.js';
import { makeCandidate } from './render/candidate.js';
import { renderContext } from './render/context.js';
import { bytecodeFlags } from './render/options.js';
import { depsBlock, selfInstall } from './render/pip-install.js';
import { builderTrim } from './render/trim.js';
import type { Strategy } from './types.js';

const USERBASE = '/opt/pyuser';
const ENV_LINE = `ENV PYTHONUSERBASE=${USERBASE} PATH=${USERBASE}/bin:$PATH`;

const teaches =
  'The `pip install --user` recipe copies ~/.local into the runtime. Its pitfalls: console scripts ' +
  'land in ~/.local/bin, which is not on PATH, and a non-root user has a different home, so Python ' +
  'looks in the wrong ~/.local and finds nothing. An explicit PYTHONUSERBASE, set in both stages, ' +
  'fixes both.';

export const multistageUser: Strategy = {
  id: 'multistage-user',
  title: 'Multi-stage: pip --user tree copied into slim',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options } = ctx;
    const block = {
      python: 'python3',
      plan: ctx.plan,
      options,
      verb: 'install' as const,
      flags: ['--user', ...bytecodeFlags(options)],
      copyAll: 'COPY . .',
    };
    const deps = depsBlock(block);
    const trimmed = options.trim
      ? [trimmedStage(ctx, 'user-trimmed', 'user-builder', builderTrim(options, USERBASE))]
      : [];
    return makeCandidate(ctx, {
      id: 'multistage-user',
      title: multistageUser.title,
      teaches,
      applicable: true,
      reason:
        'Applies: the user base only holds the dependencies; the interpreter is the same in both stages.',
      tradeoffs: {
        size: 'Small: the user base has no pip of its own; the base image’s pip stays.',
        buildTime: 'Builder cached separately, like the venv copy.',
        compatibility: 'High, once PYTHONUSERBASE is set in both stages; breaks under `python -s` or -I.',
        security: 'No compilers in production; shell, apt and pip remain.',
        debuggability: 'Good: bash in the runtime; `python -m site` shows the user base.',
      },
      summary: [
        `pip --user into ${USERBASE} in ${options.images.full.ref}, copied onto ${options.images.slim.ref}.`,
      ],
      stages: [
        buildEnvStage(ctx),
        {
          comment: [`user-builder: dependencies into the user base ${USERBASE} instead of root's ~/.local.`],
          name: 'user-builder',
          from: 'build-env',
          lines: [
            'WORKDIR /app',
            ENV_LINE,
            ...deps.lines,
            ...(ctx.plan.self !== 'none' ? ['COPY . .', selfInstall(block)] : []),
          ],
        },
        ...trimmed,
        {
          comment: ['The runtime: the user base copied to the same path, and Python told where it is.'],
          from: options.images.slim.ref,
          lines: [
            ...slimRuntimeLines(ctx),
            `COPY --from=${options.trim ? 'user-trimmed' : 'user-builder'} ${USERBASE} ${USERBASE}`,
            '# Without these, scripts are not on PATH and a non-root user would look in its own ~/.local.',
            ENV_LINE,
            ...tailLines(ctx, { python: 'python3', copiedAll: false }),
          ],
        },
      ],
      python: 'python3',
    });
  },
};
