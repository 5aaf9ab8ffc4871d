// Entry of the draw worker thread: registers tsx (as bin/suiji.mjs does) so the TypeScript
// domain code runs unchanged in the worker, then computes the draw (draw-worker.ts).
import { register } from 'tsx/esm/api';

register();
await import('./draw-worker.ts');
