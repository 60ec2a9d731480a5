import { DISTROLESS_PYTHON } from './catalog.js';
import { debianBuilderStages, resolveEntry } from './distroless.js';
import { tailLines } from './render/app-tail.js';
import { aptInstall } from './render/apt.js';
import { makeCandidate } from './render/candidate.js';
import { renderContext } from './render/context.js';
import { run } from './render/lines.js';
import { APP_UID, runtimeEnv } from './render/options.js';
import type { Strategy } from './types.js';

const VENV_PYTHON = '/opt/venv/bin/python';
const ROOT = '/closure';
/** Stdlib parts no server imports: its test suite, IDLE, Tk, the turtle demos, venv bootstrapping. */
const STDLIB_DROP = ['test', 'idlelib', 'tkinter', 'turtledemo', 'ensurepip', 'lib2to3', 'pydoc_data'];

/**
 * The root filesystem, built in the builder where ldd exists. Each line does one explainable thing:
 * the interpreter, its stdlib (lib-dynload included), the venv, every shared library that any of
 * them loads (the ELF closure ldd walks: DT_NEEDED, transitively, with the loader itself), libgcc_s
 * (glibc dlopens it for thread cancellation, ldd cannot see that), CA certificates, tzdata, and a
 * passwd/group with a non-root user.
 */
function collect(python: string, bytecode: 'none' | 'compile'): string[] {
  const py = `/usr/bin/python${python}`;
  const stdlib = `/usr/lib/python${python}`;
  return [
    ...aptInstall(['ca-certificates', 'tzdata']),
    `mkdir -p ${ROOT}/tmp ${ROOT}/etc ${ROOT}/home/app ${ROOT}/usr/bin ${ROOT}/usr/lib/ssl`,
    `chmod 1777 ${ROOT}/tmp`,
    `cp -a --parents ${py} ${stdlib} /opt/venv /usr/share/zoneinfo /etc/ssl/certs/ca-certificates.crt ${ROOT}/`,
    `cp -a /usr/lib/ssl/cert.pem /usr/lib/ssl/certs ${ROOT}/usr/lib/ssl/ 2>/dev/null || true`,
    // distroless's LD_LIBRARY_PATH copies: here the libraries go to their own paths instead.
    `rm -rf ${ROOT}/opt/venv/syslib ${STDLIB_DROP.map((d) => `${ROOT}${stdlib}/${d}`).join(' ')} ${ROOT}${stdlib}/config-*`,
    ...(bytecode === 'none'
      ? [`find ${ROOT}${stdlib} -type d -name __pycache__ -prune -exec rm -rf {} +`]
      : []),
    `{ { echo ${py}; find ${stdlib}/lib-dynload /opt/venv -type f -name '*.so*'; } \\
        | xargs ldd 2>/dev/null || true; } \\
        | awk '$2 == "=>" && $3 ~ /^\\// { print $3 } $1 ~ /^\\// && $2 ~ /^\\(/ { print $1 }' \\
        | grep -v '^/opt/venv/' | sort -u > /tmp/closure-libs`,
    `echo /lib/x86_64-linux-gnu/libgcc_s.so.1 >> /tmp/closure-libs`,
    `while read -r lib; do [ -e "$lib" ] || continue; mkdir -p "${ROOT}$(dirname "$lib")"; cp -L "$lib" "${ROOT}$lib"; done < /tmp/closure-libs`,
    // The loader by its ELF interpreter path, whatever directory the list found it in.
    `interp="$(readelf -l ${py} | sed -n 's/.*interpreter: \\(.*\\)]/\\1/p')"`,
    `mkdir -p "${ROOT}$(dirname "$interp")" && cp -L "$interp" "${ROOT}$interp"`,
    `cp /etc/ld.so.cache ${ROOT}/etc/ 2>/dev/null || true`,
    `printf 'root:x:0:0:root:/root:/sbin/nologin\\napp:x:${APP_UID}:${APP_UID}:app:/home/app:/sbin/nologin\\n' > ${ROOT}/etc/passwd`,
    `printf 'root:x:0:\\napp:x:${APP_UID}:\\n' > ${ROOT}/etc/group`,
    `chown ${APP_UID}:${APP_UID} ${ROOT}/home/app`,
    // cp --parents copies parents' modes too (this builder's /opt is 0700): the user must traverse them.
    `find ${ROOT} -type d -exec chmod go+rx {} +`,
  ];
}

const teaches =
  'FROM scratch with exactly what the app needs: the interpreter, its stdlib, the venv and the ' +
  'shared libraries they load (computed with ldd in the builder, not guessed), plus CA certificates, ' +
  'tzdata and a non-root user. Every byte can be explained line by line; the smoke test and the ' +
  'library audit verify it like any other candidate. A venv is tied to its interpreter: the ' +
  "interpreter keeps its builder path, so pyvenv.cfg's home still points to it.";

export const closure: Strategy = {
  id: 'closure',
  title: 'Closure: FROM scratch, interpreter + stdlib + venv + their libraries',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options } = ctx;
    const { images, python } = options;
    const chosen = images.debian.source !== 'catalog';
    // The builder's Debian Python is the one that ships: 3.11 on Debian 12, or what an override has.
    const applicable = python === DISTROLESS_PYTHON || chosen;
    // The same builder stages as distroless, byte for byte: a race builds them once.
    const { stages: builderStages, venvFrom } = debianBuilderStages(ctx);
    return makeCandidate(ctx, {
      id: 'closure',
      title: closure.title,
      teaches,
      applicable,
      reason: applicable
        ? `Applies: ${images.debian.ref} has Python ${python} at /usr/bin/python${python}; it and its library closure are copied onto scratch.`
        : `${images.debian.ref} ships Python ${DISTROLESS_PYTHON}; this project targets ${python}. Use --python ${DISTROLESS_PYTHON} or --image debian=REF with that Python.`,
      tradeoffs: {
        size: 'The smallest that still runs: no shell, no package manager, no unused system files.',
        buildTime: 'One more builder stage (ldd walk and copies): seconds.',
        compatibility:
          'Libraries loaded with dlopen by name (ctypes.util.find_library) are not seen by ldd: list them as runtime packages.',
        security: 'Nothing but the app and what it loads; non-root.',
        debuggability: 'Poorest: no shell, no ldd, no coreutils; debug from the builder stage.',
      },
      summary: [
        `Build on ${images.debian.ref}; run on scratch with only what Python ${python} and the venv load.`,
      ],
      stages: [
        ...builderStages,
        {
          comment: [`closure-root: the runtime's whole filesystem, assembled in ${ROOT}.`],
          name: 'closure-root',
          from: venvFrom,
          lines: [
            'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
            // binutils (readelf) is in the trimmed stage already; an untrimmed builder lacks it.
            run([...(options.trim ? [] : aptInstall(['binutils'])), ...collect(python, options.bytecode)]),
          ],
        },
        {
          comment: ['The runtime: nothing but the closure. No shell: exec-form commands only.'],
          from: 'scratch',
          lines: [
            `COPY --from=closure-root ${ROOT}/ /`,
            runtimeEnv(options, ['PATH=/opt/venv/bin', 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt']),
            'WORKDIR /app',
            ...tailLines(ctx, {
              python: VENV_PYTHON,
              copiedAll: false,
              uid: APP_UID,
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
