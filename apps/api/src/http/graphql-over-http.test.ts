// The README's "GraphQL over HTTP" section is true of the running API: a query sent as GET
// without a preflight-only header is refused with the message it quotes, and each setting it
// documents gets an answer.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, startTestApi, type TestApi } from '../test-support/harness.js';

const README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

/** The section, and the refusal it quotes (its `text` code block). */
function documented(): { section: string; message: string } {
  const section = /## GraphQL over HTTP\n([\s\S]*?)\n## /.exec(README)?.[1];
  if (!section) throw new Error('README.md has no "GraphQL over HTTP" section');
  const message = /```text\n(.+)\n```/.exec(section)?.[1];
  if (!message) throw new Error('the section quotes no refusal in a ```text block');
  return { section, message };
}

let api: TestApi;
const QUERY = '{ policy { version } }';
const getUrl = () => `${api.url}/graphql?query=${encodeURIComponent(QUERY)}`;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

describe('GraphQL over HTTP, as the README documents it', () => {
  it('refuses a GET without a preflight-only header with HTTP 400 and the documented message', async () => {
    const response = await fetch(getUrl());
    expect(response.status).toBe(400);
    const body = await readJson(response);
    expect(body.data).toBeUndefined();
    expect(body.errors[0]?.message.trim()).toBe(documented().message);
  });

  it('refuses a POST sent as text/plain alike', async () => {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(400);
    expect((await readJson(response)).errors[0]?.message.trim()).toBe(documented().message);
  });

  it.each([
    ['apollo-require-preflight: true', { 'apollo-require-preflight': 'true' }],
    ['x-apollo-operation-name', { 'x-apollo-operation-name': 'Policy' }],
    ['Content-Type: application/json', { 'content-type': 'application/json' }],
  ])('answers a GET with %s', async (name, headers) => {
    expect(documented().section).toContain(name.split(':')[0]);
    const response = await fetch(getUrl(), { headers });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.errors).toBeUndefined();
    expect(body.data.policy.version).toMatch(/^\d{4}-\d{2}$/);
  });

  it('answers the POST with a JSON body every client sends by default', async () => {
    const result = await api.gql<{ policy: { version: string } }>(QUERY);
    expect(result.status).toBe(200);
    expect(result.body.data?.policy.version).toMatch(/^\d{4}-\d{2}$/);
  });

  it('never runs a mutation sent as GET, header or not', async () => {
    const mutation = 'mutation { rotateWebhookSecret { userErrors { code } } }';
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent(mutation)}`, {
      headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${api.operatorKey}` },
    });
    expect(response.status).toBe(405);
    expect((await readJson(response)).data).toBeUndefined();
    expect(documented().section).toContain('Mutations are never accepted over GET');
  });
});
