import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from './built-server.js';
import { FaultServer } from './fault-server.js';

// Claims by email: the SMTP listener is part of the server's stop. A sending server that keeps
// its session open must not hold the process past its deadline.
const baseUrl = process.env.DATABASE_URL;

describe(`SIGTERM with the claims-by-email SMTP listener on (${baseUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  const fault = new FaultServer();
  afterEach(() => fault.tearDown(), 60_000);

  it('closes the listener, cuts a session left open with 421, and exits 0 before its deadline', async () => {
    const smtpPort = await freePort();
    const server = await fault.start(
      // No grace: the deadline (in-flight time + 2 s) is then the tightest there is.
      await fault.prepare('smtp', baseUrl, {
        LG_INBOUND_SMTP_PORT: String(smtpPort),
        LG_SHUTDOWN_GRACE_MS: '0',
      }),
    );
    const session = connect(smtpPort, '127.0.0.1');
    let heard = '';
    session.on('data', (chunk: Buffer) => {
      heard += chunk.toString();
    });
    const ended = new Promise<void>((resolve) => session.on('close', () => resolve()));
    await new Promise<void>((resolve) => session.once('data', () => resolve()));
    expect(heard).toMatch(/^220 /);

    server.signal('SIGTERM');
    const exit = await server.exited;
    await ended;
    // Exit 0: the stop finished before the deadline after which the process exits 1.
    expect(exit.code).toBe(0);
    expect(heard).toContain('421');
  }, 120_000);
});
