import type { AboveFloor, Floor } from '../../src/image/floor.js';
import type { FirstFrame } from './first-frame.js';
import type { MachineState } from './machine.js';
import type { PathologicalPoint } from './pathological.js';
import type { Scale } from './scale.js';

/** What `npm run bench` records per candidate; written as JSON beside the markdown tables. */
export interface BenchCandidate {
  id: string;
  kind: 'slim-py' | 'seed' | 'variant';
  passed: boolean;
  sizeBytes: number;
  compressedBytes: number;
  /** Cold start: least CPU ms of fresh interpreters importing the app (what the race ranks by). */
  importMs?: number;
  /** The same runs' median wall ms (inflated by whatever ran beside them). */
  importWallMs?: number;
  /** size / the floor measured from the app. */
  timesFloor?: number;
  /** The largest parts it ships that the app never touched. */
  aboveFloor?: AboveFloor[];
  /** Bytecode 'imports': modules compiled and the bytes that added. */
  bytecode?: { modules: number; bytes: number };
  /** Build seconds inside the race (shared builders make followers fast). */
  raceBuildSeconds: number;
  /** Cold, alone: wall seconds of a one-candidate race after pruning the build cache. */
  singleWallSeconds?: number;
  error?: string;
}

/** Where the cold race spent its time, summed over candidates (stageSeconds), and its tail. */
export interface RaceCosts {
  /** Cold-start timing (5 fresh interpreters per passing candidate). */
  startupSeconds: number;
  /** The second, short build that compiles the recorded imports. */
  bytecodeSeconds: number;
  smokeSeconds: number;
  auditSeconds: number;
  /** Compressed sizes, in the background. */
  compressSeconds: number;
  /** From the last candidate's last foreground step to the race's end: what the background costs the wall. */
  tailSeconds: number;
  /** The contenders' cold starts measured again at the end (recheck-lines.ts's words), if it ran. */
  recheck?: string;
}

export interface BenchProject {
  name: string;
  python: string;
  dir: string;
  candidates: BenchCandidate[];
  /** The default rule's winner and its reason. */
  winner?: string;
  why?: string;
  /** winner's cold start / the fastest passing candidate's (target ≤ 1.2). */
  winnerVsFastest?: number;
  /** winner's size / the smallest passing candidate's (target ≤ 1.25). */
  winnerVsSmallest?: number;
  bestSeed?: string;
  winnerVsBestSeed?: number;
  floor?: Floor;
  raceWallSeconds: number;
  costs: RaceCosts;
  warmWallSeconds: number;
  peakRssBytes: number;
  /** Each candidate alone, cold: the sum and the slowest. */
  sumSingleWallSeconds?: number;
  slowestSingle?: { id: string; wallSeconds: number };
  machine: { before: MachineState; after: MachineState };
}

export interface BenchRun {
  date: string;
  machine: { nproc: number; memoryBytes: number; docker: string; node: string; builder: string };
  /** Whether the build cache was pruned before each cold race (off: the "cold" figures are warm). */
  pruned: boolean;
  projects: BenchProject[];
  firstFrame?: FirstFrame;
  failures: { project: string; python: string; error: string }[];
  scale?: Scale;
  pathological?: PathologicalPoint[];
}
