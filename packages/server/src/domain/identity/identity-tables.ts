/**
 * Row types of the identity tables (migration 0100_identity), merged into the `Database`
 * interface so every query on them is typed. Roles and token scopes are JSON arrays as text.
 */
import { ROLES, type Role } from './roles.js';

declare module '../../infra/db/schema.js' {
  // Declaration merging: the identity tables join the one Database interface.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Database extends IdentityTables {}
}

export interface DepartmentsTable {
  id: string;
  org_id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export type UserStatus = 'active' | 'disabled';

export interface UsersTable {
  id: string;
  org_id: string;
  /** Lower-cased; unique within the organisation. */
  email: string;
  name: string;
  /** Shown on certificates and signatures (e.g. "Greffière"). */
  title: string | null;
  /** JSON array of organisation-wide roles; department management lives in department_members. */
  roles: string;
  status: UserStatus;
  /** argon2id PHC string; null for accounts that only sign on through OIDC. */
  password_hash: string | null;
  oidc_subject: string | null;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface DepartmentMembersTable {
  department_id: string;
  user_id: string;
  /** 1 when the user manages the department. */
  manager: number;
}

export interface GroupsTable {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export type ContactKind = 'citizen' | 'notary' | 'supplier' | 'other';

export interface ContactsTable {
  id: string;
  org_id: string;
  kind: ContactKind;
  name: string;
  email: string | null;
  phone: string | null;
  organisation: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 of the cookie value. */
  token_hash: string;
  /** SHA-256 of the CSRF token bound to this session. */
  csrf_hash: string;
  user_id: string;
  org_id: string;
  method: 'password' | 'oidc';
  created_at: string;
  last_seen_at: string;
  /** Absolute end of the session, whatever the activity. */
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  ended_at: string | null;
}

export interface ApiTokensTable {
  id: string;
  org_id: string;
  name: string;
  token_hash: string;
  /** The first characters of the token, to recognise it in lists. */
  hint: string;
  /** JSON array of roles the token acts with. */
  roles: string;
  created_by: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** An OIDC authorization request in progress, bound to the browser that started it. */
export interface OidcFlowsTable {
  id: string;
  /** SHA-256 of the random value in the browser's flow cookie. */
  browser_hash: string;
  org_id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  created_at: string;
  expires_at: string;
}

export interface IdentityTables {
  departments: DepartmentsTable;
  users: UsersTable;
  department_members: DepartmentMembersTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  contacts: ContactsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  oidc_flows: OidcFlowsTable;
}

/** Parses a stored JSON role list, keeping only known roles. */
export function parseRoles(text: string): Role[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((r): r is Role => typeof r === 'string' && (ROLE_SET as Set<string>).has(r)) : [];
}

const ROLE_SET: ReadonlySet<Role> = new Set(ROLES);
