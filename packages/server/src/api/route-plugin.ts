/** The shape of an area's routes: a function registering routes on the app, given the services. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.js';

export type RoutePlugin = (app: FastifyInstance, ctx: AppContext) => Promise<void>;
