import { alpineRuntimeLines, muslCaveats, muslFit } from './render/alpine-stages.js';
import { apkInstall } from './render/apk.js';
import { tailLines } from './render/app-tail.js';
import { trimmedStage, venvBuilderStage } from './render/builder-stage.js';
import { makeCandidate } from './render/candidate.js';
import { renderContext } from './render/context.js';
import { sortedUnique } from './render/lines.js';
import { builderTrim } from './render/trim.js';
import type { Strategy } from './types.js';

const teaches =
  'Alpine in both stages: the venv is built against musl and runs on musl. Copying a venv built on ' +
  'Debian (glibc) into Alpine fails at import time — the compiled .so files want glibc. When every ' +
  'dependency has a musllinux wheel this is often the smallest image; when they compile it is the ' +
  'slowest build.';

export const multistageAlpine: Strategy = {
  id: 'multistage-alpine',
  title: 'Multi-stage: Alpine builder into Alpine runtime',
  teaches,
  plan(input) {
    const ctx = renderContext(input);
    const { options, needs } = ctx;
    const pkgs = sortedUnique([...needs.build.apk, ...needs.runtime.apk]);
    const builder = venvBuilderStage(ctx, {
      name: 'alpine-builder',
      from: options.images.alpine.ref,
      comment: ['alpine-builder: dependencies into /opt/venv, built against musl.'],
      pre: pkgs.length
        ? ['# The builder is thrown away, so its packages need no virtual group.', `RUN ${apkInstall(pkgs)}`]
        : [],
      create: 'python3 -m venv /opt/venv',
    });
    const trim = builderTrim(options, '/opt/venv', '/opt/venv/bin/python');
    const trimmed = options.trim
      ? [trimmedStage(ctx, 'alpine-trimmed', 'alpine-builder', trim, [apkInstall(['binutils'])])]
      : [];
    const caveats = muslCaveats(ctx);
    return makeCandidate(ctx, {
      id: 'multistage-alpine',
      title: multistageAlpine.title,
      teaches,
      ...muslFit(ctx, caveats),
      tradeoffs: {
        size: 'Often the smallest with a shell: ~50 MB base plus the venv.',
        buildTime: needs.compiles.musl.length
          ? 'Slow: musl compiles from source; cached in the builder after the first build.'
          : 'Fast: small pulls, wheels only.',
        compatibility: 'musl, not glibc: DNS, locale and thread-stack differences; glibc-only binaries fail.',
        security: 'No compilers in production; busybox and apk remain.',
        debuggability: 'Fair: busybox sh; glibc tools and many debuggers do not run.',
      },
      summary: [`Build and run on ${options.images.alpine.ref}: a musl venv for a musl runtime.`],
      stages: [
        builder,
        ...trimmed,
        {
          comment: ['The runtime: Alpine, the musl venv, the app.'],
          from: options.images.alpine.ref,
          lines: [
            ...alpineRuntimeLines(ctx),
            `COPY --from=${options.trim ? 'alpine-trimmed' : 'alpine-builder'} /opt/venv /opt/venv`,
            'ENV PATH=/opt/venv/bin:$PATH',
            ...tailLines(ctx, { python: '/opt/venv/bin/python', copiedAll: false }),
          ],
        },
      ],
      python: '/opt/venv/bin/python',
      warnings: caveats,
    });
  },
};
