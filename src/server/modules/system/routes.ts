import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendProblem } from '../../http/errors';

export async function systemRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }) },
      },
    },
    async (req, reply) => {
      try {
        await root.database.ping();
      } catch (err) {
        req.log.error({ err }, 'health check: database unreachable');
        return sendProblem(reply, req, 'service.unavailable', 'The database does not answer.');
      }
      return { status: 'ok' as const, database: root.database.driver, version: process.env.npm_package_version ?? '0.1.0' };
    },
  );

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => root.swagger());
}
