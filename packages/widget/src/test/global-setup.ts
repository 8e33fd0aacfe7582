// Browser tests run what ships: the bundle, the type declarations (packed by typings.test.ts)
// and the React/Vue test pages. Each is built when missing or older than the sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

/** Runs `args` with node in the package when `output` is missing or older than `inputs`. */
function buildIfStale(
  output: string,
  inputs: string[],
  args: string[],
  env: Record<string, string> = {},
): void {
  const out = join(root, output);
  const newest = Math.max(
    ...inputs.map((input) => {
      const path = join(root, input);
      return statSync(path).isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    }),
  );
  if (existsSync(out) && statSync(out).mtimeMs >= newest) return;
  execFileSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
}

export default function setup(): void {
  const vite = 'node_modules/vite/bin/vite.js';
  buildIfStale('dist/logistics-guarantee.js', ['src', 'vite.config.ts'], [vite, 'build']);
  buildIfStale('dist/logistics-guarantee-claims.js', ['src', 'vite.config.ts'], [vite, 'build'], {
    LG_BUNDLE: 'claims',
  });
  buildIfStale(
    'dist/types/index.d.ts',
    ['src', 'tsconfig.build.json'],
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
  );
  buildIfStale(
    '.pages/react.js',
    ['src', 'vite.pages.config.ts', 'package.json'],
    [vite, 'build', '-c', 'vite.pages.config.ts'],
  );
}
