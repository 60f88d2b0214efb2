/** Everything stored about one organisation (and the audit chain length), to prove a refused request changed nothing. */
import type { ParapheServer } from '../../../src/server.js';

export async function orgSnapshot(server: ParapheServer, orgId: string): Promise<string> {
  const db = server.ctx.db.kysely;
  const departments = await db.selectFrom('departments').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
  const departmentIds = departments.map((d) => d.id);
  const groups = await db.selectFrom('groups').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
  const groupIds = groups.map((g) => g.id);
  const snapshot = {
    organisation: await db.selectFrom('organisations').selectAll().where('id', '=', orgId).execute(),
    settings: await db.selectFrom('settings').selectAll().where('scope', '=', orgId).orderBy('key').execute(),
    departments,
    users: await db.selectFrom('users').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    departmentMembers: departmentIds.length ? await db.selectFrom('department_members').selectAll().where('department_id', 'in', departmentIds).orderBy('department_id').orderBy('user_id').execute() : [],
    groups,
    groupMembers: groupIds.length ? await db.selectFrom('group_members').selectAll().where('group_id', 'in', groupIds).orderBy('group_id').orderBy('user_id').execute() : [],
    contacts: await db.selectFrom('contacts').selectAll().where('org_id', '=', orgId).orderBy('id').execute(),
    apiTokens: await db.selectFrom('api_tokens').select(['id', 'name', 'roles', 'revoked_at', 'expires_at']).where('org_id', '=', orgId).orderBy('id').execute(),
    sessions: await db.selectFrom('sessions').select(['id', 'ended_at']).where('org_id', '=', orgId).orderBy('id').execute(),
    audit: await db.selectFrom('audit_events').select(['seq', 'action']).where('org_id', '=', orgId).orderBy('seq').execute(),
  };
  return JSON.stringify(snapshot);
}
