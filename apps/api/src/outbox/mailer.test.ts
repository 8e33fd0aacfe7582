import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, mailDirectory } from './mailer.js';
import { parseMail, type SmtpSink, startSmtpServer } from './test-flows.js';

const message = {
  to: 'member@example.com',
  subject: 'M1042+SO-88817+Claim — claim received',
  text: 'Plain words.\n',
  html: '<p>Plain words.</p>',
  eventId: '6f2c1b9e-1d2f-4c1e-9b39-2f7e5a1c0d11',
  at: new Date('2026-11-10T12:00:00.123Z'),
};
const from = 'Logistics Guarantee <claims@logistics-guarantee.local>';

describe('mailer without SMTP_URL', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'lg-mail-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('writes each message as <timestamp>-<eventId>.eml under LG_DATA_DIR/mail', async () => {
    const mailer = createMailer({ from, dataDir });
    expect(mailer.kind).toBe('file');
    const result = await mailer.send(message);
    expect(result.ok).toBe(true);
    const files = readdirSync(mailDirectory(dataDir));
    expect(files).toEqual([`20261110T120000123Z-${message.eventId}.eml`]);
    const parsed = parseMail(
      readFileSync(path.join(mailDirectory(dataDir), files[0] as string), 'utf8'),
    );
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text).toContain('Plain words.');
    expect(parsed.html).toContain('<p>Plain words.</p>');
    expect(parsed.headers.get('message-id')).toBe(`<${message.eventId}@logistics-guarantee>`);
    mailer.close();
  });
});

describe('mailer with SMTP_URL', () => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());

  it('sends text and HTML through a real SMTP server', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from, dataDir: '/nonexistent' });
    const result = await mailer.send(message);
    expect(result).toMatchObject({ ok: true, statusCode: 250 });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail?.to).toEqual(['member@example.com']);
    expect(mail?.message.subject).toBe(message.subject);
    expect(mail?.message.text).toContain('Plain words.');
    expect(mail?.message.html).toContain('<p>Plain words.</p>');
    mailer.close();
  });

  it('reports a 4xx as retryable and a 5xx as permanent, without the server text', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, from, dataDir: '/nonexistent' });
    smtp.rejectWith = 451;
    const soft = await mailer.send(message);
    smtp.rejectWith = 550;
    const hard = await mailer.send(message);
    smtp.rejectWith = null;
    expect(soft).toMatchObject({ ok: false, statusCode: 451, permanent: false, error: 'SMTP 451' });
    expect(hard).toMatchObject({ ok: false, statusCode: 550, permanent: true, error: 'SMTP 550' });
    mailer.close();
  });

  it('fails within its time limit when nothing listens', async () => {
    const mailer = createMailer({
      smtpUrl: 'smtp://127.0.0.1:1',
      from,
      dataDir: '/nonexistent',
      timeoutMs: 2000,
    });
    const result = await mailer.send(message);
    expect(result.ok).toBe(false);
    expect(result.permanent).toBe(false);
    expect(result.error).toMatch(/^mail failed/);
    mailer.close();
  });
});
