import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, print } from 'graphql';
import { type GraphQLErrorEntry, RequestError, unwrap } from './errors.js';
import { CreateDocumentUploadDocument, type DocumentKind } from './generated/graphql.js';

/** Where and as whom a {@link Client} talks to the API. */
export interface ClientOptions {
  /** The API's GraphQL endpoint, e.g. `https://guarantee.example.com/graphql`. */
  url: string;
  /**
   * Sent as `Authorization: Bearer <credential>`: a storefront's secret key (`sk_...`) on its
   * server, a member session token (`ms....`) in a member center, or a function returning one
   * for each request (a session that is renewed). Leave it out for `policy`, which is public.
   */
  credential?: string | (() => string | Promise<string>);
  /** Defaults to the global `fetch` (Node 18+, browsers). */
  fetch?: typeof globalThis.fetch;
  /** A request with no answer after this long fails with `TIMEOUT`. Default 10 000 ms. */
  timeoutMs?: number;
  /**
   * Where `subscribe` opens its event streams. Default: `url` followed by `/stream` (the API
   * serves GraphQL over Server-Sent Events at `/graphql/stream`).
   */
  streamUrl?: string;
}

/** What one request may add: a cancellation signal. */
export interface RequestOptions {
  signal?: AbortSignal;
}

/** An operation's variables, optional when it has none. */
type VariablesOf<V> = Record<never, never> extends V ? [variables?: V] : [variables: V];

/** What `PUT` of a document's bytes answers. */
export interface UploadReceipt {
  documentId: string;
  byteSize: number;
  /** Hex SHA-256 of the bytes as stored. */
  sha256: string;
  uploadedAt: string;
}

/** A file to attach to a claim as evidence (POLICY R13). */
export interface DocumentFile {
  kind: DocumentKind;
  fileName: string;
  /** One the API accepts: application/pdf, image/png, image/jpeg, image/webp, image/heic, message/rfc822. */
  contentType: string;
  bytes: Uint8Array | ArrayBuffer | Blob;
}

/** A typed GraphQL client over `fetch`. */
export interface Client {
  /**
   * Sends one operation and returns its `data`, typed from the document. GraphQL `errors`, a
   * non-2xx answer or no answer throw a {@link RequestError}; `userErrors` are part of `data`.
   */
  request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: [...VariablesOf<TVariables>, options?: RequestOptions]
  ): Promise<TData>;
  /**
   * PUTs a document's bytes to the `url` of `createDocumentUpload` (relative to the API), with
   * the Content-Type declared there. A refusal (expired or used URL, size or type mismatch)
   * throws a {@link RequestError} with the API's code.
   */
  putDocument(
    upload: { url: string },
    contentType: string,
    bytes: Uint8Array | ArrayBuffer | Blob,
    options?: RequestOptions,
  ): Promise<UploadReceipt>;
  /**
   * `createDocumentUpload` then the `PUT` of the bytes: returns the receipt, whose `documentId`
   * goes into `fileClaim` or `addClaimDocuments`. A refusal of the upload (`TOO_MANY_DOCUMENTS`,
   * an unsupported type or size) throws a {@link UserErrorsError}; of the bytes, a RequestError.
   */
  uploadDocument(file: DocumentFile, options?: RequestOptions): Promise<UploadReceipt>;
  /**
   * Follows a subscription (e.g. `ClaimUpdatedDocument`) over the API's event stream: yields
   * each result's `data`, typed from the document, until the server ends the stream (at a
   * shutdown, or when the member session expires: subscribe again, and a refusal then says
   * whether the credential is still good) or `signal` aborts (or the loop breaks). A refusal
   * (HTTP 401, 429 `TOO_MANY_STREAMS`, an invalid document) or a GraphQL error in the stream
   * throws a {@link RequestError}. Changes made while no stream was open are not replayed:
   * read the data again after re-subscribing.
   */
  subscribe<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: [...VariablesOf<TVariables>, options?: RequestOptions]
  ): AsyncIterable<TData>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

// Documents are printed once: the generated ones are module constants.
const printed = new WeakMap<DocumentNode, string>();
function queryOf(document: DocumentNode): string {
  let query = printed.get(document);
  if (query === undefined) {
    query = print(document);
    printed.set(document, query);
  }
  return query;
}

/**
 * A client for the Logistics Guarantee API using `fetch` alone:
 *
 * ```ts
 * const lg = createClient({ url: 'https://guarantee.example.com/graphql', credential: process.env.LG_SECRET_KEY });
 * const { purchaseGuarantee } = await lg.request(PurchaseGuaranteeDocument, { input });
 * ```
 */
export function createClient(options: ClientOptions): Client {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function authorization(): Promise<Record<string, string>> {
    const credential =
      typeof options.credential === 'function' ? await options.credential() : options.credential;
    return credential ? { authorization: `Bearer ${credential}` } : {};
  }

  async function send(url: string, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await fetchImpl(url, {
        ...init,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      if (timeout.aborted) {
        throw new RequestError(`No answer from ${url} within ${timeoutMs} ms`, 'TIMEOUT', 0, [], {
          cause: error,
        });
      }
      throw new RequestError(`${url} could not be reached`, 'NETWORK_ERROR', 0, [], {
        cause: error,
      });
    }
  }

  async function request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: [...VariablesOf<TVariables>, options?: RequestOptions]
  ): Promise<TData> {
    const [variables, requestOptions]: readonly unknown[] = args;
    const response = await send(
      options.url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(await authorization()),
        },
        body: JSON.stringify({ query: queryOf(document), variables: variables ?? {} }),
      },
      (requestOptions as RequestOptions | undefined)?.signal,
    );
    const body = await readJson(response);
    const errors = Array.isArray(body?.errors) ? (body.errors as GraphQLErrorEntry[]) : [];
    const first = errors[0];
    if (first) {
      const code = first.extensions?.code ?? `HTTP_${response.status}`;
      throw new RequestError(`${code}: ${first.message}`, code, response.status, errors);
    }
    if (!response.ok || !body || typeof body.data !== 'object' || body.data === null) {
      throw new RequestError(
        `The API answered HTTP ${response.status} without GraphQL data`,
        `HTTP_${response.status}`,
        response.status,
      );
    }
    // The shape is the document's: its types were generated from the schema the API serves.
    return body.data as TData;
  }

  async function putDocument(
    upload: { url: string },
    contentType: string,
    bytes: Uint8Array | ArrayBuffer | Blob,
    requestOptions?: RequestOptions,
  ): Promise<UploadReceipt> {
    const url = new URL(upload.url, options.url).toString();
    const response = await send(
      url,
      { method: 'PUT', headers: { 'content-type': contentType }, body: bytes },
      requestOptions?.signal,
    );
    const body = await readJson(response);
    if (!response.ok) {
      const error = body?.error as { code?: string; message?: string } | undefined;
      const code = error?.code ?? `HTTP_${response.status}`;
      throw new RequestError(
        `${code}: ${error?.message ?? `the upload answered HTTP ${response.status}`}`,
        code,
        response.status,
      );
    }
    return body as unknown as UploadReceipt;
  }

  async function* subscribe<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...args: [...VariablesOf<TVariables>, options?: RequestOptions]
  ): AsyncGenerator<TData, void, undefined> {
    const [variables, requestOptions]: readonly unknown[] = args;
    const given = (requestOptions as RequestOptions | undefined)?.signal;
    const streamUrl = options.streamUrl ?? `${options.url.replace(/\/+$/, '')}/stream`;
    // Only the wait for the answer's headers is bounded: the stream itself lasts.
    const opened = new AbortController();
    const stopped = new AbortController();
    const signal = given ? AbortSignal.any([given, stopped.signal]) : stopped.signal;
    const timer = setTimeout(() => opened.abort(), timeoutMs);
    let response: Response;
    try {
      response = await fetchImpl(streamUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...(await authorization()),
        },
        body: JSON.stringify({ query: queryOf(document), variables: variables ?? {} }),
        signal: AbortSignal.any([signal, opened.signal]),
      });
    } catch (error) {
      if (given?.aborted) return;
      const code = opened.signal.aborted ? 'TIMEOUT' : 'NETWORK_ERROR';
      throw new RequestError(`${streamUrl} could not be reached (${code})`, code, 0, [], {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
    }
    if (response.status !== 200 || !response.body) {
      const body = await readJson(response);
      const errors = Array.isArray(body?.errors) ? (body.errors as GraphQLErrorEntry[]) : [];
      const code = errors[0]?.extensions?.code ?? `HTTP_${response.status}`;
      throw new RequestError(
        `${code}: ${errors[0]?.message ?? `the stream answered HTTP ${response.status}`}`,
        code,
        response.status,
        errors,
      );
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          if (signal.aborted) return;
          throw new RequestError(`the stream from ${streamUrl} was cut`, 'NETWORK_ERROR', 200, [], {
            cause: error,
          });
        }
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
        for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
          const message = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (message.event === 'complete') return;
          if (message.event !== 'next' || message.data === '') continue;
          const result = JSON.parse(message.data) as {
            data?: TData | null;
            errors?: GraphQLErrorEntry[];
          };
          const first = result.errors?.[0];
          if (first) {
            const code = first.extensions?.code ?? 'GRAPHQL_ERROR';
            throw new RequestError(`${code}: ${first.message}`, code, 200, result.errors ?? []);
          }
          if (result.data) yield result.data;
        }
      }
    } finally {
      // Breaking out of the loop, an error or the end: the connection goes too.
      stopped.abort();
      reader.releaseLock();
    }
  }

  return {
    request,
    putDocument,
    subscribe,
    async uploadDocument(file, requestOptions) {
      const byteSize = file.bytes instanceof Blob ? file.bytes.size : file.bytes.byteLength;
      const { createDocumentUpload } = await request(
        CreateDocumentUploadDocument,
        {
          input: {
            kind: file.kind,
            fileName: file.fileName,
            contentType: file.contentType,
            byteSize,
          },
        },
        requestOptions,
      );
      const upload = unwrap(createDocumentUpload, 'upload');
      return putDocument(upload, file.contentType, file.bytes, requestOptions);
    },
  };
}

async function readJson(response: Response): Promise<Record<string, unknown> | undefined> {
  const text = await response.text();
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object'
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** One Server-Sent Events message: its event name and its data lines joined. */
function parseEvent(block: string): { event: string; data: string } {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return { event, data: data.join('\n') };
}
