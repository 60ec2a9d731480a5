import { open } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT_BYTES, readText } from '../../src/project/read-text.js';
import { userErrorOf as err, tempProject } from './temp-project.js';

describe('readText', () => {
  it('reads UTF-8, drops a BOM and CRLF', async () => {
    const root = await tempProject({ 'r.txt': '\ufeffflask\r\nnumpy\r\n' });
    expect(await readText(root, path.join(root, 'r.txt'))).toBe('flask\nnumpy\n');
  });

  it('refuses NUL bytes and invalid UTF-8, naming the line', async () => {
    const root = await tempProject({
      'nul.txt': Buffer.from('flask\nnumpy\n\0\0\0'),
      'latin1.txt': Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0xe9, 0x0a]),
    });
    let e = await err(readText(root, path.join(root, 'nul.txt')));
    expect(e.message).toContain('binary');
    expect(e.where).toEqual({ file: 'nul.txt', line: 3 });
    e = await err(readText(root, path.join(root, 'latin1.txt')));
    expect(e.message).toContain('not valid UTF-8');
    expect(e.where).toEqual({ file: 'latin1.txt', line: 3 });
  });

  it('refuses a 100 MB file from its size, without reading it', async () => {
    const root = await tempProject({});
    const big = path.join(root, 'requirements.txt');
    const fh = await open(big, 'w');
    await fh.truncate(100 * 1024 * 1024); // sparse: instant, and reading it would show in the time
    await fh.close();
    const t0 = performance.now();
    const e = await err(readText(root, big));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(e.message).toContain('100.0 MB');
    expect(e.where).toEqual({ file: 'requirements.txt' });
    expect(MAX_TEXT_BYTES).toBe(5 * 1024 * 1024);
  });

  it('a missing file is reported where it was referenced', async () => {
    const root = await tempProject({});
    const e = await err(readText(root, path.join(root, 'nope.txt'), { file: 'requirements.txt', line: 4 }));
    expect(e.message).toContain('ENOENT');
    expect(e.where).toEqual({ file: 'requirements.txt', line: 4 });
  });
});
