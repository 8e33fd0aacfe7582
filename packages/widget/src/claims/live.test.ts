import { describe, expect, it } from 'vitest';
import { readEvents } from './live.js';

/** A body that arrives in the given chunks, as a network would split it. */
function body(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function events(...chunks: string[]): Promise<[string, string][]> {
  const seen: [string, string][] = [];
  await readEvents(body(...chunks), (event, data) => seen.push([event, data]));
  return seen;
}

describe('readEvents (text/event-stream)', () => {
  it('reads graphql-sse next and complete events', async () => {
    expect(
      await events('event: next\ndata: {"data":{"a":1}}\n\n', 'event: complete\ndata:\n\n'),
    ).toEqual([
      ['next', '{"data":{"a":1}}'],
      ['complete', ''],
    ]);
  });

  it('joins an event split across chunks and multi-line data, with CRLF line ends', async () => {
    expect(await events('event: ne', 'xt\r\ndata: {"x":\r\ndata: 2}\r\n', '\r\n')).toEqual([
      ['next', '{"x":\n2}'],
    ]);
  });

  it('skips heartbeat comments and keeps an unfinished event out', async () => {
    expect(
      await events(':\n\n', ': ping\n\n', 'event: next\ndata: 1\n\n', 'event: next\ndata: 2'),
    ).toEqual([['next', '1']]);
  });
});
