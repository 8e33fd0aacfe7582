// PUT /uploads/...: a URL, a length or a type that cannot be right is answered before the body
// is read, and no more than the declared bytes are ever taken. Raw sockets, so the test sees
// what a client sees mid-body, and the server's socket says how much it read.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf } from '../graphql/global-id.js';
import { readDocumentContent } from '../services/documents/download-links.js';
import { openUpload, receiveUpload } from '../services/documents/receive-upload.js';
import { startTestApi, type TestApi } from '../test-support/harness.js';
import { CREATE_UPLOAD, memberSession, sampleFile } from '../test-support/operations.js';

const MiB = 1024 * 1024;
/** An upload URL nobody was given: 32 random-looking bytes, as a guess would be. */
const MADE_UP = `/uploads/${'A'.repeat(43)}`;
/** One shaped like the signed ones this server issues, with a signature it never made. */
const FORGED =
  '/uploads/up.eyJleHAiOjk5OTk5OTk5OTk5OTksImRvYyI6IngifQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
/** Longest a test waits for an answer before calling it "no answer". */
const ANSWER_BOUND_MS = 10_000;

let api: TestApi;
let session: string;
let port: number;
/** The server's side of each connection, by the client's port. */
const serverSockets = new Map<number, Socket>();

beforeAll(async () => {
  api = await startTestApi();
  api.server.http.server.on('connection', (socket: Socket) => {
    if (socket.remotePort !== undefined) serverSockets.set(socket.remotePort, socket);
  });
  const shop = await api.createStorefront();
  session = await memberSession(api, shop, 'M-UPL');
  port = Number(new URL(api.url).port);
});
afterAll(() => api?.close());

async function createUploadWithId(contentType: string, byteSize: number) {
  const result = await api.gql<{
    createDocumentUpload: { upload: { url: string; documentId: string } | null };
  }>(
    CREATE_UPLOAD,
    { input: { kind: 'PROOF_OF_PURCHASE', fileName: 'receipt', contentType, byteSize } },
    session,
  );
  const upload = result.body.data?.createDocumentUpload.upload;
  const documentId = upload && idOf('Document', upload.documentId);
  if (!upload || !documentId) throw new Error(JSON.stringify(result.body));
  return { url: upload.url, documentId };
}

async function createUpload(contentType: string, byteSize: number): Promise<string> {
  return (await createUploadWithId(contentType, byteSize)).url;
}

interface Answer {
  /** The first response's status, or null when none came within the bound. */
  status: number | null;
  /** Everything the server sent. */
  text: string;
  /** Bytes the server's socket read on this connection, request head included. */
  serverRead: number;
}

/**
 * Sends a request head and then `body` (queued at once, as a fast client does), and collects
 * the answer until the server closes the connection.
 */
function put(path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve) => {
    const client = connect(port, '127.0.0.1');
    let text = '';
    const head = Object.entries({ host: '127.0.0.1', ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    let localPort: number | undefined;
    client.on('connect', () => {
      localPort = client.localPort;
      client.write(`PUT ${path} HTTP/1.1\r\n${head}\r\n`);
      if (body) client.write(body);
    });
    client.on('data', (chunk) => {
      text += chunk.toString('latin1');
    });
    // Writing the rest of a refused body fails once the server has closed: expected.
    client.on('error', () => {});
    const bound = setTimeout(() => client.destroy(), ANSWER_BOUND_MS);
    client.on('close', () => {
      clearTimeout(bound);
      const server = localPort === undefined ? undefined : serverSockets.get(localPort);
      const done = () =>
        resolve({
          status: text.startsWith('HTTP/1.1 ') ? Number(text.slice(9, 12)) : null,
          text,
          serverRead: server?.bytesRead ?? Number.NaN,
        });
      if (!server || server.destroyed) done();
      else server.once('close', done);
    });
  });
}

function errorCode(answer: Answer): string | undefined {
  const json = answer.text.slice(answer.text.indexOf('\r\n\r\n') + 4);
  return (JSON.parse(json.split('HTTP/1.1')[0] ?? '') as { error?: { code?: string } }).error?.code;
}

describe('PUT /uploads before the body', () => {
  it.each([
    ['a made-up', MADE_UP],
    ['a forged', FORGED],
  ])(
    'answers %s URL declaring 10 MiB at once, having read none of the body',
    async (_name, url) => {
      const answer = await put(
        url,
        { 'content-type': 'application/pdf', 'content-length': String(10 * MiB) },
        Buffer.alloc(10 * MiB, 0x25),
      );
      expect(answer.status).toBe(404);
      expect(answer.text).toMatch(/\r\nconnection: close\r\n/i);
      // What was already in flight, not the 10 MiB.
      expect(answer.serverRead).toBeLessThan(MiB);
    },
  );

  it('answers a made-up URL before the client has sent any body byte', async () => {
    const answer = await put(MADE_UP, {
      'content-type': 'application/pdf',
      'content-length': String(10 * MiB),
    });
    expect(answer.status).toBe(404);
    expect(errorCode(answer)).toBe('UPLOAD_NOT_FOUND');
  });

  it('leaves 24 connections sending 10 MiB to made-up URLs reading almost nothing', async () => {
    const body = Buffer.alloc(10 * MiB, 0x25);
    const answers = await Promise.all(
      Array.from({ length: 24 }, () =>
        put(
          MADE_UP,
          { 'content-type': 'application/pdf', 'content-length': String(10 * MiB) },
          body,
        ),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(24).fill(404));
    // Before the URL was checked first, the server read all 240 MiB and held each 10 MiB.
    const read = answers.reduce((sum, a) => sum + a.serverRead, 0);
    expect(read).toBeLessThan(24 * MiB);
  });

  it.each([
    ['a Content-Length other than the declared byteSize', 400, 'SIZE_MISMATCH', 1],
    ['a Content-Length over the largest upload', 413, 'TOO_LARGE', 10 * MiB + 1 - 100],
  ])('refuses %s before the body', async (_name, status, code, extra) => {
    const url = await createUpload('application/pdf', 100);
    const answer = await put(url, {
      'content-type': 'application/pdf',
      'content-length': String(100 + extra),
    });
    expect(answer.status).toBe(status);
    expect(errorCode(answer)).toBe(code);
  });

  it('refuses a used URL (409), an expired one (410) and another Content-Type (415) before the body', async () => {
    const bytes = sampleFile('application/pdf');
    const used = await createUpload('application/pdf', bytes.length);
    const first = await fetch(`${api.url}${used}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      body: bytes,
    });
    expect(first.status).toBe(201);
    const head = { 'content-type': 'application/pdf', 'content-length': String(bytes.length) };
    expect((await put(used, head)).status).toBe(409);

    const other = await createUpload('application/pdf', bytes.length);
    expect((await put(other, { ...head, 'content-type': 'image/png' })).status).toBe(415);

    const expired = await createUpload('application/pdf', bytes.length);
    const answer = await api.at(new Date(api.clock.now.getTime() + 16 * 60_000), () =>
      put(expired, head),
    );
    expect(answer.status).toBe(410);
  });

  it('refuses a chunked upload without Content-Length with 411', async () => {
    const url = await createUpload('application/pdf', 100);
    const answer = await put(url, {
      'content-type': 'application/pdf',
      'transfer-encoding': 'chunked',
    });
    expect(answer.status).toBe(411);
    expect(errorCode(answer)).toBe('LENGTH_REQUIRED');
  });
});

describe('PUT /uploads while the body arrives', () => {
  it('refuses bytes of the wrong type on the first bytes, not after the whole file', async () => {
    const url = await createUpload('application/pdf', 8 * MiB);
    // The client sends 64 KiB of something that is no PDF, then waits for the answer.
    const answer = await put(
      url,
      { 'content-type': 'application/pdf', 'content-length': String(8 * MiB) },
      Buffer.alloc(64 * 1024, 0x3c),
    );
    expect(answer.status).toBe(415);
    expect(errorCode(answer)).toBe('CONTENT_NOT_OF_TYPE');
  });

  it('refuses a body longer than its Content-Length, storing at most the declared bytes', async () => {
    const bytes = sampleFile('application/pdf');
    const { url, documentId } = await createUploadWithId('application/pdf', bytes.length);
    const answer = await put(
      url,
      { 'content-type': 'application/pdf', 'content-length': String(bytes.length) },
      Buffer.concat([bytes, Buffer.alloc(MiB, 0x25)]),
    );
    // HTTP framing: the bytes past Content-Length are no body; Node's parser refuses them.
    expect(answer.status).toBe(400);
    const stored = await readDocumentContent(api.server.app, documentId);
    if (stored !== null) expect(Buffer.from(stored)).toEqual(bytes);
  });

  it('stops reading a body at the first byte past the declared size (413), storing nothing', async () => {
    const app = api.server.app;
    const bytes = sampleFile('application/pdf');
    const url = await createUpload('application/pdf', bytes.length);
    const token = url.slice('/uploads/'.length);
    const opened = await openUpload(
      app,
      token,
      { contentType: 'application/pdf', contentLength: bytes.length },
      app.clock(),
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened.refusal));
    let pulled = 0;
    async function* endless() {
      yield bytes;
      for (;;) {
        pulled += 1;
        if (pulled > 1000) throw new Error('read past the cap');
        yield Buffer.from('more');
      }
    }
    const result = await receiveUpload(app, opened.value, endless(), app.clock());
    expect(result).toMatchObject({ ok: false, refusal: { status: 413, code: 'TOO_LARGE' } });
    expect(pulled).toBe(1);
    // Nothing was stored: the URL still takes the right bytes.
    const retry = await fetch(`${api.url}${url}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      body: bytes,
    });
    expect(retry.status).toBe(201);
  });

  it('refuses a body that ends short of the declared size (400), storing nothing', async () => {
    const app = api.server.app;
    const bytes = sampleFile('application/pdf');
    const url = await createUpload('application/pdf', bytes.length);
    const opened = await openUpload(
      app,
      url.slice('/uploads/'.length),
      { contentType: 'application/pdf', contentLength: bytes.length },
      app.clock(),
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened.refusal));
    async function* short() {
      yield bytes.subarray(0, bytes.length - 1);
    }
    const result = await receiveUpload(app, opened.value, short(), app.clock());
    expect(result).toMatchObject({ ok: false, refusal: { status: 400, code: 'SIZE_MISMATCH' } });
  });
});
