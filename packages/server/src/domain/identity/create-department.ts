/** Creates a department (clerk's office, treasury, urban planning…) in the caller's organisation. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { checkDepartmentNameFree, type DepartmentView } from './read-departments.js';
import { requireText } from './validate-input.js';

export interface CreateDepartmentOptions {
  readonly caller: Caller;
  readonly name: string;
}

export async function createDepartment(ctx: IdentityContext, options: CreateDepartmentOptions): Promise<DepartmentView> {
  const name = requireText(options.name, 'name');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller } = options;
    await checkDepartmentNameFree(trx, caller.orgId, name);
    const now = ctx.clock();
    const id = ctx.ids.id();
    await trx.insertInto('departments').values({ id, org_id: caller.orgId, name, created_at: isoTime(now), updated_at: isoTime(now) }).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.department.created', target: { type: 'department', id }, details: { name } });
    return { id, name, members: [] };
  });
}
