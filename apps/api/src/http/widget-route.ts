// Serves the widget bundles (the checkout's and the member center's) to any storefront: one self-contained ES module, CORS for every
// origin, an ETag for revalidation, and a content-hashed URL that may be cached forever.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { header, sendError } from './respond.js';

export interface WidgetBundle {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  /** `/widget/<name>.<hash>.js`: immutable. */
  versionedPath: string;
}

export function loadWidgetBundle(file: string, name = 'logistics-guarantee'): WidgetBundle | null {
  let body: Buffer;
  try {
    body = readFileSync(file);
  } catch {
    return null;
  }
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return {
    body,
    gzipped: gzipSync(body, { level: 9 }),
    etag: `"${hash}"`,
    versionedPath: `/widget/${name}.${hash}.js`,
  };
}

export function handleWidget(
  bundle: WidgetBundle | null,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): void {
  if (!bundle) {
    sendError(res, 503, 'WIDGET_NOT_BUILT', 'the widget bundle is not built: run pnpm build');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'METHOD_NOT_ALLOWED', 'use GET', { allow: 'GET, HEAD' });
    return;
  }
  const immutable = path === bundle.versionedPath;
  const headers: Record<string, string> = {
    'content-type': 'text/javascript; charset=utf-8',
    'access-control-allow-origin': '*',
    'cross-origin-resource-policy': 'cross-origin',
    'x-content-type-options': 'nosniff',
    etag: bundle.etag,
    'cache-control': immutable
      ? 'public, max-age=31536000, immutable'
      : 'public, max-age=300, stale-while-revalidate=86400',
    vary: 'Accept-Encoding',
  };
  if (header(req, 'if-none-match') === bundle.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(header(req, 'accept-encoding') ?? '');
  const body = gzip ? bundle.gzipped : bundle.body;
  res.writeHead(200, {
    ...headers,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    'content-length': String(body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
