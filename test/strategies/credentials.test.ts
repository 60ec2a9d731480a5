import { describe, expect, it } from 'vitest';
import { carrierSentence, credentialCarrier, netrcFor } from '../../src/strategies/render/credentials.js';
import { buildArgs, buildSecrets } from '../../src/strategies/render/pip-install.js';
import { flaskProject, flaskVerdicts, inputFor } from './projects.js';

const options = (o: Parameters<typeof inputFor>[2]) => inputFor(flaskProject, flaskVerdicts, o).options;

describe('how an index password reaches pip', () => {
  it('a netrc line per host with credentials, percent-decoded', () => {
    expect(
      netrcFor(['https://me:p%40ss%3Aw@pypi.corp/simple/', 'https://pypi.org/simple/', 'http://u:v@h:8080/']),
    ).toEqual({
      content: 'machine pypi.corp login me password p@ss:w\nmachine h login u password v\n',
    });
    expect(netrcFor(['https://pypi.org/simple/'])).toBeUndefined();
  });

  it.each([
    ['https://TOKEN@host/simple/', 'a token alone: old netrc parsers need a password'],
    ['https://me:pa%20ss@host/', 'a space'],
    ['https://me:pa%22ss@host/', 'a quote'],
    ['https://me:pa%5Css@host/', 'a backslash'],
    ['https://me:%23pw@host/', 'a leading #'],
  ])('%s cannot be a netrc (%s): a build arg instead, and the plan says why', (url) => {
    const o = options({ indexUrl: url });
    expect(netrcFor([url])).toEqual({ unsafe: 'host' });
    expect(credentialCarrier(o)).toBe('build-arg');
    expect(buildArgs(o)).toEqual({ PIP_INDEX_URL: url });
    expect(buildSecrets(o)).toBeUndefined();
    expect(carrierSentence(o)).toMatch(/a netrc file cannot hold this login/);
  });

  it('BuildKit: a secret, no build arg; classic: a build arg; no password: neither', () => {
    const url = 'https://me:pw@pypi.corp/simple/';
    expect(buildSecrets(options({ indexUrl: url }))).toEqual({
      netrc: 'machine pypi.corp login me password pw\n',
    });
    expect(buildArgs(options({ indexUrl: url }))).toBeUndefined();
    expect(carrierSentence(options({ indexUrl: url }))).toMatch(/BuildKit secret/);
    expect(carrierSentence(options({ indexUrl: url, builder: 'classic' }))).toMatch(
      /classic builder has no secret mounts/,
    );
    expect(credentialCarrier(options({ indexUrl: 'https://pypi.corp/simple/' }))).toBeUndefined();
  });
});
