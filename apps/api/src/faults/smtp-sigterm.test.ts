import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, killIfRunning, type ServerProcess, startBuiltServer } from './built-server.js';
import { createFreshDatabase, type FreshDatabase } from './databases.js';

// Claims by email: the SMTP listener is part of the server's stop. A sending server that keeps
// its session open must not hold the process past its deadline.
const baseUrl = process.env.DATABASE_URL;

describe(`SIGTERM with the claims-by-email SMTP listener on (${baseUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let server: ServerProcess | undefined;
  let database: FreshDatabase | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    await killIfRunning(server);
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('closes the listener, cuts a session left open with 421, and exits 0 before its deadline', async () => {
    database = baseUrl ? await createFreshDatabase(baseUrl) : undefined;
    dataDir = mkdtempSync(path.join(tmpdir(), 'lg-fault-smtp-'));
    const smtpPort = await freePort();
    server = await startBuiltServer({
      port: await freePort(),
      dataDir,
      secret: randomBytes(32).toString('hex'),
      operatorKey: `op_${randomBytes(24).toString('base64url')}`,
      databaseUrl: database?.url,
      // No grace: the deadline (in-flight time + 2 s) is then the tightest there is.
      env: { LG_INBOUND_SMTP_PORT: String(smtpPort), LG_SHUTDOWN_GRACE_MS: '0' },
    });
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
