/** Shared checks for the sweep-table detectors. */
import type { Detector } from '../../../../src/lib/analysis';
import { generateHealthySweep, generatePlantedSweep } from '../../../../src/lib/fixtures';
import type { Finding } from '../../../../src/lib/model';
import { runDetector, tableFromCsv } from '../table-helper';

/** Every finding of the detector on 20 healthy sweeps and 6 planted sweeps (none expected). */
export function findingsOnGeneratedSweeps(detector: Detector): Finding[] {
  const out: Finding[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    out.push(...runDetector(detector, tableFromCsv(generateHealthySweep(seed, 40))));
  }
  for (const seed of [42, 1, 2, 3, 7, 1234]) {
    out.push(...runDetector(detector, tableFromCsv(generatePlantedSweep(seed, 60).csv)));
  }
  return out;
}

/** A deterministic pseudo-random stream (mulberry32), for planted tables. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
