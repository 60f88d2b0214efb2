/** `GET /api/health`: the database answers and which version runs. */
import { AppError } from '../../errors.js';
import type { RoutePlugin } from '../route-plugin.js';
import { serverVersion } from '../../version.js';

export const healthRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Liveness and database check',
        tags: ['platform'],
        response: {
          200: {
            type: 'object',
            required: ['status', 'version', 'database'],
            properties: {
              status: { type: 'string', enum: ['ok'] },
              version: { type: 'string' },
              database: { type: 'string', enum: ['sqlite', 'postgres'] },
            },
          },
          503: { $ref: 'ErrorBody#' },
        },
      },
    },
    async () => {
      try {
        await ctx.db.ping();
      } catch (error) {
        throw new AppError('UNAVAILABLE', `database does not answer: ${(error as Error).message}`);
      }
      return { status: 'ok', version: serverVersion(), database: ctx.db.dialect };
    },
  );
};
