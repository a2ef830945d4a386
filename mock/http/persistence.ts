// `--state-file PATH`: loads the file when the app gets ready (after every plugin registered its effect
// handlers), records every change of every session, and holds each answer until the changes made so far
// are fsync'd, so whatever a client saw acknowledged survives a kill -9 (mock/store/persistence.ts).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { StateFile } from '../store/persistence';

declare module 'fastify' {
  interface FastifyInstance {
    /** The open state file (`--state-file`), null without one or before ready. */
    stateFile: StateFile | null;
  }
}

export interface StatePersistenceOptions {
  path: string;
  /** Compaction threshold in bytes (tests use a small one). */
  compactBytes?: number;
}

async function statePersistence(app: FastifyInstance, opts: StatePersistenceOptions): Promise<void> {
  app.decorate('stateFile', null);
  app.addHook('onReady', async () => {
    const { file, report } = await StateFile.open(app.sessions, { path: opts.path, log: app.log, compactBytes: opts.compactBytes });
    app.stateFile = file;
    app.log.info(
      { stateFile: opts.path, ...report },
      report.existed
        ? `state file ${opts.path}: loaded ${report.sessions.length} session(s) (${report.records} change(s) after the last snapshot)`
        : `state file ${opts.path}: created`,
    );
  });
  // callback style: a request that changed nothing does not wait, and costs no promise
  app.addHook('onSend', (_request, _reply, payload, done) => {
    const file = app.stateFile;
    if (!file || !file.dirty) return done(null, payload);
    file.commit().then(
      () => done(null, payload),
      (err: Error) => done(err),
    );
  });
  app.addHook('onClose', async () => {
    await app.stateFile?.close();
  });
}

/** Write-through persistence; register after the transport plugin and before the routes. */
export default fp(statePersistence, { name: 'mock-state-file', fastify: '5.x' });
