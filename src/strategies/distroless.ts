import { shippedPython } from './catalog.js';
import { tailLines } from './render/app-tail.js';
import { makeCandidate } from './render/candidate.js';
import { renderContext } from './render/context.js';
import { APP_ROOT, debianBuilderStages, SYSLIB } from './render/debian-builder.js';
import { DISTROLESS_UID, runtimeEnv } from './render/options.js';
import { resolveEntry, VENV_PYTHON } from './render/venv-entry.js';
import type { BaseImage, Strategy } from './types.js';

const teaches =
  'Distroless images have Python and nothing else: no shell, no pip, no apt. Everything is prepared ' +
  'in a Debian builder and copied in, and it only works when the builder uses the same Python minor ' +
  'version at the same path (/usr/bin/python3.13) — a venv is tied to the interpreter that made it. ' +
  'Without a shell, CMD and RUN must use exec form, and debugging means a debug image or a sidecar.';

/** Distroless images that existed for a Python and are gone, said when that Python is asked for. */
const RETIRED: Readonly<Record<string, string>> = {
  '3.11': 'gcr.io/distroless/python3-debian12 (Python 3.11) was removed upstream in May 2026 (end of life)',
};

/** Why distroless does not apply, or undefined when it does (or may: names that say nothing). */
function mismatch(python: string, runtime: BaseImage, builder: BaseImage): string | undefined {
  const carried = shippedPython(runtime);
  const built = shippedPython(builder);
  if (carried && carried.python !== python) {
    const retired = RETIRED[python] ? ` ${RETIRED[python]}.` : '';
    return (
      `${runtime.ref} carries ${carried.release}'s Python ${carried.python}; this project targets ${python}, ` +
      `and a venv runs only on the Python minor version that built it. There is no distroless image for Python ${python}.` +
      `${retired} closure is the shell-less choice for ${python}: FROM scratch with the official image's interpreter.`
    );
  }
  if (built && built.python !== python) {
    return (
      `${builder.ref} ships ${built.release}'s Python ${built.python}; the distroless builder needs Python ${python} ` +
      `at /usr/bin/python${python}, as ${runtime.ref} has it. Use --image debian=REF with a Debian whose python3 is ${python}.`
    );
  }
  return undefined;
}

export const distroless: Strategy = {
  id: 'distroless',
  title: 'Distroless: Debian-python venv, no shell in production',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options, needs } = ctx;
    const { images, python } = options;
    const notApplicable = mismatch(python, images.distroless, images.debian);
    const carried = shippedPython(images.distroless);
    const libs = needs.runtime.apt.length
      ? ` The builder installs ${needs.runtime.apt.join(', ')} and copies the libraries the extensions load into ${SYSLIB}.`
      : '';
    const reason =
      notApplicable ??
      (carried && shippedPython(images.debian)
        ? `Applies: Python ${python} is ${carried.release}'s, the same in the builder (${images.debian.ref}) and in ${images.distroless.ref}.${libs}`
        : `Applies if ${images.distroless.ref} has Python ${python} at /usr/bin/python${python}, as ${images.debian.ref} must too.${libs}`);
    const builder = debianBuilderStages(ctx);
    const appDir = options.nonRoot
      ? [
          '# /app owned by the app user, made in the builder: there is no shell here to mkdir and chown it.',
          `COPY --from=${builder.venvFrom} ${APP_ROOT}/ /`,
        ]
      : [];
    return makeCandidate(ctx, {
      id: 'distroless',
      title: distroless.title,
      teaches,
      applicable: notApplicable === undefined,
      reason,
      tradeoffs: {
        size: 'Small: ~55 MB base with Python, plus the venv and any copied libraries.',
        buildTime: 'Builder needs apt for python3-venv (and compilers); cached after the first build.',
        compatibility: `Only Python ${carried?.python ?? python}${carried ? ` (${carried.release})` : ''}; no shell, so exec-form commands only.`,
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
            ...appDir,
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
