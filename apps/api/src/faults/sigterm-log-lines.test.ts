import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FaultServer } from './fault-server.js';

// The production server writes its log in batches (src/log-destination.ts). A deploy's SIGTERM
// must not cost the lines of the last requests: every answered request has its access-log line.
describe('the log of a SIGTERM’d built server in production mode', () => {
  const fault = new FaultServer();
  afterEach(() => fault.tearDown(), 60_000);

  it('holds an access-log line for every request it answered, up to its last, and its "stopped" line', async () => {
    const options = await fault.prepare('log-lines', undefined, { LG_SHUTDOWN_GRACE_MS: '500' });
    const running = await fault.start(options);
    let gone = false;
    void running.exited.then(() => {
      gone = true;
    });
    const answered: string[] = [];
    const client = async () => {
      while (!gone) {
        const id = randomUUID();
        try {
          const response = await fetch(`${running.url}/healthz`, {
            headers: { 'x-request-id': id },
          });
          await response.arrayBuffer();
          answered.push(id);
        } catch {
          return; // the listener closed
        }
      }
    };
    const clients = Array.from({ length: 8 }, () => client());
    await new Promise((resolve) => setTimeout(resolve, 700));
    const beforeSignal = answered.length;
    running.signal('SIGTERM');
    const exit = await running.exited;
    await Promise.all(clients);

    expect(exit.code).toBe(0);
    // Requests were answered during the grace too, the last ones just before the exit.
    expect(answered.length).toBeGreaterThan(beforeSignal);
    const records = running.records();
    const logged = new Set(records.filter((r) => r.msg === 'request').map((r) => r.requestId));
    expect(answered.filter((id) => !logged.has(id))).toEqual([]);
    expect(records.at(-1)?.msg).toBe('stopped');
  }, 60_000);
});
