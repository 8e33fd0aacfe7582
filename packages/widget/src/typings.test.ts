// The typings as integrators get them: the package packed by `pnpm pack`, unpacked into a
// project beside react's, vue's and lit's types, and a React 19 TSX cart, a Vue 3 usage and
// plain DOM code (src/test/typings) type-checked by tsc, strict and without skipLibCheck.
// Each fixture also holds @ts-expect-error lines, so typings that accept anything fail too.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'src/test/typings');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/** Runs tsc on the project; the diagnostics, or '' when it type-checks. */
function typeCheck(project: string): string {
  try {
    execFileSync(process.execPath, [tsc, '-p', project], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}` || String(error);
  }
}

describe('the packed typings', () => {
  let project: string;

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'lg-widget-typings-'));
    execFileSync('pnpm', ['pack', '--pack-destination', project], { cwd: root, stdio: 'pipe' });
    const tarball = readdirSync(project).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error('pnpm pack made no tarball');
    const installed = join(project, 'node_modules/@lg/widget');
    mkdirSync(installed, { recursive: true });
    execFileSync('tar', ['-xzf', join(project, tarball), '-C', installed, '--strip-components=1']);
    // The packages an integrator installs beside it (their own dependencies resolve from
    // their real paths in the pnpm store).
    for (const name of ['lit', 'vue', '@types/react']) {
      mkdirSync(join(project, 'node_modules', name, '..'), { recursive: true });
      symlinkSync(
        realpathSync(join(root, 'node_modules', name)),
        join(project, 'node_modules', name),
      );
    }
    cpSync(fixtures, project, { recursive: true });
  });
  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('ships the declarations its exports name', () => {
    const manifest = JSON.parse(
      readFileSync(join(project, 'node_modules/@lg/widget/package.json'), 'utf8'),
    );
    for (const entry of ['.', './claims', './react', './vue']) {
      const types: string = manifest.exports[entry].types;
      expect(readFileSync(join(project, 'node_modules/@lg/widget', types), 'utf8')).toMatch(
        /declare|export/,
      );
    }
  });

  it('type-checks a React 19 TSX cart, a Vue 3 usage and DOM code (bundler resolution)', () => {
    expect(typeCheck(project)).toBe('');
    // tsc on a React + Vue project: a minute on a busy machine.
  }, 120_000);

  it('type-checks them with the older node10 resolution too (typesVersions)', () => {
    const config = JSON.parse(readFileSync(join(project, 'tsconfig.json'), 'utf8'));
    config.compilerOptions.moduleResolution = 'node10';
    // Only resolution differs: the declarations themselves were checked above.
    config.compilerOptions.skipLibCheck = true;
    writeFileSync(join(project, 'tsconfig.node10.json'), JSON.stringify(config));
    expect(typeCheck(join(project, 'tsconfig.node10.json'))).toBe('');
  }, 120_000);
});
