import { renderContext } from '../../src/strategies/render/context.js';
import { indexArgLines } from '../../src/strategies/render/pip-install.js';
import type { Candidate, PlanInput, StrategyId } from '../../src/strategies/types.js';

/**
 * The seeds' recipes, as the well-known write-ups do them (the 926→107 MB, 956→70 MB posts): no
 * trimming, no non-root user, pip left in place. They race through the same engine as slim-py's
 * candidates (same smoke test, same audit), so the comparison is like for like.
 */
export const SEED_IDS = ['seed-slim', 'seed-wheels', 'seed-user', 'seed-venv'] as const;
export type SeedId = (typeof SEED_IDS)[number];

export function seedCandidates(input: PlanInput): Candidate[] {
  const ctx = renderContext(input);
  // The index as slim-py's own candidates get it: ARGs defaulting to the bare URL (no build args).
  const PIP_ARGS = indexArgLines(input.options);
  const { images, entry } = input.options;
  const build = ctx.needs.build.apt;
  const runtime = ctx.needs.runtime.apt;
  const cmd = entry ? [`CMD ${JSON.stringify(entry)}`] : [];
  // The write-ups add compilers to the single stage when something compiles, and keep them.
  const aptBuild = build.length
    ? [
        `RUN apt-get update && apt-get install -y --no-install-recommends ${build.join(' ')} && rm -rf /var/lib/apt/lists/*`,
      ]
    : [];
  const aptRuntime = runtime.length
    ? [
        `RUN apt-get update && apt-get install -y --no-install-recommends ${runtime.join(' ')} && rm -rf /var/lib/apt/lists/*`,
      ]
    : [];
  const builder = [
    `FROM ${images.full.ref} AS builder`,
    'WORKDIR /app',
    ...PIP_ARGS,
    'COPY requirements.txt .',
  ];
  const runtimeHead = [`FROM ${images.slim.ref}`, ...aptRuntime, 'WORKDIR /app'];
  const seeds: Record<SeedId, { lines: string[]; python: string; title: string }> = {
    'seed-slim': {
      title: 'Seed: single stage slim, --no-cache-dir',
      python: 'python3',
      lines: [
        `FROM ${images.slim.ref}`,
        ...aptBuild,
        ...aptRuntime,
        'WORKDIR /app',
        ...PIP_ARGS,
        'COPY requirements.txt .',
        'RUN pip install --no-cache-dir -r requirements.txt',
        'COPY . .',
        ...cmd,
      ],
    },
    'seed-wheels': {
      title: 'Seed: wheel-cache copy (pip wheel → COPY --from → pip install)',
      python: 'python3',
      lines: [
        ...builder,
        'RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt',
        '',
        ...runtimeHead,
        'COPY --from=builder /wheels /wheels',
        'RUN pip install --no-cache-dir /wheels/*',
        'COPY . .',
        ...cmd,
      ],
    },
    'seed-user': {
      title: 'Seed: pip install --user, ~/.local copied',
      python: 'python3',
      lines: [
        ...builder,
        'RUN pip install --user --no-cache-dir -r requirements.txt',
        '',
        ...runtimeHead,
        'COPY --from=builder /root/.local /root/.local',
        'ENV PATH=/root/.local/bin:$PATH',
        'COPY . .',
        ...cmd,
      ],
    },
    'seed-venv': {
      title: 'Seed: venv copied to slim',
      python: '/opt/venv/bin/python',
      lines: [
        ...builder,
        'RUN python3 -m venv /opt/venv',
        'ENV PATH=/opt/venv/bin:$PATH',
        'RUN pip install --no-cache-dir -r requirements.txt',
        '',
        ...runtimeHead,
        'COPY --from=builder /opt/venv /opt/venv',
        'ENV PATH=/opt/venv/bin:$PATH',
        'COPY . .',
        ...cmd,
      ],
    },
  };
  return SEED_IDS.map((id) => {
    const s = seeds[id];
    return {
      // Not a StrategyId: the race only uses the id as a label and tag.
      id: id as unknown as StrategyId,
      title: s.title,
      applicable: true,
      reason: 'a seed recipe, for comparison',
      tradeoffs: { size: '', buildTime: '', compatibility: '', security: '', debuggability: '' },
      teaches: '',
      dockerfile: `${s.lines.join('\n')}\n`,
      bases: s.lines.filter((l) => l.startsWith('FROM ')).map((l) => l.split(/\s+/)[1] as string),
      python: s.python,
      workdir: '/app',
    };
  });
}
