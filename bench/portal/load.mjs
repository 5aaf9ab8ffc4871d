// Load generator for bench/portal, run as a child process so that it does not share the
// server's event loop: autocannon with `connections` connections for `duration` seconds (or,
// given `amount`, for exactly that many requests), each request for a path from the list
// (round robin; a JSON file, since thousands of paths do not fit on a command line). Prints
// autocannon's result as JSON.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const [url, pathsFile, connections, duration, amount] = process.argv.slice(2);
const paths = JSON.parse(readFileSync(pathsFile ?? '', 'utf8'));
let next = 0;
const result = await autocannon({
  url,
  connections: Number(connections ?? 100),
  duration: Number(duration ?? 10),
  ...(amount ? { amount: Number(amount) } : {}),
  requests: [{
    setupRequest: (request) => {
      const path = paths[next % paths.length];
      next += 1;
      return { ...request, path };
    },
  }],
});
process.stdout.write(JSON.stringify({
  requestsPerSecond: result.requests.average,
  total: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
}));
