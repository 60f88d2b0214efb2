/**
 * Organisations, people and signed-in sessions for credential and messaging tests, made
 * through the identity use cases; `as(person)` gives the headers of their browser session.
 */
import type { ParapheServer } from '../../../src/server.js';
import { createOrganisation } from '../../../src/domain/identity/create-organisation.js';
import { insertUser } from '../../../src/domain/identity/create-user.js';
import { createSession } from '../../../src/domain/identity/create-session.js';
import { SYSTEM_ACTOR, type Caller } from '../../../src/domain/identity/identity-context.js';
import type { AssignableRole, Role } from '../../../src/domain/identity/roles.js';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../src/api/auth/cookies.js';

export interface Person {
  readonly id: string;
  readonly orgId: string;
  readonly email: string;
  readonly roles: readonly Role[];
  /** The caller shape use cases take. */
  readonly caller: Caller;
  /** Cookie and CSRF headers of a live session. */
  readonly headers: Record<string, string>;
}

export interface Organisation {
  readonly id: string;
  readonly name: string;
  person(name: string, roles: readonly AssignableRole[], title?: string): Promise<Person>;
}

export async function createTestOrganisation(server: ParapheServer, name: string): Promise<Organisation> {
  const { ctx } = server;
  const org = await ctx.db.kysely.transaction().execute((trx) => createOrganisation(ctx, trx, { name, actor: SYSTEM_ACTOR }));
  let n = 0;
  return {
    id: org.id,
    name,
    async person(personName, roles, title) {
      n += 1;
      const email = `${personName.toLowerCase().replace(/[^a-z]+/g, '.')}.${n}@${org.slug}.example`;
      const system: Caller = { ...SYSTEM_ACTOR, orgId: org.id, roles: ['administrator'] };
      return ctx.db.kysely.transaction().execute(async (trx) => {
        const user = await insertUser(ctx, trx, { caller: system, email, name: personName, title: title ?? null, roles }, null);
        const session = await createSession(ctx, trx, { userId: user.id, orgId: org.id, method: 'password', actor: SYSTEM_ACTOR });
        const caller: Caller = { type: 'user', id: user.id, ip: '127.0.0.1', userAgent: 'test', orgId: org.id, roles };
        return {
          id: user.id,
          orgId: org.id,
          email,
          roles,
          caller,
          headers: { cookie: `${SESSION_COOKIE}=${session.token}`, [CSRF_HEADER]: session.csrfToken },
        };
      });
    },
  };
}
