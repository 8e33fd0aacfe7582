import type { HeaderValue } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { automaticReason } from './automatic-email.js';

function check(
  headers: Record<string, HeaderValue>,
  extra: { from?: string; hops?: number; envelopeSender?: string | null } = {},
) {
  return automaticReason({
    headers: new Map(Object.entries(headers)),
    from: extra.from ?? 'member@example.com',
    hops: extra.hops ?? 2,
    envelopeSender:
      extra.envelopeSender === undefined ? 'member@example.com' : extra.envelopeSender,
  });
}

describe('automaticReason', () => {
  it('takes mail a person wrote, including Auto-Submitted: no', () => {
    expect(check({})).toBeNull();
    expect(check({ 'auto-submitted': 'no' })).toBeNull();
    expect(check({}, { envelopeSender: null })).toBeNull();
  });

  it('never answers auto-replies and auto-generated mail', () => {
    expect(check({ 'auto-submitted': 'auto-replied' })).toBe('auto-submitted');
    expect(check({ 'auto-submitted': 'auto-generated' })).toBe('auto-submitted');
    expect(check({ 'x-autoreply': 'yes' })).toBe('auto-reply');
  });

  it('never answers bulk, junk or list mail', () => {
    for (const precedence of ['bulk', 'junk', 'list', 'Bulk']) {
      expect(check({ precedence })).toBe('bulk');
    }
    expect(check({ 'list-id': '<claims.lists.example>' })).toBe('mailing list');
  });

  it('never answers bounces', () => {
    expect(check({}, { envelopeSender: '' })).toBe('bounce');
    expect(check({ 'return-path': '<>' }, { envelopeSender: null })).toBe('bounce');
    expect(check({}, { from: 'MAILER-DAEMON@mx.example' })).toBe('bounce');
    expect(check({ 'content-type': { value: 'multipart/report', params: {} } })).toBe('bounce');
  });

  it('never answers its own mail come back, or a message going round', () => {
    expect(check({ 'x-lg-event-id': 'abc' })).toBe('loop');
    expect(check({}, { hops: 31 })).toBe('loop');
  });
});
