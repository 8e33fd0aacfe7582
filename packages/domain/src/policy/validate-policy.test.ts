import { describe, expect, it } from 'vitest';
import { POLICY_2026_11 } from './policy-2026-11.js';
import { validatePolicy } from './validate-policy.js';

// What an operator would store: the built-in policy as JSON.
function stored(): Record<string, unknown> {
  return JSON.parse(JSON.stringify(POLICY_2026_11)) as Record<string, unknown>;
}

function fieldOf(input: unknown): string[] | undefined {
  const result = validatePolicy(input);
  if (result.ok) return undefined;
  expect(result.code).toBe('INVALID_INPUT');
  return result.field;
}

describe('validatePolicy', () => {
  it('accepts the built-in policy after a JSON round trip and returns an equal frozen copy', () => {
    const result = validatePolicy(stored());
    expect(result).toEqual({ ok: true, value: POLICY_2026_11 });
    expect(result.ok && Object.isFrozen(result.value.requiredDocuments.LOSS)).toBe(true);
  });

  it('accepts an operator version with a suffix and other numbers', () => {
    const input = { ...stored(), version: '2027-03-b.2', feeRateBps: 1250, claimWindowHours: 48 };
    expect(validatePolicy(input).ok).toBe(true);
  });

  it('refuses what is not an object', () => {
    for (const input of [null, 42, 'policy', [stored()]]) expect(fieldOf(input)).toEqual([]);
  });

  it.each(['2026', '26-11', '2026-1', '2026-11_x', '2026-11X', '', 3])(
    'refuses the version %j',
    (version) => {
      expect(fieldOf({ ...stored(), version })).toEqual(['version']);
    },
  );

  it('refuses a currency that is not ISO 4217', () => {
    expect(fieldOf({ ...stored(), currency: 'usd' })).toEqual(['currency']);
  });

  it.each([
    ['feeRateBps', 10_001],
    ['feeRateBps', -1],
    ['feeRateBps', 10.5],
    ['feeRateBps', '1000'],
    ['minimumFeeMinor', 100_000_000_001],
    ['maxCompensationPerPackageMinor', 0],
    ['lossShippingShareBps', 20_000],
    ['damageShippingShareBps', null],
    ['damageProductCapMinor', -1],
    ['claimWindowHours', 0],
    ['unclaimedDays', 0],
    ['lossOverdueDays', 3651],
    ['responseDays', Number.NaN],
    ['weightShortfallRatioBps', 10_001],
    ['weightShortfallMinGrams', -5],
    ['quoteLifetimeMinutes', 0],
  ])('refuses %s = %j', (name, value) => {
    expect(fieldOf({ ...stored(), [name]: value })).toEqual([name]);
  });

  it('refuses a missing number', () => {
    const input = stored();
    delete input.responseDays;
    expect(fieldOf(input)).toEqual(['responseDays']);
  });

  it('refuses an unknown (for example misspelt) field', () => {
    expect(fieldOf({ ...stored(), feeRateBsp: 1000 })).toEqual(['feeRateBsp']);
  });

  it('R13 refuses a claim type without documents, unknown kinds, duplicates and unknown types', () => {
    const docs = POLICY_2026_11.requiredDocuments;
    expect(fieldOf({ ...stored(), requiredDocuments: { ...docs, DAMAGE: [] } })).toEqual([
      'requiredDocuments',
      'DAMAGE',
    ]);
    const { LOSS: _loss, ...withoutLoss } = docs;
    expect(fieldOf({ ...stored(), requiredDocuments: withoutLoss })).toEqual([
      'requiredDocuments',
      'LOSS',
    ]);
    expect(fieldOf({ ...stored(), requiredDocuments: { ...docs, LOSS: ['SELFIE'] } })).toEqual([
      'requiredDocuments',
      'LOSS',
      '0',
    ]);
    expect(
      fieldOf({
        ...stored(),
        requiredDocuments: { ...docs, LOSS: ['PROOF_OF_PURCHASE', 'PROOF_OF_PURCHASE'] },
      }),
    ).toEqual(['requiredDocuments', 'LOSS', '1']);
    expect(fieldOf({ ...stored(), requiredDocuments: { ...docs, THEFT: ['OTHER'] } })).toEqual([
      'requiredDocuments',
      'THEFT',
    ]);
    expect(fieldOf({ ...stored(), requiredDocuments: [] })).toEqual(['requiredDocuments']);
  });

  it('R11 refuses unknown or repeated exclusion codes and blank wording', () => {
    const exclusion = { code: 'SANCTIONS', title: 'Sanctions', description: 'Sanctions.' };
    expect(fieldOf({ ...stored(), exclusions: 'none' })).toEqual(['exclusions']);
    expect(fieldOf({ ...stored(), exclusions: [{ ...exclusion, code: 'ALIENS' }] })).toEqual([
      'exclusions',
      '0',
      'code',
    ]);
    expect(fieldOf({ ...stored(), exclusions: [exclusion, exclusion] })).toEqual([
      'exclusions',
      '1',
      'code',
    ]);
    expect(fieldOf({ ...stored(), exclusions: [{ ...exclusion, title: '  ' }] })).toEqual([
      'exclusions',
      '0',
      'title',
    ]);
    expect(fieldOf({ ...stored(), exclusions: [{ ...exclusion, description: '' }] })).toEqual([
      'exclusions',
      '0',
      'description',
    ]);
    expect(fieldOf({ ...stored(), exclusions: [{ ...exclusion, extra: 1 }] })).toEqual([
      'exclusions',
      '0',
      'extra',
    ]);
    expect(fieldOf({ ...stored(), exclusions: [null] })).toEqual(['exclusions', '0']);
  });

  it('gives a message a person can act on', () => {
    const result = validatePolicy({ ...stored(), feeRateBps: 20_000 });
    expect(result.ok ? '' : result.message).toBe('feeRateBps must be an integer from 0 to 10000.');
  });
});

describe('validatePolicy exclusion kinds and translations', () => {
  const exclusion = { code: 'SANCTIONS', title: 'Sanctions', description: 'Sanctions.' };

  it('R11 gives a version stored without kinds or translations the kind of each code', () => {
    const result = validatePolicy({
      ...stored(),
      exclusions: [exclusion, { code: 'MISSING_DOCUMENTS', title: 'Missing', description: 'M.' }],
    });
    expect(result.ok && result.value.exclusions.map((e) => [e.kind, e.translations])).toEqual([
      ['EXCLUSION', {}],
      ['CLAIM_CONDITION', {}],
    ]);
  });

  it('R11 refuses a kind that contradicts the code', () => {
    expect(
      fieldOf({ ...stored(), exclusions: [{ ...exclusion, kind: 'CLAIM_CONDITION' }] }),
    ).toEqual(['exclusions', '0', 'kind']);
  });

  it('R11 refuses a translation under a tag that is not a language, or with blank or extra wording', () => {
    const translated = (translations: unknown) =>
      fieldOf({ ...stored(), exclusions: [{ ...exclusion, translations }] });
    expect(translated('zh')).toEqual(['exclusions', '0', 'translations']);
    expect(translated({ Chinese: { title: 'T', description: 'D' } })).toEqual([
      'exclusions',
      '0',
      'translations',
      'Chinese',
    ]);
    expect(translated({ 'zh-CN': { title: ' ', description: 'D' } })).toEqual([
      'exclusions',
      '0',
      'translations',
      'zh-CN',
      'title',
    ]);
    expect(translated({ 'zh-CN': { title: 'T', description: 'D', note: 'x' } })).toEqual([
      'exclusions',
      '0',
      'translations',
      'zh-CN',
    ]);
    expect(translated({ 'zh-CN': { title: '制裁', description: '制裁。' } })).toBeUndefined();
  });
});
