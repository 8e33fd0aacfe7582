// Databases for the fault tests: a fresh database per test on the shared PostgreSQL, and a
// private PostgreSQL cluster (initdb + pg_ctl in a temp dir, on a free port) for the test that
// restarts the server: the machine's shared PostgreSQL serves other tests and never restarts.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { freePort } from './built-server.js';

const run = promisify(execFile);

export interface FreshDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Creates an empty database on the server of `serverUrl`; `drop()` removes it. */
export async function createFreshDatabase(serverUrl: string): Promise<FreshDatabase> {
  const name = `lg_fault_${randomUUID().replaceAll('-', '')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The PostgreSQL server binaries (Debian's layout), or null when none is installed. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

/** A PostgreSQL cluster of the test's own, trust auth on loopback, that it may restart. */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  /** initdb in a temp dir and start; as root, the cluster runs as the `postgres` user. */
  static async create(bin: string): Promise<PrivatePostgres> {
    const dir = mkdtempSync(path.join(tmpdir(), 'lg-fault-pg-'));
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: group } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(group.trim()));
    }
    const cluster = new PrivatePostgres(bin, dir, await freePort());
    await cluster.as(path.join(bin, 'initdb'), [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
    ]);
    await cluster.start();
    return cluster;
  }

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const settings = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${this.dir}`,
      '-c max_connections=60',
      '-c shared_buffers=16MB',
      '-c fsync=off',
    ].join(' ');
    await this.pgCtl(['start', '-w', '-t', '60', '-o', settings, '-l', path.join(this.dir, 'log')]);
  }

  /** A fast shutdown (every connection is terminated) and a start, as a failover looks. */
  async restart(): Promise<void> {
    await this.pgCtl(['stop', '-m', 'fast', '-w', '-t', '60']);
    await this.start();
  }

  async destroy(): Promise<void> {
    await this.pgCtl(['stop', '-m', 'immediate', '-w', '-t', '60']).catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }

  private pgCtl(args: string[]): Promise<unknown> {
    return this.as(path.join(this.bin, 'pg_ctl'), ['-D', this.dataDir, ...args]);
  }

  private as(command: string, args: string[]): Promise<unknown> {
    // initdb refuses to run as root.
    return process.getuid?.() === 0
      ? run('runuser', ['-u', 'postgres', '--', command, ...args], { cwd: this.dir })
      : run(command, args, { cwd: this.dir });
  }
}
