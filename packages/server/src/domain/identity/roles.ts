/** The roles of an organisation's people and integrations, and what each is for. */

export const ROLES = [
  /** Manages the organisation: people, departments, groups, tokens, settings. */
  'administrator',
  /** The clerk's office: prepares and supervises signing projects across departments, manages contacts. */
  'clerk',
  /** Manages one or more departments (derived from department membership, not stored on the user). */
  'department_manager',
  /** Any staff member. */
  'member',
] as const;

export type Role = (typeof ROLES)[number];

/** Roles stored on a user; `department_manager` is derived from department membership. */
export const ASSIGNABLE_ROLES = ['administrator', 'clerk', 'member'] as const;
export type AssignableRole = (typeof ASSIGNABLE_ROLES)[number];
