import { aptInstall } from './apt.js';
import type { RenderContext } from './context.js';
import { comment } from './escape.js';
import { run, type Stage, sortedUnique } from './lines.js';
import { bytecodeFlags, debianUser, runtimeEnv } from './options.js';
import { depsBlock, selfInstall } from './pip-install.js';
import { builderTrim, type TrimTarget, trimCommands } from './trim.js';
import { VENV_PYTHON } from './venv-entry.js';

/**
 * Stages and line blocks that several candidates share. They are rendered from the context only
 * (never from the strategy), so two candidates get byte-identical text and one cached build.
 */

/** Build packages on the full image; also the runtime libraries, so the builder can import what it built. */
export function buildEnvLines(ctx: RenderContext): string[] {
  const pkgs = sortedUnique([...ctx.needs.build.apt, ...ctx.needs.runtime.apt]);
  if (pkgs.length === 0) return [];
  return [
    '# The full image already has gcc and most -dev headers; naming them keeps a custom base working.',
    run(aptInstall(pkgs)),
  ];
}

export function buildEnvStage(ctx: RenderContext): Stage {
  const lines = buildEnvLines(ctx);
  return {
    comment: [
      lines.length
        ? 'build-env: the full image (compilers, headers) plus what the verdicts ask for. Never shipped.'
        : 'build-env: the full image as it is (nothing to add here); the builders below share it. Never shipped.',
    ],
    name: 'build-env',
    from: ctx.options.images.full.ref,
    lines,
  };
}

/** The first lines of every Debian-slim runtime: ENV, runtime libraries and the user in one layer. */
export function slimRuntimeLines(ctx: RenderContext): string[] {
  const apt = ctx.needs.runtime.apt;
  const user = ctx.options.nonRoot ? debianUser() : [];
  const cmds = [...(apt.length ? aptInstall(apt) : []), ...user];
  return [
    runtimeEnv(ctx.options),
    ...(apt.length
      ? comment([`Shared libraries the packages load at run time (${apt.join(', ')}); no -dev headers.`])
      : []),
    ...(cmds.length ? [run(cmds)] : []),
    'WORKDIR /app',
  ];
}

export interface VenvBuilder {
  name: string;
  from: string;
  comment: string[];
  /** Lines before WORKDIR (system packages on a bare base). */
  pre?: string[];
  /** The command that creates /opt/venv. */
  create: string;
  /** Runs after everything is installed (e.g. collecting shared libraries). */
  finish?: string[];
}

/** A builder that installs the dependencies (and the project, if installable) into /opt/venv. */
export function venvBuilderStage(ctx: RenderContext, b: VenvBuilder): Stage {
  const block = {
    python: VENV_PYTHON,
    plan: ctx.plan,
    options: ctx.options,
    verb: 'install' as const,
    flags: bytecodeFlags(ctx.options),
    copyAll: 'COPY . .',
  };
  const deps = depsBlock(block);
  const self = ctx.plan.self !== 'none' ? ['COPY . .', selfInstall(block)] : [];
  return {
    comment: b.comment,
    name: b.name,
    from: b.from,
    lines: [
      ...(b.pre ?? []),
      'WORKDIR /app',
      '# A venv is one self-contained folder: easy to copy whole into the runtime stage.',
      run([b.create]),
      ...deps.lines,
      ...self,
      ...(b.finish?.length ? [run(b.finish)] : []),
    ],
  };
}

/** A stage on top of a builder that only trims: the untrimmed builder stays shared and cached. */
export function trimmedStage(
  ctx: RenderContext,
  name: string,
  from: string,
  target: TrimTarget,
  tools: string[] = [],
): Stage {
  return {
    comment: [
      `${name}: ${target.dir} without test suites${target.pycache ? ', __pycache__' : ''}${target.strip ? ', debug symbols' : ''}` +
        `${target.venvPython ? ' and unused pip/setuptools/wheel' : ''}.`,
      'Trimming here, before the COPY into the runtime, is what makes the bytes disappear.',
    ],
    name,
    from,
    // `tools`: binutils on a bare builder, installed here so the builder above stays shared.
    lines: [run([...tools, ...trimCommands(target, ctx.keepTools)])],
  };
}

/**
 * The venv built in the official full image: build-env, venv-builder and (trimmed) venv-trimmed.
 * multistage-venv copies /opt/venv onto slim, closure onto scratch: one venv build per race.
 */
export function fullVenvStages(ctx: RenderContext): { stages: Stage[]; venvFrom: string } {
  const builder = venvBuilderStage(ctx, {
    name: 'venv-builder',
    from: 'build-env',
    comment: ['venv-builder: dependencies into /opt/venv with the full toolchain at hand.'],
    create: 'python3 -m venv /opt/venv',
  });
  const { trim } = ctx.options;
  const trimmed = trim
    ? [trimmedStage(ctx, 'venv-trimmed', 'venv-builder', builderTrim(ctx.options, '/opt/venv', VENV_PYTHON))]
    : [];
  return {
    stages: [buildEnvStage(ctx), builder, ...trimmed],
    venvFrom: trim ? 'venv-trimmed' : 'venv-builder',
  };
}
