import { alpineRuntimeLines, muslCaveats, muslFit } from './render/alpine-stages.js';
import { apkTransient } from './render/apk.js';
import { appCopy, tailLines } from './render/app-tail.js';
import { makeCandidate } from './render/candidate.js';
import { renderContext } from './render/context.js';
import { bytecodeFlags, SYSTEM_SITE } from './render/options.js';
import { depsBlock, selfInstall } from './render/pip-install.js';
import { trimCommands } from './render/trim.js';
import type { Strategy } from './types.js';

const teaches =
  'Alpine uses musl, not glibc: manylinux wheels do not install there, so pip needs a musllinux wheel ' +
  'or compiles from source — numpy or pandas can take many minutes and need build-base and BLAS ' +
  'headers. A small base does not guarantee a small image. The build packages go in a named virtual ' +
  'package and are deleted in the same RUN.';

export const alpine: Strategy = {
  id: 'alpine',
  title: 'Single stage on Alpine (musl)',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options, needs } = ctx;
    const transient = needs.build.apk;
    const strip = needs.compiles.musl.length > 0; // build-base brings binutils
    const trim = options.trim
      ? [SYSTEM_SITE, ...trimCommands({ dir: '"$SITE"', strip, pycache: false }, ctx.keepTools)]
      : [];
    const block = {
      python: 'python3',
      plan: ctx.plan,
      options,
      verb: 'install' as const,
      flags: bytecodeFlags(options),
      copyAll: appCopy(options),
      around: (pip: string[]) =>
        transient.length ? apkTransient(transient, [...pip, ...trim]) : [...pip, ...trim],
      note: transient.length
        ? ['.build-deps is added and deleted in this one RUN: no layer keeps the compilers.']
        : [],
    };
    const deps = depsBlock(block);
    // The project itself: build packages again only if more than git was needed; no trim (its own tree).
    const selfTools = transient.filter((p) => p !== 'git');
    const selfBlock = {
      ...block,
      around: (pip: string[]) => (selfTools.length ? apkTransient(selfTools, pip) : pip),
    };
    const caveats = muslCaveats(ctx);
    return makeCandidate(ctx, {
      id: 'alpine',
      title: alpine.title,
      teaches,
      ...muslFit(ctx, caveats),
      tradeoffs: {
        size: 'Smallest base (~50 MB); compiled packages and musl builds of libraries can eat the gain.',
        buildTime: needs.compiles.musl.length
          ? 'Slow: compiles from source on every dependency change.'
          : 'Fast: small pull, wheels only.',
        compatibility:
          'Lowest: musl differs from glibc (DNS, locales, threads stack size); manylinux wheels do not apply.',
        security: 'Small package set; busybox shell and apk remain.',
        debuggability: 'Fair: busybox sh and apk; glibc-only tools will not run.',
      },
      summary: ['One stage on Alpine; build deps in a virtual package deleted within the install RUN.'],
      stages: [
        {
          comment: [],
          from: options.images.alpine.ref,
          lines: [
            ...alpineRuntimeLines(ctx),
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
      warnings: caveats,
    });
  },
};
