/**
 * External contacts: any staff member reads them (to choose recipients); administrators, the
 * clerk's office and department managers record and correct them; administrators and the
 * clerk's office delete them.
 */
import type { RoutePlugin } from '../route-plugin.js';
import { createContact } from '../../domain/identity/create-contact.js';
import { deleteContact } from '../../domain/identity/delete-contact.js';
import { getContact, listContacts, type ContactFields } from '../../domain/identity/read-contacts.js';
import { updateContact } from '../../domain/identity/update-contact.js';
import type { ContactKind } from '../../domain/identity/identity-tables.js';
import { callerOf } from '../auth/caller.js';
import * as s from '../auth/schemas.js';

const kind = { type: 'string', enum: ['citizen', 'notary', 'supplier', 'other'] } as const;
const contactView = {
  type: 'object',
  required: ['id', 'kind', 'name', 'email', 'phone', 'organisation'],
  properties: { id: { type: 'string' }, kind, name: { type: 'string' }, email: { type: ['string', 'null'] }, phone: { type: ['string', 'null'] }, organisation: { type: ['string', 'null'] } },
} as const;
const fields = { kind, name: s.name, email: { type: ['string', 'null'], maxLength: 254 }, phone: { type: ['string', 'null'], maxLength: 40, pattern: '^[+0-9 ().-]*$' }, organisation: s.nullableText } as const;
const editors = { access: { roles: ['administrator', 'clerk', 'department_manager'] } } as const;

export const contactsRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/contacts',
    { config: { access: 'authenticated' }, schema: { summary: 'List external contacts', tags: ['identity'], response: { 200: { type: 'array', items: contactView }, ...s.errorResponses } } },
    async (request) => listContacts(ctx, callerOf(request)),
  );
  app.get<{ Params: { id: string } }>(
    '/api/contacts/:id',
    { config: { access: 'authenticated' }, schema: { summary: 'One external contact', tags: ['identity'], params: s.idParams, response: { 200: contactView, ...s.errorResponses } } },
    async (request) => getContact(ctx, callerOf(request), request.params.id),
  );
  app.post<{ Body: ContactFields & { kind: ContactKind; name: string } }>(
    '/api/contacts',
    {
      config: editors,
      schema: {
        summary: 'Record an external contact (citizen, notary, supplier)',
        tags: ['identity'],
        body: { type: 'object', required: ['kind', 'name'], additionalProperties: false, properties: fields },
        response: { 201: contactView, ...s.errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await createContact(ctx, { caller: callerOf(request), ...request.body })),
  );
  app.patch<{ Params: { id: string }; Body: ContactFields }>(
    '/api/contacts/:id',
    {
      config: editors,
      schema: {
        summary: 'Correct an external contact',
        tags: ['identity'],
        params: s.idParams,
        body: { type: 'object', minProperties: 1, additionalProperties: false, properties: fields },
        response: { 200: contactView, ...s.errorResponses },
      },
    },
    async (request) => updateContact(ctx, { caller: callerOf(request), contactId: request.params.id, ...request.body }),
  );
  app.delete<{ Params: { id: string } }>(
    '/api/contacts/:id',
    {
      config: { access: { roles: ['administrator', 'clerk'] } },
      schema: { summary: 'Delete an external contact', tags: ['identity'], params: s.idParams, response: { 204: { type: 'null' }, ...s.errorResponses } },
    },
    async (request, reply) => {
      await deleteContact(ctx, { caller: callerOf(request), contactId: request.params.id });
      return reply.status(204).send();
    },
  );
};
