import { describe, expect, it } from 'vitest';
import { missingHeaders } from '../../src/analysis/header-packages.js';
import { emptyResult } from '../../src/race/types.js';
import { repairFor, repairsForRound, withRepair } from '../../src/session/repair.js';
import type { Options } from '../../src/strategies/types.js';

// Lines as pip/gcc print them in a real failed build of the pqversion fixture without libpq-dev.
const GCC_LOG = [
  "  building 'pqversion' extension",
  '  gcc -Wsign-compare -DNDEBUG -g -fwrapv -O2 -Wall -fPIC -I/opt/venv/include -I/usr/include/python3.11 -c pqversion.c -o build/temp.linux-x86_64-cpython-311/pqversion.o',
  '  pqversion.c:2:10: fatal error: libpq-fe.h: No such file or directory',
  '      2 | #include <libpq-fe.h>',
  '  compilation terminated.',
  "  error: command '/usr/bin/gcc' failed with exit code 1",
];

const options = {
  buildPackages: { apt: ['gcc'], apk: [] },
  runtimePackages: { apt: [], apk: [] },
} as unknown as Options;

describe('repairs from a failure that names what is missing', () => {
  it('reads missing headers and pg_config from a build log', () => {
    expect(missingHeaders(GCC_LOG)).toEqual(['libpq-fe.h']);
    expect(missingHeaders(['Error: pg_config executable not found.'])).toEqual(['pg_config']);
    expect(missingHeaders(['all good'])).toEqual([]);
  });

  it('a build that stopped on a missing header gets the -dev package in the builder', () => {
    const r = { ...emptyResult('slim', 't'), failedAt: 'build' as const, error: 'exit 1', logTail: GCC_LOG };
    const repair = repairFor(r)!;
    expect(repair).toEqual({
      kind: 'build',
      apt: ['libpq-dev'],
      apk: ['postgresql-dev'],
      missing: ['libpq-fe.h'],
    });
    expect(withRepair(options, repair).buildPackages.apt).toEqual(['gcc', 'libpq-dev']);
    expect(withRepair(options, repair).runtimePackages.apt).toEqual([]);
  });

  it('an audit that found sonames missing gets their packages in the runtime', () => {
    const r = {
      ...emptyResult('multistage-venv', 't'),
      failedAt: 'audit' as const,
      error: 'libpq.so.5 is missing',
      missingLibraries: [
        { soname: 'libpq.so.5', neededBy: '/opt/venv/lib/python3.11/site-packages/pqversion.so' },
      ],
    };
    const repair = repairFor(r)!;
    expect(repair.kind).toBe('runtime');
    expect(repair.apt).toEqual(['libpq5']);
    expect(withRepair(options, repair).runtimePackages.apt).toEqual(['libpq5']);
  });

  it('nothing to repair when the failure names nothing known', () => {
    expect(
      repairFor({ ...emptyResult('slim', 't'), failedAt: 'build', logTail: ['E: network down'] }),
    ).toBeUndefined();
    expect(repairFor({ ...emptyResult('slim', 't'), failedAt: 'timeout' })).toBeUndefined();
    const unknownLib = {
      ...emptyResult('slim', 't'),
      failedAt: 'audit' as const,
      missingLibraries: [{ soname: 'libmadeup.so.9', neededBy: '/x.so' }],
    };
    expect(repairFor(unknownLib)).toBeUndefined();
  });

  it('a shared stage failed once for two candidates: the one without the log gets the same repair', () => {
    const error =
      'executor failed running [/bin/bash -o pipefail -c /opt/venv/bin/python -m pip install -r requirements.txt]: exit code: 1';
    const withLog = {
      ...emptyResult('distroless', 't'),
      failedAt: 'build' as const,
      error,
      logTail: GCC_LOG,
    };
    const without = {
      ...emptyResult('closure', 't'),
      failedAt: 'build' as const,
      error,
      logTail: ['#12 ERROR: exit code: 1'],
    };
    const other = {
      ...emptyResult('slim', 't'),
      failedAt: 'build' as const,
      error: 'another command failed',
      logTail: [],
    };
    const repairs = repairsForRound([without, withLog, other]);
    expect(repairs.get('closure')?.apt).toEqual(['libpq-dev']);
    expect(repairs.get('distroless')?.apt).toEqual(['libpq-dev']);
    expect(repairs.has('slim')).toBe(false);
  });
});
