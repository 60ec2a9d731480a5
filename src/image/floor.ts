import type { LayerInfo } from '../docker/engine.js';
import type { Footprint } from './footprint.js';

/** What the floor needs to know about one passing candidate (measured after its build). */
export interface FloorInput {
  id: string;
  sizeBytes: number;
  /** The runtime stage's FROM image; undefined for FROM scratch (its runtime is its own files). */
  base?: { ref: string; sizeBytes: number; layerCount: number };
  footprint: Footprint;
  /** The image's filesystem layers, oldest first (the base's come first). */
  layers: LayerInfo[];
}

/** One reason a candidate is above the floor: how many bytes, and what put them there. */
export interface AboveFloor {
  bytes: number;
  what: string;
}

export interface Floor {
  bytes: number;
  /** The smallest runtime among the passing candidates and whose it is. */
  runtime: { id: string; ref: string; bytes: number };
  /** The smallest installed-packages footprint measured (the trims done right). */
  packagesBytes: number;
  appBytes: number;
}

/** The runtime a candidate brings: its FROM image, or for FROM scratch everything but packages and app. */
export function runtimeBytes(c: FloorInput): number {
  return c.base ? c.base.sizeBytes : c.sizeBytes - c.footprint.packagesBytes - c.footprint.appBytes;
}

/**
 * The floor: the smallest runtime that ran the app + the smallest measured packages footprint +
 * the app code. Undefined without a passing candidate.
 */
export function computeFloor(inputs: FloorInput[]): Floor | undefined {
  if (inputs.length === 0) return undefined;
  const byRuntime = [...inputs].sort((a, b) => runtimeBytes(a) - runtimeBytes(b))[0] as FloorInput;
  const runtime = {
    id: byRuntime.id,
    ref: byRuntime.base?.ref ?? 'scratch + its interpreter closure',
    bytes: runtimeBytes(byRuntime),
  };
  const packagesBytes = Math.min(...inputs.map((c) => c.footprint.packagesBytes));
  const appBytes = Math.min(...inputs.map((c) => c.footprint.appBytes));
  return { bytes: runtime.bytes + packagesBytes + appBytes, runtime, packagesBytes, appBytes };
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

/** Why a candidate is above the floor, largest reason first; reasons under 100 kB are left out. */
export function aboveFloor(c: FloorInput, floor: Floor): AboveFloor[] {
  const out: AboveFloor[] = [];
  const baseExtra = runtimeBytes(c) - floor.runtime.bytes;
  if (baseExtra > 0) {
    out.push({
      bytes: baseExtra,
      what: c.base
        ? `FROM ${c.base.ref}: a runtime ${mb(baseExtra)} larger than ${floor.runtime.ref} (${floor.runtime.id})`
        : 'its copied interpreter, stdlib and libraries',
    });
  }
  const pkgExtra = c.footprint.packagesBytes - floor.packagesBytes;
  if (pkgExtra > 0) {
    out.push({
      bytes: pkgExtra,
      what: 'installed packages above the trimmed minimum (pip/setuptools/wheel, tests/, __pycache__, unstripped .so)',
    });
  }
  if (c.base) {
    const own = c.layers.slice(c.base.layerCount);
    const ownBytes = own.reduce((a, l) => a + l.sizeBytes, 0);
    const other = ownBytes - c.footprint.packagesBytes - c.footprint.appBytes;
    if (other > 0) {
      const largest = [...own].sort((a, b) => b.sizeBytes - a.sizeBytes)[0];
      out.push({
        bytes: other,
        what: `the Dockerfile's own layers beyond packages and app (files, or bytes a later layer deleted but still ships)${largest ? `; largest layer: ${largest.createdBy.slice(0, 90)} (${mb(largest.sizeBytes)})` : ''}`,
      });
    }
  }
  return out.filter((a) => a.bytes >= 100_000).sort((a, b) => b.bytes - a.bytes);
}
