import { describe, expect, it } from 'vitest';
import {
  canonicalVersion,
  compareVersions,
  isPrerelease,
  pinnedVersion,
  satisfies,
} from '../../src/pep/pep440.js';

const cmp = (a: string, b: string) => compareVersions(a, b)!;

describe('pep440', () => {
  it('orders dev < pre < final < post', () => {
    const sorted = ['1.0.post1', '1.0', '1.0rc1', '1.0a1', '1.0.dev1', '0.9', '1.0b2'].sort(cmp);
    expect(sorted).toEqual(['0.9', '1.0.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0.post1']);
    expect(cmp('1.10', '1.9')).toBe(1);
    expect(cmp('2.0', '2.0.0')).toBe(0);
  });

  it('canonicalises pins', () => {
    expect(canonicalVersion('2.9.0')).toBe(canonicalVersion('2.9'));
    expect(canonicalVersion('V1.0-RC1')).toBe('1rc1');
    expect(canonicalVersion('1.0-1')).toBe('1.post1');
    expect(canonicalVersion('2.13.0+cpu')).toBe('2.13+cpu');
  });

  it('checks requires-python style specifiers', () => {
    expect(satisfies('3.12.99', '>=3.9')).toBe(true);
    expect(satisfies('3.12.99', '>=3.8, <3.12')).toBe(false);
    expect(satisfies('3.12.99', '>=3.6, !=3.0.*, !=3.1.*')).toBe(true);
    expect(satisfies('3.11.99', '~=3.11')).toBe(true);
    expect(satisfies('3.12.99', '~=3.11.0')).toBe(false);
    expect(satisfies('3.12.99', '==3.12.*')).toBe(true);
    expect(satisfies('1.24.4', '<1.25')).toBe(true);
    expect(satisfies('1.25.0', '<1.25')).toBe(false);
    expect(satisfies('1.0', 'garbage')).toBe(true);
  });

  it('finds exact pins only', () => {
    expect(pinnedVersion('==1.1.1')).toBe('1.1.1');
    expect(pinnedVersion('>=1,==2.0')).toBe('2.0');
    expect(pinnedVersion('==1.*')).toBeUndefined();
    expect(pinnedVersion('>=2')).toBeUndefined();
  });

  it('reads what it cannot parse as no information', () => {
    expect(compareVersions('1.0', 'not-a-version')).toBeUndefined();
    expect(satisfies('not-a-version', '<1')).toBe(true);
    expect(isPrerelease('2.0rc1')).toBe(true);
    expect(isPrerelease('2.0.dev3')).toBe(true);
    expect(isPrerelease('2.0.post1')).toBe(false);
    expect(isPrerelease('garbage')).toBe(false);
  });
});
