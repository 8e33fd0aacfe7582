import { createServer, type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readRequestHeaders } from './respond.js';

/** Sends raw header lines to a real node:http server; returns what it parsed both ways. */
async function roundTrip(lines: [string, string][]) {
  let seen: { raw: string[]; headers: IncomingHttpHeaders } | undefined;
  const server = createServer((req, res) => {
    seen = { raw: req.rawHeaders, headers: req.headers };
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => {
    const req = request({ port, method: 'POST', path: '/', headers: lines.flat() }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end('{}');
  });
  await new Promise((resolve) => server.close(resolve));
  if (!seen) throw new Error('no request');
  return seen;
}

describe('readRequestHeaders', () => {
  it('reads what req.headers gives, repeats and letter case included', async () => {
    const { raw, headers } = await roundTrip([
      ['Host', '127.0.0.1'],
      ['Authorization', 'Bearer first'],
      ['authorization', 'Bearer second'],
      ['ORIGIN', 'https://a.example'],
      ['Origin', 'https://b.example'],
      ['Content-Type', 'application/json'],
      ['content-type', 'text/plain'],
      ['X-Request-Id', 'abc'],
      ['x-request-id', 'def'],
      ['Accept', 'application/graphql-response+json'],
      ['ACCEPT', 'application/json;q=0.9'],
    ]);
    expect(readRequestHeaders(raw)).toEqual({
      authorization: headers.authorization,
      origin: headers.origin,
      contentType: headers['content-type'],
      contentLength: headers['content-length'],
      requestId: headers['x-request-id'],
      accept: headers.accept,
    });
    expect(headers.accept).toBe('application/graphql-response+json, application/json;q=0.9');
    expect(headers.authorization).toBe('Bearer first');
    expect(headers.origin).toBe('https://a.example, https://b.example');
  });

  it('leaves absent headers undefined', () => {
    expect(readRequestHeaders(['Host', 'x'])).toEqual({
      authorization: undefined,
      origin: undefined,
      contentType: undefined,
      contentLength: undefined,
      requestId: undefined,
      accept: undefined,
    });
  });
});
