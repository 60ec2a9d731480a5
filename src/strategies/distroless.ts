import { DISTROLESS_PYTHON } from './catalog.js';
import { tailLines } from './render/app-tail.js';
import { aptInstall } from './render/apt.js';
import { trimmedStage, venvBuilderStage } from './render/builder-stage.js';
import { makeCandidate } from './render/candidate.js';
import { type RenderContext, renderContext } from './render/context.js';
import { run, type Stage, sortedUnique } from './render/lines.js';
import { DISTROLESS_UID, runtimeEnv } from './render/options.js';
import { builderTrim } from './render/trim.js';
import type { Strategy } from './types.js';

const SYSLIB = '/opt/venv/syslib';
const VENV_PYTHON = '/opt/venv/bin/python';

/**
 * Libraries distroless python3-debian12 already has: glibc (a second copy would fight its loader)
 * and what Debian's python3.11 depends on. Everything else an extension loads is copied.
 */
export const IN_DISTROLESS = [
  ...[
    'libc.so.6',
    'libm.so.6',
    'libpthread.so.0',
    'libdl.so.2',
    'librt.so.1',
    'libutil.so.1',
    'libresolv.so.2',
  ],
  ...['libssl.so.3', 'libcrypto.so.3', 'libz.so.1', 'libffi.so.8', 'libexpat.so.1', 'libsqlite3.so.0'],
  ...['libbz2.so.1.0', 'liblzma.so.5', 'libuuid.so.1', 'libmpdec.so.3', 'libcrypt.so.1', 'libncursesw.so.6'],
  ...['libtinfo.so.6', 'libreadline.so.8'],
];

/** The list for awk, 7 names a line (awk splits on any run of blanks). */
function haveList(): string {
  const rows: string[] = [];
  for (let i = 0; i < IN_DISTROLESS.length; i += 7) rows.push(IN_DISTROLESS.slice(i, i + 7).join(' '));
  return rows.join(' \\\n            ');
}

/**
 * Distroless has no apt: the shared libraries the venv's extensions load (libpq.so.5 and what it
 * needs) are found with ldd in the builder and copied next to the venv, on LD_LIBRARY_PATH.
 */
const COLLECT_LIBS = [
  `mkdir -p ${SYSLIB}`,
  `{ find /opt/venv -type f -name '*.so*' -exec ldd {} + 2>/dev/null || true; } \\
        | awk -v have="${haveList()}" \\
            'BEGIN { n = split(have, h, " "); for (i = 1; i <= n; i++) skip[h[i]] = 1 } \\
             $2 == "=>" && $3 ~ /^\\// && $3 !~ /^\\/opt\\/venv\\// && !($1 in skip) && !seen[$1]++ { print $3 }' \\
        | xargs -r cp -L -t ${SYSLIB}`,
];

const teaches =
  'Distroless images have Python and nothing else: no shell, no pip, no apt. Everything is prepared ' +
  'in a Debian builder and copied in, and it only works when the builder uses the same Python minor ' +
  'version at the same path (/usr/bin/python3.11) — a venv is tied to the interpreter that made it. ' +
  'Without a shell, CMD and RUN must use exec form, and debugging means a debug image or a sidecar.';

/** Exec form without PATH surprises: the venv's python and scripts by absolute path. */
export function resolveEntry(argv: string[]): string[] {
  const [first, ...rest] = argv;
  if (first === undefined) return argv;
  if (first === 'python' || first === 'python3') return [VENV_PYTHON, ...rest];
  return first.includes('/') ? argv : [`/opt/venv/bin/${first}`, ...rest];
}

/**
 * The Debian-python builder, shared byte for byte by distroless and closure so that a race builds
 * it once: the venv made by Debian's own interpreter (the one both runtimes carry), trimmed.
 */
export function debianBuilderStages(ctx: RenderContext): { stages: Stage[]; venvFrom: string } {
  const { options, needs } = ctx;
  const build = needs.build.apt;
  const pkgs = sortedUnique([
    'python3-venv',
    ...(build.length ? ['python3-dev', ...build] : []),
    ...needs.runtime.apt,
  ]);
  const trim = builderTrim(options, '/opt/venv', VENV_PYTHON);
  const stages = [
    venvBuilderStage(ctx, {
      name: 'debian-builder',
      from: options.images.debian.ref,
      comment: ['debian-builder: Debian’s own Python (the one distroless runs), with venv support.'],
      pre: ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]', run(aptInstall(pkgs))],
      create: `/usr/bin/python${options.python} -m venv /opt/venv`,
      finish: COLLECT_LIBS,
    }),
    ...(options.trim
      ? [trimmedStage(ctx, 'debian-trimmed', 'debian-builder', trim, aptInstall(['binutils']))]
      : []),
  ];
  return { stages, venvFrom: options.trim ? 'debian-trimmed' : 'debian-builder' };
}

export const distroless: Strategy = {
  id: 'distroless',
  title: 'Distroless: Debian-python venv, no shell in production',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options, needs } = ctx;
    const { images, python } = options;
    const chosen = images.distroless.source !== 'catalog' && images.debian.source !== 'catalog';
    const applicable = python === DISTROLESS_PYTHON || chosen;
    const libs = needs.runtime.apt.length
      ? ` The builder installs ${needs.runtime.apt.join(', ')} and copies the libraries the extensions load into ${SYSLIB}.`
      : '';
    const reason = !applicable
      ? `${images.distroless.ref} ships Debian 12's Python ${DISTROLESS_PYTHON}; this project targets ${python}. ` +
        'A venv runs only on the Python minor version that built it. Use --python 3.11, or override the ' +
        `distroless and debian images with a pair that carries Python ${python}.`
      : chosen && python !== DISTROLESS_PYTHON
        ? `Applies if ${images.distroless.ref} has Python ${python} at /usr/bin/python${python}, as ${images.debian.ref} does.${libs}`
        : `Applies: Python ${python} is Debian 12's, the same in the builder and in distroless.${libs}`;
    const builder = debianBuilderStages(ctx);
    return makeCandidate(ctx, {
      id: 'distroless',
      title: distroless.title,
      teaches,
      applicable,
      reason,
      tradeoffs: {
        size: 'Small: ~55 MB base with Python, plus the venv and any copied libraries.',
        buildTime: 'Builder needs apt for python3-venv (and compilers); cached after the first build.',
        compatibility: `Only Python ${DISTROLESS_PYTHON} (Debian 12); no shell, so exec-form commands only.`,
        security: 'Smallest attack surface: no shell, no package manager, non-root by default.',
        debuggability: 'Poor: no shell; use the :debug variant or `docker cp` to inspect.',
      },
      summary: [
        `Build on ${images.debian.ref} with its /usr/bin/python${python}; run on ${images.distroless.ref}.`,
      ],
      stages: [
        ...builder.stages,
        {
          comment: ['The runtime: no shell, so no RUN with a shell command; everything arrives by COPY.'],
          from: images.distroless.ref,
          lines: [
            runtimeEnv(options, ['PATH=/opt/venv/bin:$PATH', `LD_LIBRARY_PATH=${SYSLIB}`]),
            'WORKDIR /app',
            `COPY --from=${builder.venvFrom} /opt/venv /opt/venv`,
            ...tailLines(ctx, {
              python: VENV_PYTHON,
              copiedAll: false,
              uid: DISTROLESS_UID,
              keyword: 'ENTRYPOINT',
              resolve: resolveEntry,
            }),
          ],
        },
      ],
      python: VENV_PYTHON,
    });
  },
};
