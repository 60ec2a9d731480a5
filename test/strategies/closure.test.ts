import { describe, expect, it } from 'vitest';
import { closure } from '../../src/strategies/closure.js';
import { parseDockerfile } from './dockerfile-lint.js';
import { flaskProject, flaskVerdicts, inputFor, pgProject, pgVerdicts } from './projects.js';

describe('closure', () => {
  it('runs on scratch with the interpreter at its builder path, so pyvenv.cfg home still holds', () => {
    const c = closure.plan(inputFor(flaskProject, flaskVerdicts, { python: '3.11' }));
    expect(c.applicable).toBe(true);
    const stages = parseDockerfile(c.dockerfile);
    expect(stages.at(-1)?.from).toBe('scratch');
    expect(c.dockerfile).toContain('/usr/bin/python3.11 -m venv /opt/venv');
    expect(c.dockerfile).toContain('cp -a --parents /usr/bin/python3.11 /usr/lib/python3.11 /opt/venv');
    // The library closure: the interpreter, lib-dynload and the venv's extensions, walked by ldd.
    expect(c.dockerfile).toMatch(
      /echo \/usr\/bin\/python3\.11; find \/usr\/lib\/python3\.11\/lib-dynload \/opt\/venv/,
    );
    expect(c.dockerfile).toContain('ca-certificates tzdata');
    expect(c.dockerfile).toContain('app:x:10001:10001');
    expect(c.dockerfile).toContain('USER 10001');
    expect(c.dockerfile).toContain('ENTRYPOINT ["/opt/venv/bin/gunicorn"');
    expect(c.python).toBe('/opt/venv/bin/python');
  });

  it('installs the runtime libraries in the builder so ldd finds and copies them', () => {
    const c = closure.plan(inputFor(pgProject, pgVerdicts, { python: '3.11' }));
    expect(c.dockerfile).toMatch(/apt-get install -y --no-install-recommends \\\n(\s+\S+ \\\n)*\s+libpq5 /);
    expect(c.dockerfile).not.toContain('LD_LIBRARY_PATH');
  });

  it('keeps stdlib bytecode only with bytecode compile', () => {
    const none = closure.plan(inputFor(flaskProject, flaskVerdicts, { python: '3.11', bytecode: 'none' }));
    const compiled = closure.plan(
      inputFor(flaskProject, flaskVerdicts, { python: '3.11', bytecode: 'compile' }),
    );
    expect(none.dockerfile).toContain('/closure/usr/lib/python3.11 -type d -name __pycache__');
    expect(compiled.dockerfile).not.toContain('/closure/usr/lib/python3.11 -type d -name __pycache__');
  });

  it('does not apply to a Python the Debian builder lacks', () => {
    const c = closure.plan(inputFor(flaskProject, flaskVerdicts, { python: '3.12' }));
    expect(c.applicable).toBe(false);
    expect(c.reason).toContain('--python 3.11');
  });
});
