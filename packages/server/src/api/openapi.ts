/** OpenAPI 3.1 generated from the route schemas, served at `/api/openapi.json`. */
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { serverVersion } from '../version.js';

/** Must be registered before any route so every route is collected. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Paraphe API', version: serverVersion(), description: 'Open, self-hostable e-signature platform' },
    },
  });
}

export function registerOpenApiRoute(app: FastifyInstance): void {
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
