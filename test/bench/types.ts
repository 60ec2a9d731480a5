import type { Floor } from '../../src/image/floor.js';
import type { FirstFrame } from './first-frame.js';

/** What `npm run bench` records per project; written as JSON beside the markdown table. */
export interface BenchCandidate {
  id: string;
  kind: 'slim-py' | 'seed' | 'variant';
  passed: boolean;
  sizeBytes: number;
  /** Build seconds inside the race (shared builders make followers fast). */
  raceBuildSeconds: number;
  /** Cold, alone: build seconds and wall seconds of a one-candidate race. */
  singleBuildSeconds?: number;
  singleWallSeconds?: number;
  /** Median cold import time of the app's modules, ms. */
  importMs?: number;
  /** size / floor. */
  timesFloor?: number;
  error?: string;
}

export interface BenchProject {
  name: string;
  dir: string;
  candidates: BenchCandidate[];
  raceWallSeconds: number;
  warmWallSeconds: number;
  peakRssBytes: number;
  slowestSingle?: { id: string; wallSeconds: number; buildSeconds: number };
  sumSingleWallSeconds?: number;
  baseline?: string;
  winner?: string;
  bestSeed?: string;
  winnerVsBaseline?: number;
  winnerVsBestSeed?: number;
  floorBytes?: number;
  floor?: Floor;
  winnerVsFloor?: number;
  /** Why the winner is above the floor, largest first. */
  floorNotes?: string[];
}

export interface BenchRun {
  date: string;
  machine: { nproc: number; memoryBytes: number; docker: string; node: string; builder: string };
  projects: BenchProject[];
  firstFrame?: FirstFrame;
}
