// The forwarded-mail path: a mail service's Authentication-Results header is believed only when
// it is the topmost one and names the configured authserv-id; otherwise the API verifies itself.
import { describe, expect, it } from 'vitest';
import { checkSender, type DnsResolver } from './check-sender.js';

const noDns: DnsResolver = async (name) => {
  throw Object.assign(new Error(`no record for ${name}`), { code: 'ENOTFOUND' });
};

function message(...authenticationResults: string[]): Buffer {
  return Buffer.from(
    [
      ...authenticationResults.map((value) => `Authentication-Results: ${value}`),
      'From: Ann <ann@member.example>',
      'To: claims@lg.example',
      'Subject: M1042+SO-1+Claim',
      'Message-ID: <1@member.example>',
      '',
      'damaged',
      '',
    ].join('\r\n'),
  );
}

const options = { resolver: noDns, mta: 'lg.test', trustedAuthservId: 'mx.forwarder.example' };

describe('checkSender for forwarded mail', () => {
  it("believes the trusted forwarder's DMARC verdict", async () => {
    const pass = message(
      'mx.forwarder.example; dkim=pass header.d=member.example; dmarc=pass header.from=member.example',
    );
    expect(await checkSender(pass, 'ann@member.example', null, options)).toBe('pass');
    const fail = message(
      'mx.forwarder.example; spf=fail smtp.mailfrom=member.example; dmarc=fail (p=reject) header.from=member.example',
    );
    expect(await checkSender(fail, 'ann@member.example', null, options)).toBe('fail');
  });

  it('takes an aligned DKIM pass as authentication when the domain has no DMARC record', async () => {
    const aligned = message('mx.forwarder.example; dkim=pass header.d=member.example; dmarc=none');
    expect(await checkSender(aligned, 'ann@member.example', null, options)).toBe('pass');
    const other = message('mx.forwarder.example; dkim=pass header.d=elsewhere.example; dmarc=none');
    expect(await checkSender(other, 'ann@member.example', null, options)).toBe('none');
  });

  it('ignores a header the forwarder did not write, or one below the topmost', async () => {
    const forged = message('mx.forwarder.example.evil; dmarc=pass header.from=member.example');
    expect(await checkSender(forged, 'ann@member.example', null, options)).toBe('none');
    const below = message(
      'other.example; dmarc=none',
      'mx.forwarder.example; dmarc=pass header.from=member.example',
    );
    expect(await checkSender(below, 'ann@member.example', null, options)).toBe('none');
    const untrusting = { ...options, trustedAuthservId: undefined };
    const pass = message('mx.forwarder.example; dmarc=pass header.from=member.example');
    expect(await checkSender(pass, 'ann@member.example', null, untrusting)).toBe('none');
  });
});
