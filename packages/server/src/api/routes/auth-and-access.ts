/** All identity and access routes, after the authentication hook that every route of the server goes through. */
import type { RoutePlugin } from '../route-plugin.js';
import { installAuthentication } from '../auth/authenticate.js';
import { authRoutes } from './auth.js';
import { authOidcRoutes } from './auth-oidc.js';
import { contactsRoutes } from './contacts.js';
import { departmentsRoutes } from './departments.js';
import { groupsRoutes } from './groups.js';
import { orgsRoutes } from './orgs.js';
import { tokensRoutes } from './tokens.js';
import { usersRoutes } from './users.js';

export const identityRoutes: RoutePlugin = async (app, ctx) => {
  installAuthentication(app, ctx);
  for (const plugin of [authRoutes, authOidcRoutes, orgsRoutes, departmentsRoutes, usersRoutes, groupsRoutes, contactsRoutes, tokensRoutes]) await plugin(app, ctx);
};
