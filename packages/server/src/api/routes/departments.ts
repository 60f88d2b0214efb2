/** Departments: listed by anyone in the organisation, managed by administrators. */
import type { RoutePlugin } from '../route-plugin.js';
import { createDepartment } from '../../domain/identity/create-department.js';
import { deleteDepartment } from '../../domain/identity/delete-department.js';
import { getDepartment, listDepartments } from '../../domain/identity/read-departments.js';
import { renameDepartment } from '../../domain/identity/rename-department.js';
import { callerOf } from '../auth/caller.js';
import * as s from '../auth/schemas.js';

const departmentView = {
  type: 'object',
  required: ['id', 'name', 'members'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    members: { type: 'array', items: { type: 'object', properties: { userId: { type: 'string' }, manager: { type: 'boolean' } } } },
  },
} as const;
const body = { type: 'object', required: ['name'], additionalProperties: false, properties: { name: s.name } } as const;
const admin = { access: { roles: ['administrator'] } } as const;

export const departmentsRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/departments',
    { config: { access: 'authenticated' }, schema: { summary: 'List departments', tags: ['identity'], response: { 200: { type: 'array', items: departmentView }, ...s.errorResponses } } },
    async (request) => listDepartments(ctx, callerOf(request)),
  );
  app.get<{ Params: { id: string } }>(
    '/api/departments/:id',
    { config: { access: 'authenticated' }, schema: { summary: 'One department', tags: ['identity'], params: s.idParams, response: { 200: departmentView, ...s.errorResponses } } },
    async (request) => getDepartment(ctx, callerOf(request), request.params.id),
  );
  app.post<{ Body: { name: string } }>(
    '/api/departments',
    { config: admin, schema: { summary: 'Create a department', tags: ['identity'], body, response: { 201: departmentView, ...s.errorResponses } } },
    async (request, reply) => reply.status(201).send(await createDepartment(ctx, { caller: callerOf(request), name: request.body.name })),
  );
  app.patch<{ Params: { id: string }; Body: { name: string } }>(
    '/api/departments/:id',
    { config: admin, schema: { summary: 'Rename a department', tags: ['identity'], params: s.idParams, body, response: { 200: departmentView, ...s.errorResponses } } },
    async (request) => renameDepartment(ctx, { caller: callerOf(request), departmentId: request.params.id, name: request.body.name }),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/departments/:id',
    { config: admin, schema: { summary: 'Delete a department', tags: ['identity'], params: s.idParams, response: { 204: { type: 'null' }, ...s.errorResponses } } },
    async (request, reply) => {
      await deleteDepartment(ctx, { caller: callerOf(request), departmentId: request.params.id });
      return reply.status(204).send();
    },
  );
};
