import { describe, expect, it } from 'vitest';
import { parseScriptPhases, StartPhases } from './start-phases.js';

describe('StartPhases', () => {
  it('times each phase from the end of the one before, the first from the process start', () => {
    const lines: string[] = [];
    const phases = new StartPhases((line) => lines.push(line), 900);
    phases.begin('opening the database');
    phases.end('database', 1_300);
    phases.end('migrations', 1_350);
    phases.end('seed', 1_600);
    expect(phases.toJSON()).toEqual({ load: 900, database: 400, migrations: 50, seed: 250 });
    expect(lines).toEqual([
      'code loaded (0.9 s)',
      'opening the database…',
      'database open (0.4 s)',
      'migrations applied (0.1 s)',
      'demo data ready (0.3 s)',
    ]);
  });

  it('sums up the start script’s steps and this process’s in one line', () => {
    const phases = new StartPhases(null, 1_000);
    phases.end('database', 1_500);
    const summary = phases.summary(
      [
        ['install', 100],
        ['build', 300],
      ],
      Date.now() - 2_000,
    );
    expect(summary).toMatch(
      /^ready in 2\.0 s \(install 0\.1 s, build 0\.3 s, load 1\.0 s, database 0\.5 s\)$/,
    );
  });
});

describe('parseScriptPhases', () => {
  it('reads "name=ms" pairs and skips anything else', () => {
    expect(parseScriptPhases('install=120,build=310')).toEqual([
      ['install', 120],
      ['build', 310],
    ]);
    expect(parseScriptPhases('install=x,Bad=1,,build=-1,ok=5')).toEqual([['ok', 5]]);
    expect(parseScriptPhases(undefined)).toEqual([]);
  });
});
