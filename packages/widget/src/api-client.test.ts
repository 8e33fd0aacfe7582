import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, quoteGuarantee } from './api-client.js';

// Node's fetch stands in for the browser's: same Request/Response semantics, no CORS.
let server: Server;
let url: string;
let reply: (body: { query: string }) => { status?: number; body: unknown };
const seen: { auth?: string; type?: string; body: { query: string; variables: unknown } }[] = [];

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    const body = JSON.parse(text);
    seen.push({ auth: req.headers.authorization, type: req.headers['content-type'], body });
    const { status = 200, body: out } = reply(body);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof out === 'string' ? out : JSON.stringify(out));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
});

const input = { currencyCode: 'USD', lines: [{ title: 'Cart', unitPrice: '120.00', quantity: 1 }] };
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => ({
      name: error.name,
      api: error instanceof ApiError,
      code: (error as ApiError).code,
      message: error.message,
    }),
  );

describe('quoteGuarantee', () => {
  it('posts the Quote mutation as JSON with the publishable key as a bearer token', async () => {
    const quote = { id: 'q1', token: 't1' };
    reply = () => ({ body: { data: { quoteGuarantee: { quote, userErrors: [] } } } });
    await expect(quoteGuarantee(url, 'pk_test_1', input)).resolves.toEqual(quote);
    expect(seen[0]?.auth).toBe('Bearer pk_test_1');
    expect(seen[0]?.type).toBe('application/json');
    expect(seen[0]?.body.query).toMatch(/^mutation Quote\(\$input:QuoteGuaranteeInput!\)/);
    // The policy the quote was issued under, its amounts in the quote's currency, comes with it.
    expect(seen[0]?.body.query).toContain(
      'policy{claimWindowHours unclaimedDays responseDays minimumFee{amount currencyCode}',
    );
    expect(seen[0]?.body.variables).toEqual({ input });
  });

  it('turns a userErrors refusal into its code', async () => {
    reply = () => ({
      body: {
        data: {
          quoteGuarantee: {
            quote: null,
            userErrors: [{ field: ['input'], message: 'Only USD', code: 'UNSUPPORTED_CURRENCY' }],
          },
        },
      },
    });
    expect(await failure(quoteGuarantee(url, 'pk', input))).toMatchObject({
      code: 'UNSUPPORTED_CURRENCY',
      message: 'Only USD',
    });
  });

  it('reads the code of a top-level GraphQL error, whatever the HTTP status', async () => {
    reply = () => ({
      status: 403,
      body: { errors: [{ message: 'Origin not allowed', extensions: { code: 'FORBIDDEN' } }] },
    });
    expect(await failure(quoteGuarantee(url, 'pk', input))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('reports a non-GraphQL error response by its status', async () => {
    reply = () => ({ status: 502, body: '<html>Bad gateway</html>' });
    expect(await failure(quoteGuarantee(url, 'pk', input))).toMatchObject({ code: 'HTTP_502' });
  });

  it('reports an unreachable server as NETWORK_ERROR', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(
      await failure(quoteGuarantee(`http://127.0.0.1:${port}/graphql`, 'pk', input)),
    ).toMatchObject({
      code: 'NETWORK_ERROR',
    });
  });

  it('passes a cancellation through as an abort, not as an API failure', async () => {
    reply = () => ({ body: { data: { quoteGuarantee: { quote: {}, userErrors: [] } } } });
    const controller = new AbortController();
    const pending = quoteGuarantee(url, 'pk', input, controller.signal);
    controller.abort();
    expect(await failure(pending)).toMatchObject({ name: 'AbortError', api: false });
  });
});

describe('ApiError', () => {
  it('carries a code and a message', () => {
    const error = new ApiError('FORBIDDEN', 'no');
    expect([error.code, error.message, error instanceof Error]).toEqual(['FORBIDDEN', 'no', true]);
  });
});
