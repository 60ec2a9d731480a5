import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/args.js';
import { describeError, errorText, UserError } from '../../src/errors.js';
import { redactDeep, redactText, splitCredentials } from '../../src/redact.js';
import { comment } from '../../src/strategies/render/escape.js';

describe('redactText', () => {
  it.each([
    ['https://user:s3cret@pypi.corp/simple/', 'https://user:***@pypi.corp/simple/'],
    ['https://user:pa:ss@host/simple', 'https://user:***@host/simple'],
    ['a raw @ in it: https://u:p@ss@host/ y', 'a raw @ in it: https://u:***@host/ y'],
    ['https://TOKEN@host/simple/', 'https://***@host/simple/'],
    [
      '--build-arg PIP_INDEX_URL=http://u:p%40w@127.0.0.1:8765/simple/',
      '--build-arg PIP_INDEX_URL=http://u:***@127.0.0.1:8765/simple/',
    ],
    ['"url": "https://u:p@h:8080/s/"', '"url": "https://u:***@h:8080/s/"'],
    ['git+https://oauth2:glpat-XYZ@gitlab.com/o/r.git@v1', 'git+https://oauth2:***@gitlab.com/o/r.git@v1'],
    ['Looking in indexes: https://user:****@host/simple', 'Looking in indexes: https://user:***@host/simple'],
  ])('%s', (text, want) => {
    expect(redactText(text)).toBe(want);
    expect(redactText(want)).toBe(want);
  });

  it.each([
    'git+ssh://git@github.com/o/r.git',
    'https://pypi.org/simple/',
    'https://example.com/path@not-userinfo',
    'mail me: a@b.example',
  ])('leaves %s alone', (text) => expect(redactText(text)).toBe(text));

  it('redacts every string of a JSON value, keys and shapes unchanged', () => {
    const v = { index: { url: 'https://u:p@h/' }, list: ['https://t@h/x', 3, null], ok: true };
    expect(redactDeep(v)).toEqual({
      index: { url: 'https://u:***@h/' },
      list: ['https://***@h/x', 3, null],
      ok: true,
    });
    // The value given is left as it was; what held no credential is shared, not copied.
    expect(v.index.url).toBe('https://u:p@h/');
    const clean = { deps: [{ name: 'flask' }], n: 1 };
    const mixed = { clean, dirty: ['https://u:p@h/'] };
    const out = redactDeep(mixed);
    expect(out.clean).toBe(clean);
    expect(redactDeep(clean)).toBe(clean);
  });

  it('splits credentials off a URL', () => {
    expect(splitCredentials('https://me:p%40ss@pypi.corp:8443/simple/')).toEqual({
      url: 'https://pypi.corp:8443/simple/',
      host: 'pypi.corp',
      username: 'me',
      password: 'p%40ss',
    });
    expect(splitCredentials('https://pypi.org/simple/')).toBeUndefined();
  });
});

describe('every kind of output is redacted where it is made', () => {
  it('error messages and hints', () => {
    const e = new UserError('cannot reach https://u:hunter2@h/simple/', 'check https://u:hunter2@h/');
    expect(`${e.message} ${e.hint} ${errorText(describeError(e))}`).not.toContain('hunter2');
    const bug = errorText(describeError(new Error('GET https://u:hunter2@h/simple/ failed')));
    expect(bug).toContain('internal error: GET https://u:***@h/simple/ failed');
  });
  it('Dockerfile comments', () => {
    expect(comment(['index https://u:hunter2@h/simple/']).join('\n')).not.toContain('hunter2');
  });
});

describe('odd flags get a clear answer', () => {
  it.each([
    [['plan', '--python', ''], /--python "" is not a Python version/],
    [['plan', '--python', '3.13t'], /--python "3.13t" is not a Python version/],
    [['plan', '--index-url', ''], /--index-url "" is empty/],
    [['plan', '--index-url', 'ftp://h/simple'], /is a ftp: URL/],
    [['plan', '--index-url', 'https://h/simple\nRUN id'], /control characters/],
  ])('%j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrowError(message);
  });
});
