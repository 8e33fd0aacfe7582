import { describe, expect, it } from 'vitest';
import * as domain from './index.js';

declare global {
  interface ImportMeta {
    glob(
      pattern: string,
      options: { query: string; import: string; eager: true },
    ): Record<string, string>;
  }
}

// Every source file below src, at any depth: a new subject folder is checked without edits here.
const sources = import.meta.glob('./**/*.ts', { query: '?raw', import: 'default', eager: true });
const code = Object.entries(sources).filter(([path]) => !path.endsWith('.test.ts'));

const SUBJECT_FOLDERS = ['money', 'results', 'policy', 'quotes', 'packages', 'claims', 'internal'];

// Static `from '...'`, side-effect `import '...'` and dynamic `import('...')`, either quote.
const SPECIFIER = /\b(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g;

/** Where a relative specifier points, as a path below src ('./money/money.js'), or null above it. */
function resolveWithinSrc(file: string, specifier: string): string | null {
  const parts = file.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') {
      parts.pop();
      if (parts.length === 0) return null;
    } else if (part !== '.') {
      parts.push(part);
    }
  }
  return parts.join('/');
}

describe('@lg/domain', () => {
  it('scans every subject folder, recursively', () => {
    const folders = new Set(code.map(([path]) => path.split('/')[1]));
    for (const folder of SUBJECT_FOLDERS) expect(folders).toContain(folder);
    // Only the entry point sits at the top; everything else lives in a subject folder.
    const topLevel = code.map(([path]) => path).filter((path) => path.split('/').length === 2);
    expect(topLevel).toEqual(['./index.ts']);
    expect(code.length).toBeGreaterThan(40);
  });

  it('reads no clock: callers pass now', () => {
    for (const [path, text] of code) {
      expect({ path, hit: /Date\.now\(|new Date\(\s*\)/.test(text) }).toEqual({ path, hit: false });
    }
  });

  it('does no I/O and reads no environment', () => {
    for (const [path, text] of code) {
      const hit = /\bprocess\b|from ['"]node:|require\(|\bfetch\(/.test(text);
      expect({ path, hit }).toEqual({ path, hit: false });
    }
  });

  it('imports nothing but its own files (zero runtime dependencies, no framework)', () => {
    for (const [path, text] of code) {
      for (const [, specifier = ''] of text.matchAll(SPECIFIER)) {
        const relative = specifier.startsWith('./') || specifier.startsWith('../');
        const target = relative ? resolveWithinSrc(path, specifier) : null;
        const available = target !== null && target.replace(/\.js$/, '.ts') in sources;
        expect({ path, specifier, ownFile: available }).toEqual({
          path,
          specifier,
          ownFile: true,
        });
      }
    }
  });

  it('keeps one public function per file, named after the file', () => {
    // Internal helpers are not public; result.ts holds the two Result constructors together.
    const publicFiles = code.filter(
      ([path]) => !path.startsWith('./internal/') && path !== './results/result.ts',
    );
    for (const [path, text] of publicFiles) {
      const functions = [...text.matchAll(/^export function (\w+)/gm)].map((m) => m[1] ?? '');
      expect({ path, count: functions.length <= 1 }).toEqual({ path, count: true });
      const name = path.replace(/^.*\//, '').replace(/\.ts$/, '');
      const kebab = functions[0]?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      if (functions.length === 1) expect(kebab).toBe(name);
    }
  });

  it('exports the names other packages import', () => {
    const names = [
      'RefusalCode',
      'REFUSAL_CODES',
      'CLAIM_TYPES',
      'CLAIM_STATUSES',
      'CLAIM_OUTCOMES',
      'OPEN_CLAIM_STATUSES',
      'DOCUMENT_KINDS',
      'CLAIM_REASON_CODES',
      'PACKAGE_EVENT_TYPES',
      'PACKAGE_STATUSES',
      'PACKAGE_FLAGS',
      'GUARANTEE_STATUSES',
      'money',
      'ISO_4217_CURRENCIES',
      'parseMoney',
      'formatDecimal',
      'POLICY_2026_11',
      'CURRENT_POLICY_VERSION',
      'BUILT_IN_POLICIES',
      'validatePolicy',
      'MAX_CART_LINES',
      'sumProductValue',
      'quoteFee',
      'quoteExpiresAt',
      'maxCompensation',
      'flagPackage',
      'trackPackage',
      'missingDocuments',
      'assessClaimEligibility',
      'decisionDueAt',
      'isDecisionOverdue',
      'claimReference',
      'transitionClaim',
      'isTerminalClaimStatus',
      'initialClaimStatus',
      'documentAcceptsContentType',
      'decideClaim',
      'canRecordPayout',
      'KEEP_EVIDENCE_NOTICE',
    ];
    for (const name of names) expect(domain).toHaveProperty(name);
  });
});
