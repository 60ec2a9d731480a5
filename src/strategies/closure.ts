import { tailLines } from './render/app-tail.js';
import { fullVenvStages } from './render/builder-stage.js';
import { makeCandidate } from './render/candidate.js';
import { CLOSURE_ROOT, closureRootCommands } from './render/closure-root.js';
import { renderContext } from './render/context.js';
import { run } from './render/lines.js';
import { APP_UID, runtimeEnv } from './render/options.js';
import { resolveEntry, VENV_PYTHON } from './render/venv-entry.js';
import type { Strategy } from './types.js';

const teaches =
  'FROM scratch with exactly what the app needs: the interpreter, its stdlib, libpython, the venv ' +
  'and the shared libraries they load (asked of the interpreter with sysconfig and computed with ' +
  'ldd in the builder, not guessed), plus CA certificates, tzdata, /etc/services and a non-root ' +
  'user. Every byte can be explained line by line; the smoke test and the library audit verify it ' +
  'like any other candidate. A venv is tied to its interpreter: the interpreter keeps its builder ' +
  "path, so pyvenv.cfg's home and the $ORIGIN/../lib rpath still find it.";

export const closure: Strategy = {
  id: 'closure',
  title: 'Closure: FROM scratch, interpreter + stdlib + venv + their libraries',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options } = ctx;
    const { images, python } = options;
    // The same builder stages as multistage-venv, byte for byte: a race builds the venv once.
    const { stages: builderStages, venvFrom } = fullVenvStages(ctx);
    return makeCandidate(ctx, {
      id: 'closure',
      title: closure.title,
      teaches,
      applicable: true,
      reason:
        `Applies: the Python ${python} of ${images.full.ref}, wherever sysconfig says it lives, ` +
        'and the libraries it and the venv load are copied onto scratch.',
      tradeoffs: {
        size: 'The smallest that still runs: no shell, no package manager, no unused system files.',
        buildTime: 'One more builder stage (ldd walk and copies) on the multistage-venv builder: seconds.',
        compatibility:
          'Libraries loaded with dlopen by name (ctypes.util.find_library) are not seen by ldd: list them as runtime packages.',
        security: 'Nothing but the app and what it loads; non-root.',
        debuggability: 'Poorest: no shell, no ldd, no coreutils; debug from the builder stage.',
      },
      summary: [
        `Build in ${images.full.ref} (the multistage-venv builder); run on scratch with only what Python ${python} and the venv load.`,
      ],
      stages: [
        ...builderStages,
        {
          comment: [`closure-root: the runtime's whole filesystem, assembled in ${CLOSURE_ROOT}.`],
          name: 'closure-root',
          from: venvFrom,
          lines: ['SHELL ["/bin/bash", "-o", "pipefail", "-c"]', run(closureRootCommands(options))],
        },
        {
          comment: ['The runtime: nothing but the closure. No shell: exec-form commands only.'],
          from: 'scratch',
          lines: [
            `COPY --from=closure-root ${CLOSURE_ROOT}/ /`,
            // LANG as the official images set it: the app sees the environment it has on slim.
            runtimeEnv(options, [
              'PATH=/opt/venv/bin',
              'LANG=C.UTF-8',
              'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt',
            ]),
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
