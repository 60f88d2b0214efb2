/** Renames a department of the caller's organisation. */
import { isoTime } from '../../infra/clock.js';
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { checkDepartmentNameFree, readDepartments, type DepartmentView } from './read-departments.js';
import { notFound, requireText } from './validate-input.js';

export interface RenameDepartmentOptions {
  readonly caller: Caller;
  readonly departmentId: string;
  readonly name: string;
}

export async function renameDepartment(ctx: IdentityContext, options: RenameDepartmentOptions): Promise<DepartmentView> {
  const name = requireText(options.name, 'name');
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, departmentId } = options;
    const [existing] = await readDepartments(trx, caller.orgId, departmentId);
    if (!existing) throw notFound('department');
    if (existing.name !== name) await checkDepartmentNameFree(trx, caller.orgId, name);
    const now = ctx.clock();
    await trx.updateTable('departments').set({ name, updated_at: isoTime(now) }).where('id', '=', departmentId).execute();
    await auditIdentity(trx, ctx, { orgId: caller.orgId, actor: caller, action: 'identity.department.renamed', target: { type: 'department', id: departmentId }, details: { from: existing.name, to: name } });
    return { ...existing, name };
  });
}
