import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { packageRootPath } from '../adapters/package-root.js';

/** Paths the dashboard must never answer for: the API and the machine endpoints keep their own 404s. */
const API_PREFIX = '/api/';
const RESERVED = new Set(['/api', '/healthz', '/readyz', '/metrics']);
/** Vite puts a content hash in every asset's name, so an asset never changes: cache it for a year. */
const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';

/** Where `npm run build` writes the dashboard (vite build --config web/vite.config.ts). */
export function defaultWebRoot(): string {
  return packageRootPath('dist', 'web');
}

/**
 * Serves the built dashboard at `/`: hashed assets under /assets/ with long-lived caching, and
 * index.html for any other GET that looks like a page (no file extension), so a shared link such
 * as /?view=explorer or a reload on a deep path opens the app. /api/*, /healthz, /readyz and
 * /metrics are never shadowed: an unknown /api path still gets the API's JSON 404 or 405.
 * Without a build (an API-only install) nothing is registered and `/` answers the API's 404.
 */
export async function registerWebRoutes(app: FastifyInstance, webRoot = defaultWebRoot()): Promise<boolean> {
  const indexFile = join(webRoot, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.info({ webRoot }, 'no dashboard build found; serving the API only (npm run build makes one)');
    return false;
  }
  const assetsRoot = join(webRoot, 'assets');
  await app.register(fastifyStatic, {
    root: assetsRoot,
    prefix: '/assets/',
    // The API's onRequest hook marks every answer no-store; assets override it on purpose.
    cacheControl: false,
    etag: true,
    lastModified: false,
    setHeaders: (reply: FastifyReply, filePath: string) => {
      // index.html goes through the same sender (sendFile) but names the current assets, so it
      // is revalidated on every load instead.
      reply.header('cache-control', filePath.startsWith(assetsRoot) ? HASHED_ASSET_CACHE : 'no-cache');
    },
  });
  app.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.startsWith(API_PREFIX) || RESERVED.has(path) || /\.[A-Za-z0-9]+$/.test(path)) {
      return reply.callNotFound();
    }
    return reply.sendFile('index.html', webRoot);
  });
  return true;
}
