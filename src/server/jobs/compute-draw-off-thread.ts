import { Worker } from 'node:worker_threads';
import { computeDraw } from '../../domain/draw/compute-draw.ts';
import type { DrawResult } from '../../domain/draw/draw-errors.ts';
import type { DrawInput, DrawOutput } from '../../domain/draw/types.ts';
import { nodeSha256 } from '../draw/node-sha256.ts';

/**
 * Candidates above which a draw is computed in a worker thread, so the server (and PGlite,
 * which runs on the main thread) keeps answering. Below it, starting a worker (≈ 0.3 s with
 * tsx) costs more than the computation.
 */
export const WORKER_THRESHOLD = 50_000;

/** computeDraw, in a worker_threads worker for big pools, in process otherwise. Same result either way. */
export async function computeDrawOffThread(input: DrawInput, threshold: number = WORKER_THRESHOLD): Promise<DrawResult<DrawOutput>> {
  const size = input.strata.reduce((n, s) => n + s.candidates.length, 0);
  if (size < threshold) return computeDraw(input, { sha256: nodeSha256 });
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./draw-worker.mjs', import.meta.url), { workerData: input });
    worker.once('message', (result: DrawResult<DrawOutput>) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`draw worker exited with code ${code}`));
    });
  });
}
