import { loadavg } from 'node:os';
import type Docker from 'dockerode';
import { SESSION_LABEL } from '../../src/docker/labels.js';

/**
 * What else the machine was doing around a measurement: timings taken while others build are
 * noise, so every figure is recorded with this beside it.
 */
export interface MachineState {
  /** 1-minute load average. */
  load1: number;
  /** Containers of other slim-py sessions (other people's smoke tests and e2e races). */
  foreignContainers: number;
  /** All running containers. */
  runningContainers: number;
}

export async function machineState(docker: Docker, ownSession?: string): Promise<MachineState> {
  const running = await docker.listContainers().catch(() => []);
  const foreign = running.filter((c) => {
    const s = c.Labels?.[SESSION_LABEL];
    return s !== undefined && !(ownSession && s.startsWith(ownSession));
  });
  return {
    load1: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    foreignContainers: foreign.length,
    runningContainers: running.length,
  };
}

export function describeMachine(s: MachineState): string {
  return `load ${s.load1.toFixed(1)}, ${s.runningContainers} running containers (${s.foreignContainers} of other slim-py sessions)`;
}
