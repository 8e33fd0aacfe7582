import { describe, expect, expectTypeOf, it } from 'vitest';
import { createClient } from './client.js';
import { RequestError, UserErrorsError, unwrap } from './errors.js';
import {
  ClaimsDocument,
  type ClaimsQuery,
  ClaimUpdatedDocument,
  PolicyDocument,
  PurchaseGuaranteeDocument,
  type PurchaseGuaranteeMutation,
} from './generated/graphql.js';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that records what it is asked and answers with `reply`. */
function fakeFetch(reply: (sent: Sent) => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request: Sent = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : `<${init?.body?.constructor.name}>`,
    };
    sent.push(request);
    return reply(request);
  };
  return { fetch, sent };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const purchaseInput = {
  quoteToken: 'q',
  orderNumber: 'SO-1',
  memberId: 'M1',
  memberEmail: 'm@example.com',
  productValue: { amount: '120.00', currencyCode: 'USD' as const },
};

describe('createClient', () => {
  it('posts the printed document with its variables and the credential as a bearer token', async () => {
    const { fetch, sent } = fakeFetch(() =>
      json({ data: { purchaseGuarantee: { guarantee: null, userErrors: [] } } }),
    );
    const client = createClient({ url: 'https://api.example/graphql', credential: 'sk_1', fetch });
    await client.request(PurchaseGuaranteeDocument, { input: purchaseInput });
    expect(sent[0]?.url).toBe('https://api.example/graphql');
    expect(sent[0]?.method).toBe('POST');
    expect(sent[0]?.headers.authorization).toBe('Bearer sk_1');
    expect(sent[0]?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(sent[0]?.body ?? '{}');
    expect(body.query).toMatch(/^mutation PurchaseGuarantee\(\$input: PurchaseGuaranteeInput!\)/);
    expect(body.query).toContain('fragment GuaranteeFields on Guarantee');
    expect(body.variables).toEqual({ input: purchaseInput });
  });

  it('asks a credential function on every request and sends none for the public policy', async () => {
    const { fetch, sent } = fakeFetch(() => json({ data: { policy: {} } }));
    let n = 0;
    const member = createClient({
      url: 'https://api.example/graphql',
      credential: () => `ms.${++n}`,
      fetch,
    });
    await member.request(PolicyDocument);
    await member.request(PolicyDocument, {});
    expect(sent.map((s) => s.headers.authorization)).toEqual(['Bearer ms.1', 'Bearer ms.2']);
    await createClient({ url: 'https://api.example/graphql', fetch }).request(PolicyDocument);
    expect(sent[2]?.headers.authorization).toBeUndefined();
  });

  it('types data from the document and requires the variables the operation requires', () => {
    const client = createClient({ url: 'https://api.example/graphql' });
    const missingValue = { ...purchaseInput, productValue: undefined };
    // Checked by the compiler (pnpm typecheck), never sent.
    const calls = () => {
      expectTypeOf(
        client.request(PurchaseGuaranteeDocument, { input: purchaseInput }),
      ).resolves.toEqualTypeOf<PurchaseGuaranteeMutation>();
      expectTypeOf(client.request(ClaimsDocument)).resolves.toEqualTypeOf<ClaimsQuery>();
      // @ts-expect-error: purchaseGuarantee needs its input
      client.request(PurchaseGuaranteeDocument);
      // @ts-expect-error: productValue is required (MoneyInput!)
      client.request(PurchaseGuaranteeDocument, { input: missingValue });
    };
    expect(calls).toBeTypeOf('function');
  });

  it('throws a RequestError with the code of the first GraphQL error', async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          errors: [
            { message: 'the key is unknown or revoked', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        },
        401,
      ),
    );
    const error = await createClient({
      url: 'https://api.example/graphql',
      credential: 'sk_x',
      fetch,
    })
      .request(PolicyDocument)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
      message: 'UNAUTHENTICATED: the key is unknown or revoked',
    });
    expect((error as RequestError).errors).toHaveLength(1);
  });

  it('throws HTTP_<status> for an answer that is not GraphQL, NETWORK_ERROR for none', async () => {
    const proxy = fakeFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(
      createClient({ url: 'https://api.example/graphql', fetch: proxy.fetch }).request(
        PolicyDocument,
      ),
    ).rejects.toMatchObject({ name: 'RequestError', code: 'HTTP_502', status: 502 });
    const down = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    await expect(
      createClient({ url: 'https://api.example/graphql', fetch: down.fetch }).request(
        PolicyDocument,
      ),
    ).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
      cause: { message: 'fetch failed' },
    });
  });

  it('gives up with TIMEOUT when no answer comes', async () => {
    const fetch: typeof globalThis.fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        // As fetch does: an aborted signal rejects at once, a later abort when it comes.
        if (init?.signal?.aborted) reject(init.signal.reason);
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    await expect(
      createClient({ url: 'https://api.example/graphql', fetch, timeoutMs: 1 }).request(
        PolicyDocument,
      ),
    ).rejects.toMatchObject({ code: 'TIMEOUT', status: 0 });
  });

  it("lets the caller's signal cancel a request as an AbortError, not a RequestError", async () => {
    const fetch: typeof globalThis.fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        // As fetch does: an aborted signal rejects at once, a later abort when it comes.
        if (init?.signal?.aborted) reject(init.signal.reason);
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      });
    const controller = new AbortController();
    const pending = createClient({ url: 'https://api.example/graphql', fetch }).request(
      PolicyDocument,
      {},
      { signal: controller.signal },
    );
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it("PUTs a document's bytes to the upload URL, relative to the API, with the declared type", async () => {
    const { fetch, sent } = fakeFetch(() =>
      json(
        { documentId: 'RG9j', byteSize: 4, sha256: 'ab', uploadedAt: '2026-11-26T10:00:00.000Z' },
        201,
      ),
    );
    const client = createClient({ url: 'https://api.example/graphql', credential: 'ms.1', fetch });
    const receipt = await client.putDocument(
      { url: '/uploads/abc' },
      'application/pdf',
      new Uint8Array([37, 80, 68, 70]),
    );
    expect(receipt.documentId).toBe('RG9j');
    expect(sent[0]).toMatchObject({
      url: 'https://api.example/uploads/abc',
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
    });
    // The URL is the capability: the credential is not sent along with the bytes.
    expect(sent[0]?.headers.authorization).toBeUndefined();
  });

  it("throws the upload route's own code when it refuses the bytes", async () => {
    const { fetch } = fakeFetch(() =>
      json({ error: { code: 'CONTENT_MISMATCH', message: 'the bytes are not a PDF' } }, 422),
    );
    await expect(
      createClient({ url: 'https://api.example/graphql', fetch }).putDocument(
        { url: '/uploads/abc' },
        'application/pdf',
        new Uint8Array([1]),
      ),
    ).rejects.toMatchObject({ code: 'CONTENT_MISMATCH', status: 422 });
  });
});

describe('unwrap', () => {
  const userError = {
    field: ['input', 'quoteToken'],
    message: 'The quote expired.',
    code: 'QUOTE_EXPIRED' as const,
  };

  it("returns the payload's value when nothing was refused", () => {
    expect(unwrap({ guarantee: { id: 'G1' }, userErrors: [] }, 'guarantee')).toEqual({ id: 'G1' });
  });

  it('throws the userErrors, codes and field paths in the message', () => {
    const error = (() => {
      try {
        unwrap({ guarantee: null, userErrors: [userError] }, 'guarantee');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserErrorsError);
    expect((error as UserErrorsError).codes).toEqual(['QUOTE_EXPIRED']);
    expect((error as Error).message).toBe('QUOTE_EXPIRED: The quote expired. (input.quoteToken)');
  });

  it('throws for a payload with neither a value nor a refusal', () => {
    expect(() => unwrap({ guarantee: null, userErrors: [] }, 'guarantee')).toThrow(UserErrorsError);
  });
});

describe('uploadDocument', () => {
  it('asks for an upload URL of the file’s size and type, then PUTs the bytes there', async () => {
    const { fetch, sent } = fakeFetch((request) =>
      request.method === 'POST'
        ? json({
            data: {
              createDocumentUpload: {
                upload: { documentId: 'RG9j', url: '/uploads/tok', expiresAt: '', document: {} },
                userErrors: [],
              },
            },
          })
        : json({ documentId: 'RG9j', byteSize: 4, sha256: 'ab', uploadedAt: '' }, 201),
    );
    const client = createClient({ url: 'https://api.example/graphql', credential: 'ms.1', fetch });
    const receipt = await client.uploadDocument({
      kind: 'PROOF_OF_PURCHASE',
      fileName: 'invoice.pdf',
      contentType: 'application/pdf',
      bytes: new Uint8Array([37, 80, 68, 70]),
    });
    expect(receipt.documentId).toBe('RG9j');
    expect(JSON.parse(sent[0]?.body ?? '{}').variables.input).toEqual({
      kind: 'PROOF_OF_PURCHASE',
      fileName: 'invoice.pdf',
      contentType: 'application/pdf',
      byteSize: 4,
    });
    expect(sent[1]).toMatchObject({ url: 'https://api.example/uploads/tok', method: 'PUT' });
  });

  it('throws the userErrors of a refused upload and sends no bytes', async () => {
    const { fetch, sent } = fakeFetch(() =>
      json({
        data: {
          createDocumentUpload: {
            upload: null,
            userErrors: [
              { field: ['input', 'contentType'], message: 'No.', code: 'INVALID_INPUT' },
            ],
          },
        },
      }),
    );
    await expect(
      createClient({ url: 'https://api.example/graphql', fetch }).uploadDocument({
        kind: 'OTHER',
        fileName: 'x.exe',
        contentType: 'application/x-msdownload',
        bytes: new Uint8Array([77, 90]),
      }),
    ).rejects.toMatchObject({ name: 'UserErrorsError', codes: ['INVALID_INPUT'] });
    expect(sent).toHaveLength(1);
  });
});

describe('subscribe', () => {
  /** An event stream whose chunks split messages anywhere, with CRLF line ends. */
  const stream = (chunks: string[], status = 200) =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
          controller.close();
        },
      }),
      { status, headers: { 'content-type': 'text/event-stream' } },
    );
  const claim = (status: string) => ({ claimUpdated: { id: 'c1', status } });

  it('posts to <url>/stream asking for an event stream and yields each next event until complete', async () => {
    const { fetch, sent } = fakeFetch(() =>
      stream([
        ':\n\n: heartbeat\n\n',
        `event: next\r\ndata: ${JSON.stringify({ data: claim('APPROVED') })}\r\n\r\nevent: ne`,
        `xt\ndata: ${JSON.stringify({ data: claim('PAID') })}\n\n`,
        'event: complete\ndata: null\n\n',
        `event: next\ndata: ${JSON.stringify({ data: claim('AFTER_COMPLETE') })}\n\n`,
      ]),
    );
    const client = createClient({ url: 'https://api.example/graphql/', credential: 'ms.1', fetch });
    const seen: string[] = [];
    for await (const data of client.subscribe(ClaimUpdatedDocument, { claimId: 'c1' })) {
      seen.push(data.claimUpdated.status);
    }
    expect(seen).toEqual(['APPROVED', 'PAID']);
    expect(sent[0]?.url).toBe('https://api.example/graphql/stream');
    expect(sent[0]?.headers.accept).toBe('text/event-stream');
    expect(sent[0]?.headers.authorization).toBe('Bearer ms.1');
    expect(JSON.parse(sent[0]?.body ?? '{}').query).toMatch(/^subscription ClaimUpdated/);
  });

  it('throws the refusal with its code and status, and a GraphQL error in the stream', async () => {
    const refusing = fakeFetch(() =>
      json({ errors: [{ message: 'too many', extensions: { code: 'TOO_MANY_STREAMS' } }] }, 429),
    );
    const limited = createClient({ url: 'https://api.example/graphql', fetch: refusing.fetch });
    const first = limited.subscribe(ClaimUpdatedDocument, {})[Symbol.asyncIterator]().next();
    await expect(first).rejects.toMatchObject({ code: 'TOO_MANY_STREAMS', status: 429 });

    const failing = fakeFetch(() =>
      stream([
        `event: next\ndata: ${JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'NOT_FOUND' } }] })}\n\n`,
      ]),
    );
    const client = createClient({ url: 'https://api.example/graphql', fetch: failing.fetch });
    const next = client.subscribe(ClaimUpdatedDocument, {})[Symbol.asyncIterator]().next();
    await expect(next).rejects.toBeInstanceOf(RequestError);
    await expect(
      client.subscribe(ClaimUpdatedDocument, {})[Symbol.asyncIterator]().next(),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
