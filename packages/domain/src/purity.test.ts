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

const sources = import.meta.glob('./**/*.ts', { query: '?raw', import: 'default', eager: true });
const code = Object.entries(sources).filter(([path]) => !path.endsWith('.test.ts'));

describe('@lg/domain', () => {
  it('reads no clock: callers pass now', () => {
    expect(code.length).toBeGreaterThan(40);
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

  it('imports nothing but its own files (zero runtime dependencies)', () => {
    for (const [path, text] of code) {
      for (const [, specifier] of text.matchAll(/from '([^']+)'/g)) {
        expect({
          path,
          specifier,
          relative: specifier?.startsWith('./') || specifier?.startsWith('../'),
        }).toMatchObject({
          relative: true,
        });
      }
    }
  });

  it('keeps one public function per file, named after the file', () => {
    // Internal helpers are not public; result.ts holds the two Result constructors together.
    const publicFiles = code.filter(
      ([path]) => !path.includes('/internal/') && path !== './result.ts',
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
      'ok',
      'refuse',
      'RefusalCode',
      'REFUSAL_CODES',
      'CLAIM_TYPES',
      'CLAIM_STATUSES',
      'OPEN_CLAIM_STATUSES',
      'DOCUMENT_KINDS',
      'PACKAGE_FLAGS',
      'CLAIM_REASON_CODES',
      'MAX_AMOUNT_MINOR_UNITS',
      'money',
      'zeroMoney',
      'ISO_4217_CURRENCIES',
      'SUPPORTED_CURRENCIES',
      'currencyDecimals',
      'parseMoney',
      'formatDecimal',
      'addMoney',
      'subtractMoney',
      'compareMoney',
      'minMoney',
      'maxMoney',
      'isZeroMoney',
      'multiplyMoney',
      'percentOfMoney',
      'allocateMoney',
      'POLICY_2026_11',
      'CURRENT_POLICY_VERSION',
      'BUILT_IN_POLICIES',
      'getPolicyVersion',
      'validatePolicy',
      'sumProductValue',
      'quoteFee',
      'lossCompensation',
      'maxCompensation',
      'computeCompensation',
      'isWeightShortfall',
      'addressesMatch',
      'flagPackage',
      'trackPackage',
      'requiredDocuments',
      'missingDocuments',
      'assessClaimEligibility',
      'decisionDueAt',
      'isDecisionOverdue',
      'claimReference',
      'transitionClaim',
      'isTerminalClaimStatus',
      'isOpenClaimStatus',
      'initialClaimStatus',
      'decideClaim',
      'canRecordPayout',
    ];
    for (const name of names) expect(domain).toHaveProperty(name);
  });
});
