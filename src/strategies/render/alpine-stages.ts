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

/** Why an Alpine strategy applies: it always builds, but says what musl will cost. */
export function muslReason(caveats: readonly string[]): string {
  return caveats.length
    ? `Applies, with caveats: ${caveats.join(' ')}`
    : 'Applies: every dependency is pure Python or has a musllinux wheel.';
}
