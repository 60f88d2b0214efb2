/** Every area's route plugin, registered in this order. Add one line per area. */
import type { RoutePlugin } from '../route-plugin.js';
import { identityRoutes } from './auth-and-access.js';
import { auditRoutes } from './audit.js';
import { credentialRoutes } from './credentials.js';
import { healthRoutes } from './health.js';
import { outboxRoutes } from './outbox.js';
import { sealRoutes } from './seals.js';
import { trustRoutes } from './trust.js';
import { webhookRoutes } from './webhooks.js';
import { verifyRoutes } from './verify.js';
import { webAppRoutes } from '../static-web.js';

/** Identity comes first: it installs the authentication hook every later route relies on. */
export const ROUTE_PLUGINS: readonly RoutePlugin[] = [identityRoutes, healthRoutes, auditRoutes, trustRoutes, credentialRoutes, sealRoutes, outboxRoutes, webhookRoutes, verifyRoutes, webAppRoutes()];
