/** The caller's organisation: read by anyone in it, changed by administrators. */
import type { RoutePlugin } from '../route-plugin.js';
import { getOrganisation } from '../../domain/identity/read-organisation.js';
import { updateOrganisation } from '../../domain/identity/update-organisation.js';
import { callerOf } from '../auth/caller.js';
import * as s from '../auth/schemas.js';

export const orgsRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/orgs/current',
    {
      config: { access: 'authenticated' },
      schema: { summary: "The caller's organisation", tags: ['identity'], response: { 200: s.organisationView, ...s.errorResponses } },
    },
    async (request) => getOrganisation(ctx, callerOf(request)),
  );

  app.patch<{ Body: { name?: string; oidcJustInTime?: boolean } }>(
    '/api/orgs/current',
    {
      config: { access: { roles: ['administrator'] } },
      schema: {
        summary: "Rename the organisation or change its sign-on settings",
        tags: ['identity'],
        body: { type: 'object', minProperties: 1, additionalProperties: false, properties: { name: s.name, oidcJustInTime: { type: 'boolean' } } },
        response: { 200: s.organisationView, ...s.errorResponses },
      },
    },
    async (request) => updateOrganisation(ctx, { caller: callerOf(request), ...request.body }),
  );
};
