import { tailLines } from './render/app-tail.js';
import { buildEnvStage, slimRuntimeLines } from './render/builder-stage.js';
import { makeCandidate } from './render/candidate.js';
import { renderContext } from './render/context.js';
import { run, type Stage } from './render/lines.js';
import { bytecodeFlags, SYSTEM_SITE } from './render/options.js';
import { depsBlock, indexArgLines, pipCommand, pipMounts } from './render/pip-install.js';
import { trimCommands } from './render/trim.js';
import type { Strategy } from './types.js';

const teaches =
  'The builder turns every dependency into a wheel; the runtime installs those wheels offline. The ' +
  'common recipe COPYs the wheel folder in and deletes it afterwards — but the COPY layer keeps the ' +
  'wheels forever. A BuildKit bind mount lends the folder to one RUN only, so no layer ever holds it.';

export const multistageWheels: Strategy = {
  id: 'multistage-wheels',
  title: 'Multi-stage: wheels built once, installed through a bind mount',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options, plan } = ctx;
    const wheelBlock = {
      python: 'python3',
      plan,
      options,
      verb: 'wheel' as const,
      flags: ['--wheel-dir', '/wheels'],
      copyAll: 'COPY . .',
    };
    const deps = depsBlock(wheelBlock);
    const stages: Stage[] = [
      buildEnvStage(ctx),
      {
        comment: ['wheel-builder: a wheel for every dependency (compiled here when needed) in /wheels.'],
        name: 'wheel-builder',
        from: 'build-env',
        lines: ['WORKDIR /app', ...deps.lines],
      },
    ];
    if (plan.self !== 'none') {
      stages.push({
        comment: [
          'app-wheel: the project itself as a wheel; its own stage so code edits leave /wheels cached.',
          'ARGs do not carry over from the parent stage: the index is declared again.',
        ],
        name: 'app-wheel',
        from: 'wheel-builder',
        lines: [
          ...indexArgLines(options),
          'COPY . .',
          run(
            [
              pipCommand(
                'python3',
                'wheel',
                options,
                [...(plan.self === 'no-deps' ? ['--no-deps'] : []), '--wheel-dir', '/app-wheel'],
                ['.'],
              ),
            ],
            pipMounts(options),
          ),
        ],
      });
    }
    // No binutils in slim: trimming here removes test suites only (multistage-venv strips in its builder).
    const trim = options.trim
      ? [SYSTEM_SITE, ...trimCommands({ dir: '"$SITE"', strip: false, pycache: false }, ctx.keepTools)]
      : [];
    const install = (dir: string, extra: string[], trim: string[]) =>
      run(
        [
          pipCommand(
            'python3',
            'install',
            { ...options, cacheMounts: false },
            ['--no-index', `--find-links=${dir}`, ...extra, ...bytecodeFlags(options)],
            [`${dir}/*.whl`],
          ),
          ...trim,
        ],
        [`type=bind,from=${dir === '/wheels' ? 'wheel-builder' : 'app-wheel'},source=${dir},target=${dir}`],
      );
    const hasWheels = plan.args.length > 0 || (plan.also?.length ?? 0) > 0;
    return makeCandidate(ctx, {
      id: 'multistage-wheels',
      title: multistageWheels.title,
      teaches,
      applicable: true,
      reason:
        'Applies: wheels built on the same Debian and Python install offline in slim. Needs BuildKit for RUN --mount.',
      tradeoffs: {
        size: 'Small: like the venv copy, plus the base image’s own pip which stays.',
        buildTime: 'Wheels are cached in the builder; the runtime install re-runs when they change.',
        compatibility:
          'High: same glibc and Python; installs with --no-index, so nothing new is fetched at run time.',
        security: 'No compilers in production; pip, shell and apt remain.',
        debuggability: 'Good: pip and bash in the runtime; the wheels can be inspected in the builder.',
      },
      summary: [
        `Wheels built in ${options.images.full.ref}, installed on ${options.images.slim.ref} through a bind mount.`,
      ],
      stages: [
        ...stages,
        {
          comment: [
            'The runtime installs the wheels without copying them: the bind mount exists during one RUN only.',
          ],
          from: options.images.slim.ref,
          lines: [
            ...slimRuntimeLines(ctx),
            ...(hasWheels ? [install('/wheels', [], trim)] : []),
            ...tailLines(ctx, {
              python: 'python3',
              copiedAll: false,
              afterCopy:
                plan.self !== 'none'
                  ? [install('/app-wheel', plan.self === 'no-deps' ? ['--no-deps'] : [], [])]
                  : [],
            }),
          ],
        },
      ],
      python: 'python3',
    });
  },
};
