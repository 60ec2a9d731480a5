import { aptInstall } from './apt.js';
import { trimmedStage, venvBuilderStage } from './builder-stage.js';
import type { RenderContext } from './context.js';
import { LDD_EACH } from './ldd.js';
import { run, type Stage, sortedUnique } from './lines.js';
import { DISTROLESS_UID } from './options.js';
import { builderTrim } from './trim.js';
import { VENV_PYTHON } from './venv-entry.js';

/** Libraries copied next to the venv, found on LD_LIBRARY_PATH in a runtime without apt. */
export const SYSLIB = '/opt/venv/syslib';
/** An empty /app owned by the app user, copied into a runtime that has no shell to mkdir/chown it. */
export const APP_ROOT = '/opt/app-root';

/**
 * Libraries distroless python3-debian13 already has: glibc (a second copy would fight its loader)
 * and what Debian's python3.13 depends on. Everything else an extension loads is copied.
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
  ...['libssl.so.3', 'libcrypto.so.3', 'libz.so.1', 'libzstd.so.1', 'libffi.so.8', 'libexpat.so.1'],
  ...[
    'libsqlite3.so.0',
    'libbz2.so.1.0',
    'liblzma.so.5',
    'libuuid.so.1',
    'libcrypt.so.1',
    'libncursesw.so.6',
  ],
  ...['libtinfo.so.6', 'libreadline.so.8', 'libstdc++.so.6', 'libgcc_s.so.1', 'libgomp.so.1'],
  ...['libgssapi_krb5.so.2', 'libkrb5.so.3', 'libk5crypto.so.3', 'libcom_err.so.2', 'libkrb5support.so.0'],
  ...['libkeyutils.so.1', 'libnsl.so.2', 'libtirpc.so.3'],
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
  `find /opt/venv -type f -name '*.so*' -print0 \\
        | ${LDD_EACH} \\
        | awk -v have="${haveList()}" \\
            'BEGIN { n = split(have, h, " "); for (i = 1; i <= n; i++) skip[h[i]] = 1 } \\
             $2 == "=>" && $3 ~ /^\\// && $3 !~ /^\\/opt\\/venv\\// && !($1 in skip) && !seen[$1]++ { print $3 }' \\
        | xargs -r cp -L -t ${SYSLIB}`,
];

/**
 * The Debian-python builder for distroless: the venv made by Debian's own interpreter (the one
 * distroless runs, at the same path), trimmed.
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
  // Made whatever the user answer, so that answer leaves this shared builder stage alone.
  const appRoot = [`mkdir -p ${APP_ROOT}/app`, `chown ${DISTROLESS_UID}:${DISTROLESS_UID} ${APP_ROOT}/app`];
  const stages = [
    venvBuilderStage(ctx, {
      name: 'debian-builder',
      from: options.images.debian.ref,
      comment: ['debian-builder: Debian’s own Python (the one distroless runs), with venv support.'],
      pre: ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]', run(aptInstall(pkgs))],
      create: `/usr/bin/python${options.python} -m venv /opt/venv`,
      finish: [...COLLECT_LIBS, ...appRoot],
    }),
    ...(options.trim
      ? [trimmedStage(ctx, 'debian-trimmed', 'debian-builder', trim, aptInstall(['binutils']))]
      : []),
  ];
  return { stages, venvFrom: options.trim ? 'debian-trimmed' : 'debian-builder' };
}
