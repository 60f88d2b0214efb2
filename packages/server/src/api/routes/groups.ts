/** Groups of users: listed by anyone in the organisation, managed by administrators. */
import type { RoutePlugin } from '../route-plugin.js';
import { createGroup } from '../../domain/identity/create-group.js';
import { deleteGroup } from '../../domain/identity/delete-group.js';
import { getGroup, listGroups } from '../../domain/identity/read-groups.js';
import { updateGroup } from '../../domain/identity/update-group.js';
import { callerOf } from '../auth/caller.js';
import * as s from '../auth/schemas.js';

const groupView = {
  type: 'object',
  required: ['id', 'name', 'description', 'memberIds'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, description: { type: ['string', 'null'] }, memberIds: { type: 'array', items: { type: 'string' } } },
} as const;
const memberIds = { type: 'array', maxItems: 10000, items: { type: 'string', format: 'uuid' } } as const;
const admin = { access: { roles: ['administrator'] } } as const;

type GroupBody = { name?: string; description?: string | null; memberIds?: string[] };

export const groupsRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/groups',
    { config: { access: 'authenticated' }, schema: { summary: 'List groups', tags: ['identity'], response: { 200: { type: 'array', items: groupView }, ...s.errorResponses } } },
    async (request) => listGroups(ctx, callerOf(request)),
  );
  app.get<{ Params: { id: string } }>(
    '/api/groups/:id',
    { config: { access: 'authenticated' }, schema: { summary: 'One group', tags: ['identity'], params: s.idParams, response: { 200: groupView, ...s.errorResponses } } },
    async (request) => getGroup(ctx, callerOf(request), request.params.id),
  );
  app.post<{ Body: GroupBody & { name: string } }>(
    '/api/groups',
    {
      config: admin,
      schema: {
        summary: 'Create a group',
        tags: ['identity'],
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: s.name, description: s.nullableText, memberIds } },
        response: { 201: groupView, ...s.errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createGroup(ctx, { caller: callerOf(request), ...request.body })),
  );
  app.patch<{ Params: { id: string }; Body: GroupBody }>(
    '/api/groups/:id',
    {
      config: admin,
      schema: {
        summary: "Change a group's name, description or members",
        tags: ['identity'],
        params: s.idParams,
        body: { type: 'object', minProperties: 1, additionalProperties: false, properties: { name: s.name, description: s.nullableText, memberIds } },
        response: { 200: groupView, ...s.errorResponses },
      },
    },
    async (request) => updateGroup(ctx, { caller: callerOf(request), groupId: request.params.id, ...request.body }),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/groups/:id',
    { config: admin, schema: { summary: 'Delete a group', tags: ['identity'], params: s.idParams, response: { 204: { type: 'null' }, ...s.errorResponses } } },
    async (request, reply) => {
      await deleteGroup(ctx, { caller: callerOf(request), groupId: request.params.id });
      return reply.status(204).send();
    },
  );
};
