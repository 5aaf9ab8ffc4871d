import { parentPort, workerData } from 'node:worker_threads';
import { computeDraw } from '../../domain/draw/compute-draw.ts';
import type { DrawInput } from '../../domain/draw/types.ts';
import { nodeSha256 } from '../draw/node-sha256.ts';

/** Worker body: computes one draw (pure domain code) and posts the result back. */
parentPort?.postMessage(computeDraw(workerData as DrawInput, { sha256: nodeSha256 }));
