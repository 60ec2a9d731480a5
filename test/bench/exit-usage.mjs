// Preloaded into the CLI the scale bench runs (`node --import`): on exit, writes the process's own
// peak RSS and CPU time to $SLIMPY_BENCH_USAGE, so nothing is sampled from outside.
import { writeFileSync } from 'node:fs';

const target = process.env.SLIMPY_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({ maxRssBytes: u.maxRSS * 1024, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }),
    );
  });
}
