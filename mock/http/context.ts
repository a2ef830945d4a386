// Fastify decorations of the mock (typed here, conventions habit 4) and the options buildApp resolves.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session, SessionRegistry, EffectHandler } from '../store/session';
import type { Spec } from './spec';
import type { Envelope } from './envelope';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

/** Parameters bound from query, form, JSON and multipart: strings, empty = null. */
export interface BoundParams {
  params: Record<string, string | null>;
  files: Record<string, UploadedFile>;
  /** Parameters the operation does not declare (accepted, ignored, journaled). */
  unknown: Record<string, string | null>;
}

export interface ResolvedOptions {
  seed: number;
  fixedCodes: boolean;
  adminToken: string | null;
  clockStart: number | undefined;
  clockFrozen: boolean | undefined;
  /** Real-time delay of scheduled work such as payment callbacks (the orders side reads it). */
  callbackDelayMs: number;
}

/** What an operation's handler may answer: an envelope, or raw bytes (the captcha image). */
export type HandlerResult = Envelope | { raw: Buffer | string; contentType: string; headers?: Record<string, string> };

export interface ResponseSummary {
  success: boolean | null;
  code: string | null;
  message: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    sessions: SessionRegistry;
    spec: Spec;
    mockOptions: ResolvedOptions;
    /** Effect type -> handler (route plugins register theirs). */
    effectHandlers: Map<string, EffectHandler>;
    /** operationId -> path, for every operation served. */
    servedOperations: Map<string, string>;
    /** Handlers registered for operationIds the spec does not (yet) have: never served. */
    unservedOperations: string[];
  }
  interface FastifyRequest {
    session: Session;
    bound: BoundParams | null;
    responseSummary: ResponseSummary | null;
  }
  interface FastifyContextConfig {
    operationId?: string;
    /** Answer envelopes as text/html (iframe uploads). */
    html?: boolean;
  }
}

export type { FastifyReply, FastifyRequest };
