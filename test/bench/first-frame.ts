import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface FirstFrame {
  /** Median ms from spawn to the wizard's first frame on a real terminal (tmux). */
  wizardMs: number;
  /** The same measured for `node -e "console.log('ready')"`: what any Node CLI pays to start. */
  nodeMs: number;
  runs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Spawns `command` in a detached tmux pane and polls the screen until `marker` shows. */
function timeToScreen(command: string, marker: string, timeoutMs = 10_000): number {
  const session = `slim-py-bench-${process.pid}`;
  const tmux = (...a: string[]) => execFileSync('tmux', a, { encoding: 'utf8' });
  const start = performance.now();
  tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', `${command}; sleep 30`);
  try {
    for (;;) {
      if (tmux('capture-pane', '-p', '-t', session).includes(marker)) return performance.now() - start;
      if (performance.now() - start > timeoutMs)
        throw new Error(`no "${marker}" on screen after ${timeoutMs} ms`);
      execFileSync('sleep', ['0.005']);
    }
  } finally {
    tmux('kill-session', '-t', session);
  }
}

/**
 * The wizard's first frame, side by side with a bare Node start in the same way, so the ratio
 * survives a noisy machine. Uses the built CLI (dist/), as `npx slim-py` runs it.
 */
export function measureFirstFrame(root: string, project: string, runs = 5): FirstFrame {
  if (!existsSync(join(root, 'dist/src/cli.js')))
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  const cli = `cd ${root} && env -u CI node bin/slim-py.js ${project} --offline`;
  const wizard: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < runs; i++) {
    wizard.push(timeToScreen(cli, 'slim-py 1/8'));
    node.push(timeToScreen(`node -e "console.log('rea'+'dy')"`, 'ready'));
  }
  return { wizardMs: median(wizard), nodeMs: median(node), runs };
}
