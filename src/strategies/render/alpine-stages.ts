import { listNames } from '../../names.js';
import { apkInstall } from './apk.js';
import type { RenderContext } from './context.js';
import { comment } from './escape.js';
import { namesVerb, run } from './lines.js';
import { alpineUser, runtimeEnv } from './options.js';

/** The first lines of every Alpine runtime (shared by alpine and multistage-alpine). */
export function alpineRuntimeLines(ctx: RenderContext): string[] {
  const apk = ctx.needs.runtime.apk;
  const cmds = [...(apk.length ? [apkInstall(apk)] : []), ...(ctx.options.nonRoot ? alpineUser() : [])];
  return [
    runtimeEnv(ctx.options),
    ...(apk.length
      ? comment([`musl builds of the shared libraries the packages load (${apk.join(', ')}).`])
      : []),
    ...(cmds.length ? [run(cmds)] : []),
    'WORKDIR /app',
  ];
}

/** What Alpine means for this project, for reasons and warnings. */
export function muslCaveats(ctx: RenderContext): string[] {
  const { compiles, unknown } = ctx.needs;
  const out: string[] = [];
  if (compiles.musl.length) {
    out.push(
      `${namesVerb(compiles.musl, 'compile')} from source on musl ` +
        '(no musllinux wheel): expect a long build and check the size, it is not always smaller.',
    );
  }
  if (unknown.musl.length)
    out.push(`Unknown whether ${namesVerb(unknown.musl, 'install')} on musl without compiling.`);
  return out;
}

/**
 * Whether an Alpine strategy applies and why: not when a dependency cannot install on musl at all
 * (no musllinux wheel, nothing to build: torch); otherwise it does, saying what musl will cost.
 */
export function muslFit(
  ctx: RenderContext,
  caveats: readonly string[],
): { applicable: boolean; reason: string } {
  const cannot = ctx.needs.cannotInstall.musl;
  if (cannot.length) {
    return {
      applicable: false,
      reason: `Does not apply: ${listNames(cannot)} cannot install on musl (no musllinux wheel and no sdist to build); use a Debian-based image.`,
    };
  }
  return {
    applicable: true,
    reason: caveats.length
      ? `Applies, with caveats: ${caveats.join(' ')}`
      : 'Applies: every dependency is pure Python or has a musllinux wheel.',
  };
}
