/**
 * A server on one database with the first organisation set up through the real set-up route,
 * helpers to act as a signed-in user (cookie + CSRF header), an API token or nobody, and a
 * second organisation for cross-organisation checks.
 */
import type { LightMyRequestResponse } from 'fastify';
import { createServer, type ParapheServer, type ServerDeps } from '../../../src/server.js';
import { usePasswordHasher } from '../../../src/api/auth/password-hashers.js';
import { argon2Hasher } from '../../../src/domain/identity/password-hasher.js';
import { createOrganisation } from '../../../src/domain/identity/create-organisation.js';
import { insertUser } from '../../../src/domain/identity/create-user.js';
import { SYSTEM_ACTOR } from '../../../src/domain/identity/identity-context.js';
import type { AssignableRole } from '../../../src/domain/identity/roles.js';
import type { DialectFixture } from '../../support/dialects.js';

/** Cheap argon2id parameters: the production ones are exercised by the hasher's own tests. */
export const TEST_HASHER = argon2Hasher({ memoryKiB: 256, iterations: 1, parallelism: 1 });
export const PASSWORD = 'correct horse battery staple';

export type Agent =
  | { readonly kind: 'session'; readonly cookie: string; readonly csrf: string; readonly userId: string; readonly orgId: string }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'anonymous' };

export const ANONYMOUS: Agent = { kind: 'anonymous' };

export interface IdentityHarness {
  readonly server: ParapheServer;
  /** A session of the administrator created by POST /api/setup (tests that move the clock replace it). */
  admin: Agent & { kind: 'session' };
  readonly orgId: string;
  call(agent: Agent, method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Creates a user (through the API, as the administrator) and signs them in. */
  userWith(roles: AssignableRole[], options?: { departments?: { id: string; manager: boolean }[]; email?: string }): Promise<Agent & { kind: 'session' }>;
  signIn(email: string, password?: string, organisation?: string): Promise<Agent & { kind: 'session' }>;
  /** A second organisation with an administrator, created directly through the use cases. */
  otherOrganisation(name?: string): Promise<{ orgId: string; slug: string; admin: Agent & { kind: 'session' } }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startIdentityHarness(fx: DialectFixture, options: { env?: Record<string, string>; deps?: ServerDeps; freshSchema?: boolean } = {}): Promise<IdentityHarness> {
  const server = await createServer(await fx.config({ env: options.env ?? {}, freshSchema: options.freshSchema ?? true }), { announce: () => {}, ...options.deps });
  usePasswordHasher(server.ctx, TEST_HASHER);
  const token = new URL(server.setupLink ?? 'http://x/').searchParams.get('token');
  if (!token) throw new Error('the server issued no set-up link');

  const call: IdentityHarness['call'] = (agent, method, url, body, headers = {}) => {
    const h: Record<string, string> = { ...headers };
    if (agent.kind === 'session') {
      h.cookie = agent.cookie;
      if (!['GET', 'HEAD'].includes(method)) h['x-csrf-token'] ??= agent.csrf;
    }
    if (agent.kind === 'token') h.authorization = `Bearer ${agent.token}`;
    return server.app.inject({
      method: method as 'GET',
      url,
      headers: h,
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body, headers: { 'content-type': 'application/json', ...h } } : { payload: body as object }),
    });
  };

  const sessionFrom = (res: LightMyRequestResponse): Agent & { kind: 'session' } => {
    if (res.statusCode >= 300) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
    const cookies = res.cookies as { name: string; value: string }[];
    const session = cookies.find((c) => c.name === 'paraphe_session')!.value;
    const csrf = cookies.find((c) => c.name === 'paraphe_csrf')!.value;
    const body = res.json() as { user: { id: string; orgId: string } };
    return { kind: 'session', cookie: `paraphe_session=${session}; paraphe_csrf=${csrf}`, csrf, userId: body.user.id, orgId: body.user.orgId };
  };

  const setup = await call(ANONYMOUS, 'POST', '/api/setup', { token, organisationName: 'Ville de Saint-Exemple', adminName: 'Alice Admin', adminEmail: 'alice@ville.example', password: PASSWORD });
  const admin = sessionFrom(setup);

  const signIn: IdentityHarness['signIn'] = async (email, password = PASSWORD, organisation) =>
    sessionFrom(await call(ANONYMOUS, 'POST', '/api/auth/login', { email, password, ...(organisation ? { organisation } : {}) }));

  const harness: IdentityHarness = {
    server,
    admin,
    orgId: admin.orgId,
    call,
    signIn,
    async userWith(roles, opts = {}) {
      const email = opts.email ?? `user${++counter}@ville.example`;
      const res = await call(harness.admin, 'POST', '/api/users', { email, name: `User ${counter}`, roles, password: PASSWORD, departments: opts.departments ?? [] });
      if (res.statusCode !== 201) throw new Error(`user creation failed: ${res.statusCode} ${res.body}`);
      return signIn(email);
    },
    async otherOrganisation(name = 'Autre Ville') {
      const ctx = server.ctx;
      const email = `admin${++counter}@autre.example`;
      const hash = await TEST_HASHER.hash(PASSWORD);
      const org = await ctx.db.kysely.transaction().execute(async (trx) => {
        const created = await createOrganisation(ctx, trx, { name, actor: SYSTEM_ACTOR });
        await insertUser(ctx, trx, { caller: { ...SYSTEM_ACTOR, orgId: created.id, roles: [] }, email, name: 'Other Admin', roles: ['administrator', 'member'] }, hash);
        return created;
      });
      return { orgId: org.id, slug: org.slug, admin: await signIn(email, PASSWORD, org.slug) };
    },
    close: () => server.close(),
  };
  return harness;
}
