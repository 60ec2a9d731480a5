import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import {
  CATALOG,
  imagesFromPyprojectTable,
  PYTHON_LINES,
  parseImageFlag,
  pythonLineNote,
  ROLES,
  resolveImages,
  shippedPython,
} from '../../src/strategies/index.js';

describe('resolveImages', () => {
  it('templates the catalog with the Python version and pins every tag', () => {
    const images = resolveImages('3.12');
    expect(images.full).toEqual({ role: 'full', ref: 'python:3.12-trixie', source: 'catalog' });
    expect(images.slim.ref).toBe('python:3.12-slim-trixie');
    expect(images.alpine.ref).toBe('python:3.12-alpine3.24');
    expect(images.distroless.ref).toBe('gcr.io/distroless/python3-debian13:nonroot');
    expect(images.debian.ref).toBe('debian:13-slim');
    for (const role of ROLES) expect(CATALOG[role]).toMatch(/:[^/]+$/);
  });

  it('end-of-life Pythons get their last published tags', () => {
    expect(resolveImages('3.9').alpine.ref).toBe('python:3.9-alpine3.22');
    expect(resolveImages('3.9').slim.ref).toBe('python:3.9-slim-trixie');
    expect(resolveImages('3.8').full.ref).toBe('python:3.8-bookworm');
    expect(resolveImages('3.8').alpine.ref).toBe('python:3.8-alpine3.20');
  });

  it('says which frozen release an end-of-life line carries, on the date python-eol.ts gives', () => {
    expect(pythonLineNote('3.9', new Date('2025-10-30'))).toBeUndefined();
    expect(pythonLineNote('3.9', new Date('2025-11-01'))).toBe(
      "the catalog's images for Python 3.9 are its last: 3.9.25 (Debian 13, Alpine 3.22), never updated again",
    );
    expect(pythonLineNote('3.8', new Date('2025-01-01'))).toContain('3.8.20 (Debian 12, Alpine 3.20)');
    // A supported line, and one that ended without frozen tags in the catalog, add nothing.
    expect(pythonLineNote('3.13', new Date('2026-12-02'))).toBeUndefined();
    expect(pythonLineNote('3.10', new Date('2027-01-01'))).toBeUndefined();
  });
});

describe('shippedPython', () => {
  it.each([
    ['distroless', 'gcr.io/distroless/python3-debian13:nonroot', '3.13'],
    ['distroless', '127.0.0.1:5000/distroless/python3-debian13:nonroot', '3.13'],
    ['distroless', 'gcr.io/distroless/python3-debian12@sha256:abc', '3.11'],
    ['debian', 'debian:13-slim', '3.13'],
    ['debian', 'mirror.local/library/debian:bookworm-slim', '3.11'],
    ['debian', '127.0.0.1:5000/debian:12-slim', '3.11'],
    ['distroless', 'registry.local/distroless-py:3.12', undefined],
    ['debian', 'debian:13.1', undefined],
    ['full', 'python:3.13-trixie', undefined],
  ] as const)('%s %s → %s', (role, ref, python) => {
    expect(shippedPython({ role, ref, source: 'catalog' })?.python).toBe(python);
  });

  it('overrides replace a role, templated too; the later one wins', () => {
    const images = resolveImages('3.11', [
      { role: 'slim', ref: 'mirror.local/python:{python}-slim', source: 'pyproject.toml:12' },
      parseImageFlag('slim=127.0.0.1:5000/python:{python}-slim'),
    ]);
    expect(images.slim).toEqual({ role: 'slim', ref: '127.0.0.1:5000/python:3.11-slim', source: '--image' });
    expect(images.full.source).toBe('catalog');
  });
});

describe('parseImageFlag', () => {
  it('reads ROLE=REF, digests included', () => {
    expect(
      parseImageFlag(
        'distroless=gcr.io/distroless/python3-debian12@sha256:abababababababababababababababababababababababababababababababab',
      ),
    ).toEqual({
      role: 'distroless',
      ref: 'gcr.io/distroless/python3-debian12@sha256:abababababababababababababababababababababababababababababababab',
      source: '--image',
    });
  });
  it.each([
    ['slim', /not ROLE=REF/],
    ['=python:3.12', /not ROLE=REF/],
    ['tiny=python:3.12', /unknown role "tiny"/],
    ['slim=', /empty/],
    ['slim=python 3.12', /spaces/],
    ['slim=-bad', /not an image reference/],
    ['slim=Python:3.12-slim', /upper-case/],
    ['slim=python:3.12\nRUN echo pwned', /spaces or control characters/],
    ['slim=python:{python}-slim:again', /not an image reference/],
    ['slim=python@sha256:abc', /not an image reference/],
  ])('%j → a UserError with a hint', (flag, message) => {
    let err: unknown;
    try {
      parseImageFlag(flag);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(message);
    expect((err as UserError).hint.length).toBeGreaterThan(10);
  });
});

describe('imagesFromPyprojectTable', () => {
  const lines: Record<string, number> = {
    '': 30,
    images: 33,
    'images.slim': 34,
    'images.tiny': 35,
    'index-url': 31,
    prefer: 36,
    bytecode: 37,
  };
  const lineOf = (k: string) => lines[k];

  it('reads images and the index with file:line sources', () => {
    const s = imagesFromPyprojectTable(
      { 'index-url': 'https://pypi.example.com/simple', images: { slim: 'mirror/python:{python}-slim' } },
      'pyproject.toml',
      lineOf,
    );
    expect(s.images).toEqual([
      { role: 'slim', ref: 'mirror/python:{python}-slim', source: 'pyproject.toml:34' },
    ]);
    expect(s.indexUrl).toEqual({
      value: 'https://pypi.example.com/simple',
      source: { file: 'pyproject.toml', line: 31 },
    });
    expect(resolveImages('3.12', s.images).slim.ref).toBe('mirror/python:3.12-slim');
  });

  it('reads how the winner is chosen and the bytecode policy', () => {
    const s = imagesFromPyprojectTable({ prefer: 'size', bytecode: 'none' }, 'pyproject.toml', lineOf);
    expect(s.prefer).toEqual({ value: 'size', source: { file: 'pyproject.toml', line: 36 } });
    expect(s.bytecode).toEqual({ value: 'none', source: { file: 'pyproject.toml', line: 37 } });
  });

  it('an absent table means no overrides', () => {
    expect(imagesFromPyprojectTable(undefined, 'pyproject.toml', lineOf)).toEqual({
      images: [],
      extraIndexUrls: [],
    });
  });

  it.each([
    [{ images: { tiny: 'x:1' } }, /unknown role "tiny"/, 35],
    [{ images: { slim: 3 } }, /must be a string/, 34],
    [{ images: 'python:3.12' }, /images must be a table/, 33],
    [{ 'index-url': 'ftp://x' }, /http\(s\) or file URL: "ftp:\/\/x" is a ftp: URL/, 31],
    [{ imags: {} }, /unknown key "imags"/, undefined],
    [{ prefer: 'smallest' }, /prefer must be one of "balanced", "size", "startup", got "smallest"/, 36],
    [{ bytecode: true }, /bytecode must be one of "imports", "none", "all"/, 37],
    ['slim', /must be a table/, 30],
  ])('%j → UserError at its line', (table, message, line) => {
    let err: unknown;
    try {
      imagesFromPyprojectTable(table, 'pyproject.toml', lineOf);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(message);
    expect((err as UserError).where).toEqual(
      line ? { file: 'pyproject.toml', line } : { file: 'pyproject.toml' },
    );
  });
});

describe('the README catalog table', () => {
  it('names every catalog image, so the two cannot drift apart', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('| role | image |'));
    for (const role of ROLES) {
      const ref = CATALOG[role]
        .replace('{debian}', 'trixie')
        .replace('{alpine}', PYTHON_LINES['3.13']?.alpine ?? '');
      expect(table, role).toContain(`| \`${role}\` | \`${ref}\` |`);
    }
  });
});
