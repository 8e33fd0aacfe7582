import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generatedSource } from './codegen.js';

describe('the generated operations', () => {
  it('match the API schema and the operations (run `pnpm --filter @lg/client codegen` after a change)', async () => {
    expect(await generatedSource()).toBe(readFileSync(GENERATED_FILE, 'utf8'));
  });

  it('map DateTime and Decimal to strings: money and instants never become numbers', () => {
    const source = readFileSync(GENERATED_FILE, 'utf8');
    expect(source).toMatch(/export type MoneyFieldsFragment = \{ amount: string, /);
    expect(source).toMatch(/purchasedAt: string,/);
    // No `any` type; the schema's descriptions, copied into doc comments, may say "any".
    const code = source.replace(/\/\*\*[\s\S]*?\*\//g, '');
    expect(code).toMatch(/purchasedAt: string,/);
    expect(code).not.toMatch(/\bany\b/);
  });
});
