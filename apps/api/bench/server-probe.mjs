// Preloaded into the server under test by the soak bench (`node --import bench/server-probe.mjs
// dist/main.js`), never by `pnpm start`: what the server's own event loop and heap do under load.
// Every second it appends one JSON line to LG_BENCH_PROBE_FILE: event-loop delay (percentiles
// of the last second, ms), garbage-collection pauses of that second, RSS and heap.
import { appendFileSync } from 'node:fs';
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.LG_BENCH_PROBE_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let gcCount = 0;
  let gcMs = 0;
  let gcMaxMs = 0;
  let majorCount = 0;
  let majorMaxMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcCount += 1;
      gcMs += entry.duration;
      if (entry.duration > gcMaxMs) gcMaxMs = entry.duration;
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        majorCount += 1;
        if (entry.duration > majorMaxMs) majorMaxMs = entry.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const timer = setInterval(() => {
    const memory = process.memoryUsage();
    const line = {
      t: Date.now(),
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      eld: {
        p50: ms(delay.percentile(50)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        mean: ms(delay.mean),
      },
      gc: {
        count: gcCount,
        ms: Math.round(gcMs * 100) / 100,
        maxMs: Math.round(gcMaxMs * 100) / 100,
        major: majorCount,
        majorMaxMs: Math.round(majorMaxMs * 100) / 100,
      },
      cpu: process.cpuUsage(),
    };
    delay.reset();
    gcCount = 0;
    gcMs = 0;
    gcMaxMs = 0;
    majorCount = 0;
    majorMaxMs = 0;
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 1000);
  timer.unref();
}
