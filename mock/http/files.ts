// Serves the session's uploaded files (avatars, order materials) at /files/<key>.
import type { FastifyInstance } from 'fastify';
import { domainError } from '../domain/errors';
import { sendFailure } from './errors';

export default async function filesRoutes(app: FastifyInstance): Promise<void> {
  app.get('/files/*', async (request, reply) => {
    const key = decodeURIComponent((request.params as { '*': string })['*']);
    const blob = request.session.blobs.get(key);
    if (!blob) return sendFailure(request, reply, domainError('NOT_FOUND', `文件 ${key} 不存在`), 404);
    request.responseSummary = { success: true, code: null, message: null };
    return reply.code(200).type(blob.contentType).header('cache-control', 'no-cache').send(blob.data);
  });
}
