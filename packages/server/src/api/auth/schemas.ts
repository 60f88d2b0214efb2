/** JSON schema pieces shared by the identity routes (validation and OpenAPI). */

export const errorResponses = {
  400: { $ref: 'ErrorBody#' },
  401: { $ref: 'ErrorBody#' },
  403: { $ref: 'ErrorBody#' },
  404: { $ref: 'ErrorBody#' },
  409: { $ref: 'ErrorBody#' },
} as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

export const assignableRole = { type: 'string', enum: ['administrator', 'clerk', 'member'] } as const;

export const name = { type: 'string', minLength: 1, maxLength: 200 } as const;
export const email = { type: 'string', minLength: 3, maxLength: 254 } as const;
export const password = { type: 'string', minLength: 1, maxLength: 1024 } as const;
export const nullableText = { type: ['string', 'null'], maxLength: 200 } as const;

export const membership = {
  type: 'object',
  required: ['id', 'manager'],
  additionalProperties: false,
  properties: { id: { type: 'string', format: 'uuid' }, manager: { type: 'boolean' } },
} as const;

export const userView = {
  type: 'object',
  required: ['id', 'orgId', 'email', 'name', 'title', 'roles', 'status', 'departments', 'hasPassword', 'locked', 'createdAt'],
  properties: {
    id: { type: 'string' },
    orgId: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    title: { type: ['string', 'null'] },
    roles: { type: 'array', items: { type: 'string' } },
    status: { type: 'string', enum: ['active', 'disabled'] },
    departments: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, manager: { type: 'boolean' } } } },
    hasPassword: { type: 'boolean' },
    locked: { type: 'boolean' },
    createdAt: { type: 'string' },
  },
} as const;

export const organisationView = {
  type: 'object',
  required: ['id', 'name', 'slug', 'oidcJustInTime'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, slug: { type: 'string' }, oidcJustInTime: { type: 'boolean' } },
} as const;
