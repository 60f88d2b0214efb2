/** Every route the server registers, with its declared access, so tests can prove each one is guarded. */
import type { FastifyInstance } from 'fastify';
import type { Access } from './access.js';

export interface CataloguedRoute {
  readonly method: string;
  readonly url: string;
  readonly access: Access | undefined;
  readonly tags: readonly string[];
}

const catalogues = new WeakMap<FastifyInstance, CataloguedRoute[]>();

/** Must run before the routes are added (the identity plugin is registered first). */
export function collectRoutes(app: FastifyInstance): void {
  const routes: CataloguedRoute[] = [];
  catalogues.set(app, routes);
  app.addHook('onRoute', (options) => {
    const methods = Array.isArray(options.method) ? options.method : [options.method];
    const schema = options.schema as { tags?: string[] } | undefined;
    for (const method of methods) {
      if (method === 'HEAD') continue; // Fastify's automatic HEAD twin of each GET
      routes.push({ method, url: options.url, access: options.config?.access, tags: schema?.tags ?? [] });
    }
  });
}

export function routeCatalogue(app: FastifyInstance): readonly CataloguedRoute[] {
  return catalogues.get(app) ?? [];
}
