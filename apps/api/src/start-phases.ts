// How long each step of a start took: loading the code, opening the database, its migrations,
// the app, the HTTP server, listening, the demo data. The "listening" log line carries them;
// under `pnpm start` (scripts/start.mjs sets LG_START_PROGRESS) each step is also announced on
// standard error as it begins and ends, and the last line sums up the whole start, install and
// build included (the script passes their times in LG_START_PHASES and its own start time in
// LG_START_T0).

export type Phase = 'load' | 'database' | 'migrations' | 'app' | 'http' | 'listen' | 'seed';

const LABELS: Record<Phase, string> = {
  load: 'code loaded',
  database: 'database open',
  migrations: 'migrations applied',
  app: 'app ready (signing secret, policies)',
  http: 'HTTP server ready',
  listen: 'listening',
  seed: 'demo data ready',
};

export class StartPhases {
  readonly #times = new Map<string, number>();
  #last: number;
  readonly #progress: ((line: string) => void) | null;

  /**
   * `now` is milliseconds since the process started (performance.now()): what came before is
   * the 'load' phase (Node's own start and the code's imports).
   */
  constructor(progress: ((line: string) => void) | null, now = performance.now()) {
    this.#progress = progress;
    this.#last = now;
    this.#times.set('load', now);
    progress?.(`${LABELS.load} (${seconds(now)})`);
  }

  /** Announces what starts now (only under `pnpm start`). */
  begin(what: string): void {
    this.#progress?.(`${what}…`);
  }

  /** Ends `phase` now. */
  end(phase: Phase, now = performance.now()): void {
    const ms = now - this.#last;
    this.#last = now;
    this.#times.set(phase, (this.#times.get(phase) ?? 0) + ms);
    this.#progress?.(`${LABELS[phase]} (${seconds(ms)})`);
  }

  /** Milliseconds per phase, rounded, in the order they happened. */
  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.#times].map(([name, ms]) => [name, Math.round(ms)]));
  }

  /**
   * "ready in 2.1 s (install 0.1 s, build 0.3 s, load 0.9 s, ...)": `before` are the steps of
   * the start script before this process, `t0` its start (epoch milliseconds); without them
   * the time is this process's own.
   */
  summary(before: [string, number][], t0: number | null): string {
    const total = t0 === null ? performance.now() : Date.now() - t0;
    const parts = [...before, ...this.#times].map(([name, ms]) => `${name} ${seconds(ms)}`);
    return `ready in ${seconds(total)} (${parts.join(', ')})`;
  }
}

/** `LG_START_PHASES` ("install=120,build=310"): the start script's steps, in milliseconds. */
export function parseScriptPhases(value: string | undefined): [string, number][] {
  if (!value) return [];
  return value.split(',').flatMap((part) => {
    const [name, ms] = part.split('=');
    const n = Number(ms);
    return name && /^[a-z]+$/.test(name) && Number.isFinite(n) && n >= 0 ? [[name, n]] : [];
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
