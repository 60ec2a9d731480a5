import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { closure } from '../../src/strategies/closure.js';
import { PYTHON_LINES, parseImageFlag, resolveImages } from '../../src/strategies/index.js';
import { multistageVenv } from '../../src/strategies/multistage-venv.js';
import { parseDockerfile } from './dockerfile-lint.js';
import { flaskProject, flaskVerdicts, inputFor, pgProject, pgVerdicts } from './projects.js';
import { unnoticedFailures } from './run-chain.js';

const PYTHONS = Object.keys(PYTHON_LINES);

/** The closure-root stage's RUN, as the shell gets it (continuations joined by the parser). */
function closureRun(dockerfile: string): string {
  const stage = parseDockerfile(dockerfile).find((s) => s.name === 'closure-root');
  const run = stage?.instructions.find((i) => i.keyword === 'RUN');
  if (!run) throw new Error('no closure-root RUN');
  return run.args;
}

/** Blocks of the Dockerfile by stage name (the layout contract of render/lines.ts). */
function stageBlocks(dockerfile: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of dockerfile.trimEnd().split('\n\n').slice(1)) {
    const name = /^FROM \S+ AS (\S+)$/m.exec(b)?.[1];
    if (name) out.set(name, b);
  }
  return out;
}

describe('closure', () => {
  it('applies on every Python the catalog serves, built on the official full image', () => {
    for (const python of PYTHONS) {
      const c = closure.plan(
        inputFor(flaskProject, flaskVerdicts, { python, images: resolveImages(python) }),
      );
      expect(c.applicable, python).toBe(true);
      expect(c.bases, python).toEqual([`python:${python}-${PYTHON_LINES[python]?.debian}`, 'scratch']);
      expect(parseDockerfile(c.dockerfile).at(-1)?.from).toBe('scratch');
    }
  });

  it('shares its builder stages with multistage-venv byte for byte: one venv build per race', () => {
    const input = inputFor(pgProject, pgVerdicts);
    const c = stageBlocks(closure.plan(input).dockerfile);
    const v = stageBlocks(multistageVenv.plan(input).dockerfile);
    for (const name of ['build-env', 'venv-builder', 'venv-trimmed']) {
      expect(c.get(name), name).toBeDefined();
      expect(c.get(name), name).toBe(v.get(name));
    }
    expect(parseDockerfile(closure.plan(input).dockerfile).find((s) => s.name === 'closure-root')?.from).toBe(
      'venv-trimmed',
    );
  });

  it('asks the interpreter where it lives: the same closure-root text on every Python and layout', () => {
    const texts = PYTHONS.map((python) =>
      closureRun(
        closure.plan(inputFor(flaskProject, flaskVerdicts, { python, images: resolveImages(python) }))
          .dockerfile,
      ),
    );
    for (const t of texts) expect(t).toBe(texts[0]);
    // A Debian-layout builder (python3 at /usr/bin) renders the same commands: nothing is assumed.
    const debian = resolveImages('3.11', [parseImageFlag('full=registry.local/debian-python:bookworm')]);
    expect(
      closureRun(
        closure.plan(inputFor(flaskProject, flaskVerdicts, { python: '3.11', images: debian })).dockerfile,
      ),
    ).toBe(texts[0]);
    const text = texts[0] ?? '';
    expect(text).toContain('os.path.realpath(sys.executable)');
    expect(text).toContain('v("LIBDIR"), v("INSTSONAME")');
    expect(text).toContain('sysconfig.get_paths()["stdlib"]');
    // No interpreter path, Python version or architecture written in.
    expect(text).not.toMatch(/python3\.\d|\/usr\/local\/(bin|lib)|x86_64|aarch64|ld-linux/);
  });

  it('is architecture-neutral: the loader from the ELF header, libgcc_s from ldconfig -p', () => {
    const t = closureRun(closure.plan(inputFor(flaskProject, flaskVerdicts)).dockerfile);
    expect(t).toContain(`interp="$(readelf -l "$exe"`);
    expect(t).toMatch(/ldconfig -p \| awk '\$1 == "libgcc_s\.so\.1"/);
    expect(t).toContain('ldconfig -X -r /closure');
  });

  it('drops _tkinter and the unused stdlib before the library walk, so their libraries never follow', () => {
    const t = closureRun(closure.plan(inputFor(flaskProject, flaskVerdicts)).dockerfile);
    const walk = t.indexOf('> /tmp/ldd-out');
    expect(walk).toBeGreaterThan(0);
    for (const dropped of [
      '"/closure$dynload"/_tkinter*',
      '"/closure$stdlib"/tkinter',
      '"/closure$stdlib"/test ',
    ]) {
      expect(t.indexOf(dropped), dropped).toBeGreaterThan(0);
      expect(t.indexOf(dropped), dropped).toBeLessThan(walk);
    }
  });

  it('carries certificates, zoneinfo, /etc/services and /etc/protocols, and the venv home', () => {
    const t = closureRun(closure.plan(inputFor(flaskProject, flaskVerdicts)).dockerfile);
    expect(t).toContain(
      'cp -a --parents /etc/ssl/certs/ca-certificates.crt /usr/share/zoneinfo /etc/services /etc/protocols',
    );
    expect(t).toContain('apt-get install -y --no-install-recommends binutils ca-certificates netbase tzdata');
    expect(t).toContain(`home="$(sed -n 's/^home = //p' /opt/venv/pyvenv.cfg)"`);
    expect(t).toContain('test -d "/closure$home"');
  });

  it('fails loudly: no `|| true`, pipefail, and a failing ldd names its file', () => {
    const c = closure.plan(inputFor(pgProject, pgVerdicts));
    const root = parseDockerfile(c.dockerfile).find((s) => s.name === 'closure-root');
    expect(root?.instructions[0]).toEqual(
      expect.objectContaining({ keyword: 'SHELL', args: '["/bin/bash", "-o", "pipefail", "-c"]' }),
    );
    const t = closureRun(c.dockerfile);
    expect(t).not.toContain('|| true');
    expect(t).not.toContain('2>/dev/null');
    expect(t).toContain('echo "ldd $f failed: $out" >&2; exit 1;');
  });

  it('is valid bash', () => {
    const t = closureRun(closure.plan(inputFor(pgProject, pgVerdicts)).dockerfile);
    expect(() => execFileSync('bash', ['-n', '-o', 'pipefail', '-c', t])).not.toThrow();
  });

  it('gives /app and the home to the app user, who runs it', () => {
    const c = closure.plan(inputFor(flaskProject, flaskVerdicts));
    expect(closureRun(c.dockerfile)).toContain('chown 10001:10001 /closure/home/app /closure/app');
    expect(c.dockerfile).toContain('app:x:10001:10001');
    expect(c.dockerfile).toContain('USER 10001');
    expect(c.dockerfile).toContain('ENTRYPOINT ["/opt/venv/bin/gunicorn"');
    expect(c.python).toBe('/opt/venv/bin/python');
    const root = closure.plan(inputFor(flaskProject, flaskVerdicts, { nonRoot: false }));
    expect(closureRun(root.dockerfile)).not.toContain('chown');
  });

  it('installs the runtime libraries in the builder so ldd finds and copies them', () => {
    const c = closure.plan(inputFor(pgProject, pgVerdicts));
    const buildEnv = parseDockerfile(c.dockerfile).find((s) => s.name === 'build-env');
    expect(buildEnv?.instructions.map((i) => i.args).join('\n')).toMatch(/libpq5/);
    expect(c.dockerfile).not.toContain('LD_LIBRARY_PATH');
  });

  it('strips the interpreter, libpython and lib-dynload (built with -g) when trimming', () => {
    // The shell's ${libpython:+...}: a shared libpython is stripped too, when there is one.
    const strip = `strip --strip-unneeded "/closure$exe" \${libpython:+"/closure$libpython"} "/closure$dynload"/*.so`;
    const t = closureRun(closure.plan(inputFor(flaskProject, flaskVerdicts)).dockerfile);
    expect(t).toContain(strip);
    expect(t.indexOf(strip)).toBeLessThan(t.indexOf('> /tmp/ldd-out'));
    const untrimmed = closure.plan(inputFor(flaskProject, flaskVerdicts, { trim: false }));
    expect(closureRun(untrimmed.dockerfile)).not.toContain('strip ');
  });

  it("keeps stdlib bytecode only with bytecode 'all' ('imports' compiles its own)", () => {
    const find = 'find "/closure$stdlib" -type d -name __pycache__';
    const none = closure.plan(inputFor(flaskProject, flaskVerdicts, { bytecode: 'none' }));
    const imports = closure.plan(inputFor(flaskProject, flaskVerdicts));
    const compiled = closure.plan(inputFor(flaskProject, flaskVerdicts, { bytecode: 'all' }));
    expect(none.dockerfile).toContain(find);
    expect(imports.dockerfile).toBe(none.dockerfile);
    expect(compiled.dockerfile).not.toContain(find);
  });
});

describe('closure-root fails loudly', () => {
  it('whichever command fails (apt included), the RUN fails', { timeout: 120_000 }, () => {
    const t = closureRun(closure.plan(inputFor(pgProject, pgVerdicts)).dockerfile);
    // dpkg says a package is missing: the apt path runs too, so every command is exercised.
    const { calls, unnoticed } = unnoticedFailures(t, false);
    expect(calls.length).toBeGreaterThan(30);
    expect(calls).toContain('apt-get#1');
    expect(unnoticed).toEqual([]);
  });
});
