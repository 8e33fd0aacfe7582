// Browser tests run the built bundle: build it when missing or older than the sources.
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

export default function setup(): void {
  const bundle = join(root, 'dist/logistics-guarantee.js');
  const stale =
    !existsSync(bundle) ||
    statSync(bundle).mtimeMs <
      Math.max(newestSource(join(root, 'src')), statSync(join(root, 'vite.config.ts')).mtimeMs);
  if (!stale) return;
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
