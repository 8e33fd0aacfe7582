import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  readJson,
  startTestApi,
  type TestApi,
  type TestStorefront,
} from '../test-support/harness.js';
import {
  CREATE_UPLOAD,
  memberSession,
  sampleFile,
  type UserErrors,
  uploadDocument,
} from '../test-support/operations.js';

let api: TestApi;
let shop: TestStorefront;
let session: string;

beforeAll(async () => {
  api = await startTestApi();
  shop = await api.createStorefront();
  session = await memberSession(api, shop, 'M-UP');
});
afterAll(() => api.close());

type UploadResult = {
  createDocumentUpload: {
    upload: { documentId: string; url: string; expiresAt: string } | null;
    userErrors: UserErrors;
  };
};

async function createUpload(input: Record<string, unknown>, credential = session) {
  const result = await api.gql<UploadResult>(
    CREATE_UPLOAD,
    { input: { kind: 'PROOF_OF_PURCHASE', fileName: 'receipt.pdf', ...input } },
    credential,
  );
  return result.body.data?.createDocumentUpload;
}

function put(url: string, body: Buffer, contentType: string) {
  return fetch(`${api.url}${url}`, {
    method: 'PUT',
    headers: { 'content-type': contentType },
    body,
  });
}

describe('createDocumentUpload', () => {
  it.each([
    [{ contentType: 'text/html', byteSize: 10 }, 'contentType'],
    [{ contentType: 'application/pdf', byteSize: 0 }, 'byteSize'],
    [{ contentType: 'application/pdf', byteSize: 10 * 1024 * 1024 + 1 }, 'byteSize'],
    [{ contentType: 'application/pdf', byteSize: 10, fileName: '../../etc/passwd' }, 'fileName'],
    [{ kind: 'CONTENTS_PHOTO', contentType: 'application/pdf', byteSize: 10 }, 'contentType'],
  ])('refuses %j as INVALID_INPUT on %s', async (input, field) => {
    const result = await createUpload(input);
    expect(result?.upload).toBeNull();
    expect(result?.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['input', field] });
  });

  it('accepts exactly 10 MiB', async () => {
    const result = await createUpload({
      contentType: 'application/pdf',
      byteSize: 10 * 1024 * 1024,
    });
    expect(result?.upload?.url).toMatch(/^\/uploads\//);
  });

  it('is refused to a publishable key', async () => {
    const result = await api.gql(
      CREATE_UPLOAD,
      { input: { kind: 'OTHER', fileName: 'a', contentType: 'image/png', byteSize: 1 } },
      shop.publishableKey,
    );
    expect(result.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('PUT /uploads/:token', () => {
  it('stores bytes that match the declared type and size, once', async () => {
    const body = sampleFile('image/png');
    const upload = await createUpload({
      kind: 'PACKAGING_PHOTO',
      contentType: 'image/png',
      byteSize: body.length,
    });
    const first = await put(upload?.upload?.url as string, body, 'image/png');
    expect(first.status).toBe(201);
    const again = await put(upload?.upload?.url as string, body, 'image/png');
    expect(again.status).toBe(409);
    expect((await readJson(again)).error.code).toBe('UPLOAD_USED');
  });

  it('refuses a body of another length with 400 and stores nothing', async () => {
    const body = sampleFile('application/pdf');
    const upload = await createUpload({
      contentType: 'application/pdf',
      byteSize: body.length + 1,
    });
    const response = await put(upload?.upload?.url as string, body, 'application/pdf');
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.code).toBe('SIZE_MISMATCH');
    const retry = await put(
      upload?.upload?.url as string,
      Buffer.concat([body, Buffer.from('x')]),
      'application/pdf',
    );
    expect(retry.status).toBe(201);
  });

  it('refuses bytes that are not of the declared type with 415 (checked by content, not by name)', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const upload = await createUpload({ contentType: 'application/pdf', byteSize: html.length });
    const response = await put(upload?.upload?.url as string, html, 'application/pdf');
    expect(response.status).toBe(415);
    expect((await readJson(response)).error.code).toBe('CONTENT_NOT_OF_TYPE');
  });

  it('refuses another Content-Type than declared with 415', async () => {
    const body = sampleFile('image/jpeg');
    const upload = await createUpload({ contentType: 'image/jpeg', byteSize: body.length });
    const response = await put(upload?.upload?.url as string, body, 'image/png');
    expect(response.status).toBe(415);
  });

  it('refuses an expired upload URL with 410', async () => {
    const body = sampleFile('application/pdf');
    const upload = await createUpload({ contentType: 'application/pdf', byteSize: body.length });
    const saved = api.clock.now;
    api.clock.now = new Date(saved.getTime() + 16 * 60_000);
    try {
      const response = await put(upload?.upload?.url as string, body, 'application/pdf');
      expect(response.status).toBe(410);
    } finally {
      api.clock.now = saved;
    }
  });

  it('answers an unknown upload URL with 404 and a body larger than the limit with 413', async () => {
    expect(
      (
        await put(
          '/uploads/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
          Buffer.from('x'),
          'application/pdf',
        )
      ).status,
    ).toBe(404);
    const upload = await createUpload({ contentType: 'application/pdf', byteSize: 10 });
    const huge = Buffer.alloc(10 * 1024 * 1024 + 10, 0x25);
    const response = await put(upload?.upload?.url as string, huge, 'application/pdf');
    expect(response.status).toBe(413);
  });
});

describe('GET /documents/:id', () => {
  it('serves a document to its owner as an attachment with nosniff, and to nobody else', async () => {
    const documentId = await uploadDocument(api, session, 'PROOF_OF_PURCHASE');
    const read = await api.gql<{ node: { url: string; fileName: string } | null }>(
      'query($id: ID!) { node(id: $id) { ... on Document { url fileName } } }',
      { id: documentId },
      session,
    );
    const url = read.body.data?.node?.url as string;
    const download = await fetch(`${api.url}${url}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(sampleFile('application/pdf'));

    const other = await memberSession(api, shop, 'M-OTHER');
    const foreign = await api.gql<{ node: unknown }>(
      'query($id: ID!) { node(id: $id) { id } }',
      { id: documentId },
      other,
    );
    expect(foreign.body.data?.node).toBeNull();
    const rawId = Buffer.from(documentId, 'base64').toString().split(':')[1];
    const withHeader = await fetch(`${api.url}/documents/${rawId}`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(withHeader.status).toBe(404);
    const forged = await fetch(`${api.url}/documents/${rawId}?token=dl.e30.forged`);
    expect(forged.status).toBe(404);
    const owner = await fetch(`${api.url}/documents/${rawId}`, {
      headers: { authorization: `Bearer ${session}` },
    });
    expect(owner.status).toBe(200);
  });
});

describe('an expired download link', () => {
  type Read = { node: { url: string | null; urlExpiresAt: string | null } | null };
  const READ = 'query($id: ID!) { node(id: $id) { ... on Document { url urlExpiresAt } } }';

  it('says when the link expires: 5 minutes after it was read, null before the upload', async () => {
    const created = await createUpload({ contentType: 'application/pdf', byteSize: 10 });
    const pending = await api.gql<Read>(READ, { id: created?.upload?.documentId }, session);
    expect(pending.body.data?.node).toEqual({ url: null, urlExpiresAt: null });

    const documentId = await uploadDocument(api, session, 'PROOF_OF_PURCHASE');
    const read = await api.gql<Read>(READ, { id: documentId }, session);
    expect(read.body.data?.node?.urlExpiresAt).toBe(
      new Date(api.clock.now.getTime() + 5 * 60_000).toISOString(),
    );
  });

  it('answers 410 LINK_EXPIRED from its expiry on, 404 for a document that does not exist', async () => {
    const documentId = await uploadDocument(api, session, 'PROOF_OF_PURCHASE');
    const read = await api.gql<Read>(READ, { id: documentId }, session);
    const url = read.body.data?.node?.url as string;
    const expiresAt = new Date(read.body.data?.node?.urlExpiresAt as string);
    const saved = api.clock.now;
    try {
      api.clock.now = new Date(expiresAt.getTime() - 1);
      expect((await fetch(`${api.url}${url}`)).status).toBe(200);

      api.clock.now = expiresAt;
      const expired = await fetch(`${api.url}${url}`);
      expect(expired.status).toBe(410);
      expect((await readJson(expired)).error).toMatchObject({ code: 'LINK_EXPIRED' });

      // The same expired token on another document's path, and on a document that does not
      // exist: nothing this API signed for them, so they answer like any unknown document.
      const query = url.split('?')[1];
      const otherDocument = await uploadDocument(api, session, 'OTHER');
      const otherId = Buffer.from(otherDocument, 'base64').toString().split(':')[1];
      const elsewhere = await fetch(`${api.url}/documents/${otherId}?${query}`);
      expect(elsewhere.status).toBe(404);
      const missing = await fetch(`${api.url}/documents/${randomUUID()}?${query}`);
      expect(missing.status).toBe(404);
      expect((await readJson(missing)).error).toMatchObject({ code: 'NOT_FOUND' });

      // Its owner still downloads it with the session, expired link or not.
      const withSession = await fetch(`${api.url}${url}`, {
        headers: { authorization: `Bearer ${session}` },
      });
      expect(withSession.status).toBe(200);
    } finally {
      api.clock.now = saved;
    }
  });
});
