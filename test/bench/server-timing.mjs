// Preloaded into the server process by http.bench.ts (`node --import`): times each request
// from the moment Node hands it to the server until its response is flushed, inside the server,
// so the bench can tell the server's own handling time from the time a request waits in the
// queue behind other connections. Prints one JSON line on SIGTERM, before the server's own
// shutdown handler runs.
import http from 'node:http';

const ms = [];
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, res) {
  if (event === 'request') {
    const t0 = performance.now();
    res.once('finish', () => ms.push(performance.now() - t0));
  }
  return emit.apply(this, arguments);
};
process.prependListener('SIGTERM', () => {
  ms.sort((a, b) => a - b);
  const q = (p) => (ms.length ? Math.round(ms[Math.min(ms.length - 1, Math.floor(ms.length * p))] * 10) / 10 : null);
  process.stderr.write(`BENCH_SERVER_TIMING ${JSON.stringify({ n: ms.length, p50: q(0.5), p90: q(0.9), p99: q(0.99) })}\n`);
});
