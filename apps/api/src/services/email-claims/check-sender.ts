// Is the From address really the sender's? SPF, DKIM and DMARC with mailauth, or, for mail a
// trusted forwarding service hands over, the Authentication-Results header it added.
//
// mailauth's `authenticate()` is not used: its entry point loads the BIMI module, whose HTTP
// client needs a newer Node than this project's 20. The checks it composes are used one by
// one (DKIM, SPF, DMARC), ARC and BIMI left out; they take the same injectable resolver.
import type { DNSResolver } from 'mailauth';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { evaluateDmarc } from 'mailauth/lib/dmarc/index.js';
import { spf } from 'mailauth/lib/spf/index.js';

export type DnsResolver = DNSResolver;

/**
 * `pass`: the From domain vouches for the message (DMARC pass, or, for a domain without a
 * DMARC record, an aligned DKIM signature or SPF pass). `fail`: the domain's DMARC policy
 * says the message is not its own. `none`: nothing could be verified either way.
 */
export type SenderCheck = 'pass' | 'fail' | 'none';

export interface SmtpEnvelope {
  /** The connecting client's address. */
  ip: string;
  helo: string;
  /** MAIL FROM; '' for the null sender. */
  mailFrom: string;
}

export interface SenderCheckOptions {
  resolver?: DnsResolver | undefined;
  /** This host's name, for the SPF evaluation. */
  mta: string;
  /**
   * A forwarded message (no SMTP envelope): the authserv-id whose Authentication-Results
   * header, when it is the topmost one, is believed.
   */
  trustedAuthservId?: string | undefined;
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** Relaxed alignment: the same organisational domain, approximated as one being under the other. */
function aligned(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

/** Checks the message's sender; never throws (a DNS failure is `none`). */
export async function checkSender(
  raw: Buffer,
  from: string,
  envelope: SmtpEnvelope | null,
  options: SenderCheckOptions,
): Promise<SenderCheck> {
  if (from === '') return 'none';
  if (!envelope && options.trustedAuthservId) {
    const trusted = trustedResults(raw, options.trustedAuthservId);
    if (trusted) return verdictOfResults(trusted, domainOf(from));
  }
  try {
    return await verify(raw, from, envelope, options);
  } catch {
    return 'none';
  }
}

async function verify(
  raw: Buffer,
  from: string,
  envelope: SmtpEnvelope | null,
  options: SenderCheckOptions,
): Promise<SenderCheck> {
  const resolver = options.resolver;
  const dkim = await dkimVerify(raw, resolver ? { resolver } : {});
  const spfResult = envelope?.ip
    ? await spf({
        ip: envelope.ip,
        helo: envelope.helo,
        sender: envelope.mailFrom,
        mta: options.mta,
        ...(resolver ? { resolver } : {}),
      })
    : null;
  const spfPass = spfResult?.status.result === 'pass' ? [spfResult.domain] : [];
  const passing = (dkim.results ?? []).filter((row) => row.status.result === 'pass');
  const { response } = await evaluateDmarc({
    headerFrom: dkim.headerFrom,
    ...({ fromFields: (dkim as { fromFields?: unknown }).fromFields } as object),
    spfDomains: spfPass,
    dkimDomains: passing.map((row) => ({
      id: row.id,
      domain: row.signingDomain,
      aligned: row.status.aligned,
      underSized: row.status.underSized,
    })),
    ...(resolver ? { resolver } : {}),
  } as Parameters<typeof evaluateDmarc>[0]);
  const dmarc = response ? response.status.result : 'none';
  if (dmarc === 'pass') return 'pass';
  if (dmarc === 'fail') return 'fail';
  const fromDomain = domainOf(from);
  const dkimAligned = passing.some(
    (row) => row.signingDomain && aligned(row.signingDomain, fromDomain),
  );
  const spfAligned = spfPass.some((domain) => aligned(domain, fromDomain));
  return dkimAligned || spfAligned ? 'pass' : 'none';
}

interface TrustedResults {
  dmarc: string | null;
  dkim: { result: string; domain: string }[];
  spf: { result: string; domain: string }[];
}

/**
 * The topmost Authentication-Results header, when the trusted service wrote it (RFC 8601: the
 * receiving service adds its own on top, and any below it came with the message, from anyone).
 */
function trustedResults(raw: Buffer, authservId: string): TrustedResults | null {
  const head = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const block = head.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => /^authentication-results\s*:/i.test(l));
  if (!line) return null;
  const value = line.slice(line.indexOf(':') + 1).replace(/\([^)]*\)/g, ' ');
  const [id = '', ...methods] = value.split(';').map((part) => part.trim());
  if (id.split(/\s+/)[0]?.toLowerCase() !== authservId) return null;
  const results: TrustedResults = { dmarc: null, dkim: [], spf: [] };
  for (const method of methods) {
    const result = /^(dmarc|dkim|spf)\s*=\s*([a-z]+)/i.exec(method);
    if (!result) continue;
    const kind = (result[1] ?? '').toLowerCase();
    const outcome = (result[2] ?? '').toLowerCase();
    if (kind === 'dmarc') results.dmarc = outcome;
    else if (kind === 'dkim') {
      const d = /header\.d\s*=\s*([^\s;]+)/i.exec(method)?.[1] ?? '';
      results.dkim.push({ result: outcome, domain: d.toLowerCase() });
    } else {
      const m = /smtp\.mailfrom\s*=\s*([^\s;]+)/i.exec(method)?.[1] ?? '';
      results.spf.push({ result: outcome, domain: domainOf(m) });
    }
  }
  return results;
}

function verdictOfResults(results: TrustedResults, fromDomain: string): SenderCheck {
  if (results.dmarc === 'pass') return 'pass';
  if (results.dmarc === 'fail') return 'fail';
  const passed = [...results.dkim, ...results.spf].some(
    (row) => row.result === 'pass' && row.domain !== '' && aligned(row.domain, fromDomain),
  );
  return passed ? 'pass' : 'none';
}
