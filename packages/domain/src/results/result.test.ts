import { describe, expect, it } from 'vitest';
import { ok, refuse } from './result.js';

describe('ok', () => {
  it('wraps a value as a success', () => {
    expect(ok(42)).toEqual({ ok: true, value: 42 });
  });
});

describe('refuse', () => {
  it('builds a refusal with a code, a message and a field path', () => {
    expect(refuse('INVALID_INPUT', 'Bad quantity.', ['lines', '0', 'quantity'])).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: 'Bad quantity.',
      field: ['lines', '0', 'quantity'],
    });
  });

  it('leaves the field key out entirely when no field is given', () => {
    expect(Object.keys(refuse('NOT_FOUND', 'No such claim.'))).toEqual(['ok', 'code', 'message']);
  });
});
