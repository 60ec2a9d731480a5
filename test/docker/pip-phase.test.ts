import { describe, expect, it } from 'vitest';
import { pipPhase } from '../../src/docker/pip-phase.js';

describe('pip phases from build output', () => {
  it('recognises the lines pip prints, in order', () => {
    expect(pipPhase('Collecting flask==3.1.3 (from -r requirements.txt (line 1))')).toEqual({
      phase: 'collecting',
      detail: 'flask==3.1.3',
    });
    expect(
      pipPhase('  Downloading http://127.0.0.1:8765/files/flask-3.1.3-py3-none-any.whl (103 kB)'),
    ).toEqual({
      phase: 'downloading',
      detail: 'flask-3.1.3-py3-none-any.whl (103 kB)',
    });
    expect(pipPhase('Building wheels for collected packages: pqversion')?.phase).toBe('building-wheel');
    expect(pipPhase('Installing collected packages: pqversion')).toEqual({
      phase: 'installing',
      detail: 'pqversion',
    });
  });

  it("leaves apt's and other tools' lines alone", () => {
    expect(pipPhase('Processing triggers for libc-bin (2.36-9+deb12u10) ...')).toBeUndefined();
    expect(pipPhase('Setting up libpq5:amd64 (15.13-0+deb12u1) ...')).toBeUndefined();
  });
});
