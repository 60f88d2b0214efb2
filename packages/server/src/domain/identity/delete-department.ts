/** Deletes a department of the caller's organisation; its people stay, without that membership. */
import { auditIdentity } from './identity-audit.js';
import type { Caller, IdentityContext } from './identity-context.js';
import { readDepartments } from './read-departments.js';
import { notFound } from './validate-input.js';

export interface DeleteDepartmentOptions {
  readonly caller: Caller;
  readonly departmentId: string;
}

export async function deleteDepartment(ctx: IdentityContext, options: DeleteDepartmentOptions): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const { caller, departmentId } = options;
    const [existing] = await readDepartments(trx, caller.orgId, departmentId);
    if (!existing) throw notFound('department');
    await trx.deleteFrom('department_members').where('department_id', '=', departmentId).execute();
    await trx.deleteFrom('departments').where('id', '=', departmentId).execute();
    await auditIdentity(trx, ctx, {
      orgId: caller.orgId,
      actor: caller,
      action: 'identity.department.deleted',
      target: { type: 'department', id: departmentId },
      details: { name: existing.name, members: existing.members },
    });
  });
}
