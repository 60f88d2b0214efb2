/** Every area's route plugin, registered in this order. Add one line per area. */
import type { RoutePlugin } from '../route-plugin.js';
import { healthRoutes } from './health.js';

export const ROUTE_PLUGINS: readonly RoutePlugin[] = [healthRoutes];
