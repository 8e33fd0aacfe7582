// Serves the adjuster console (apps/console's build) at /console, in every mode: the page
// with a strict Content-Security-Policy (scripts, styles, images and requests from this
// origin only, no framing), its content-hashed assets cacheable forever. The files are read
// once at start; a missing build answers 503 with what to run.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { header, sendError } from './respond.js';

interface ConsoleFile {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  contentType: string;
  immutable: boolean;
}

export interface ConsoleBuild {
  files: ReadonlyMap<string, ConsoleFile>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The page may load and call only this origin: its own scripts and styles, document images
 * through /documents, GraphQL at /graphql. Nothing inline, nothing framed, no form posts.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** Reads the built console into memory; null when it is not built. */
export function loadConsoleBuild(distDir: string): ConsoleBuild | null {
  let index: Buffer;
  try {
    index = readFileSync(path.join(distDir, 'index.html'));
  } catch {
    return null;
  }
  const files = new Map<string, ConsoleFile>();
  const add = (urlPath: string, body: Buffer, immutable: boolean) => {
    const type = CONTENT_TYPES[path.extname(urlPath)];
    if (!type) return;
    files.set(urlPath, {
      body,
      gzipped: gzipSync(body, { level: 9 }),
      etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`,
      contentType: type,
      immutable,
    });
  };
  add('/console/index.html', index, false);
  let assets: string[] = [];
  try {
    assets = readdirSync(path.join(distDir, 'assets'));
  } catch {
    // A page without assets is still served; it would show nothing, which the tests catch.
  }
  for (const name of assets) {
    // Vite names every asset by its content hash: a new build gets new names.
    add(`/console/assets/${name}`, readFileSync(path.join(distDir, 'assets', name)), true);
  }
  return { files };
}

/** GET /console (the page, also at /console/) and /console/assets/* (the hashed assets). */
export function handleConsole(
  build: ConsoleBuild | null,
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
): void {
  if (!build) {
    sendError(res, 503, 'CONSOLE_NOT_BUILT', 'the console is not built: run pnpm build');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'METHOD_NOT_ALLOWED', 'use GET', { allow: 'GET, HEAD' });
    return;
  }
  const isPage =
    urlPath === '/console' || urlPath === '/console/' || urlPath === '/console/index.html';
  const file = build.files.get(isPage ? '/console/index.html' : urlPath);
  if (!file) {
    sendError(res, 404, 'NOT_FOUND', 'no such file');
    return;
  }
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'x-content-type-options': 'nosniff',
    etag: file.etag,
    // The page is revalidated every time (it names the current assets); assets never change.
    'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: 'Accept-Encoding',
    ...(isPage ? PAGE_HEADERS : {}),
  };
  if (header(req, 'if-none-match') === file.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(header(req, 'accept-encoding') ?? '');
  const body = gzip ? file.gzipped : file.body;
  res.writeHead(200, {
    ...headers,
    ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    'content-length': String(body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
