/**
 * Serves the built web app (packages/web/dist) at `/`: files as they are, and index.html for
 * any other extension-less path so the app's own router handles it (history fallback). Paths
 * under /api and /pki are never the app's: they keep the JSON 404. When the app is not built,
 * pages say how to build it.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import type { RoutePlugin } from './route-plugin.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The app runs only its own bundled code; inline styles are set by React through the DOM, which CSP allows. */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Paraphe — web app not built</title></head>
<body><main><h1>The Paraphe web app is not built</h1>
<p>The API runs (<a href="/api/health">/api/health</a>), but <code>packages/web/dist</code> is missing.
Build it with <code>npm run build -w @paraphe/web</code> (<code>npm start</code> does this first), then reload.</p>
<p lang="fr">L’application web n’est pas construite : lancez <code>npm run build -w @paraphe/web</code> (ce que fait <code>npm start</code>), puis rechargez.</p>
</main></body></html>
`;

/** packages/web/dist, found from this file's place in the repository. */
export function defaultWebDist(): string {
  return fileURLToPath(new URL('../../../web/dist/', import.meta.url));
}

function isApiPath(path: string): boolean {
  return /^\/(api|pki)(\/|$)/.test(path);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false; // absent or unreadable: not a file this route can serve, so the fallback applies
  }
}

async function sendFile(reply: FastifyReply, file: string, cache: string): Promise<FastifyReply> {
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  if (type.startsWith('text/html')) reply.headers(SECURITY_HEADERS);
  return reply.header('content-type', type).header('cache-control', cache).send(await readFile(file));
}

/** Route plugin serving the SPA built in `distDir` (default packages/web/dist). */
export function webAppRoutes(distDir: string = defaultWebDist()): RoutePlugin {
  const root = normalize(distDir).replace(/[\\/]+$/, '');
  const index = join(root, 'index.html');
  return async (app) => {
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (isApiPath(path)) return reply.callNotFound();
      if (!(await isFile(index))) return reply.status(503).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);
      let decoded: string;
      try {
        decoded = decodeURIComponent(path);
      } catch {
        return reply.callNotFound(); // malformed percent-encoding names no file
      }
      const file = normalize(join(root, decoded));
      if (file.startsWith(root + sep) && (await isFile(file))) {
        const immutable = file.startsWith(join(root, 'assets') + sep);
        return sendFile(reply, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      }
      // A missing asset is a 404; any other path is one of the app's pages.
      if (extname(decoded) !== '') return reply.callNotFound();
      return sendFile(reply, index, 'no-cache');
    });
  };
}
