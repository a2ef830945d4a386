// The legacy envelope {success, obj, list, message, code, token}: every answer of the legacy API is one.
import type { DomainError, ErrorCode } from '../domain/errors';
import { domainError } from '../domain/errors';

export interface Envelope {
  success: boolean;
  obj: unknown;
  list: unknown[] | null;
  message: string | null;
  code: string | null;
  token: string | null;
}

/** A success envelope; unspecified fields are null. */
export function success(fields: Partial<Omit<Envelope, 'success' | 'code'>> = {}): Envelope {
  return { success: true, obj: fields.obj ?? null, list: fields.list ?? null, message: fields.message ?? null, code: null, token: fields.token ?? null };
}

/** A failure envelope for a DomainError. */
export function failure(error: DomainError): Envelope {
  return { success: false, obj: null, list: null, message: error.message, code: error.code, token: null };
}

/** HTTP status of a failure: 200 for business failures, the transport status for transport faults. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'BODY_UNPARSEABLE':
      return 400;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'INTERNAL_ERROR':
      return 500;
    case 'ADMIN_FORBIDDEN':
      return 403;
    default:
      return 200;
  }
}

/** Thrown inside handlers to answer a failure envelope (caught by the envelope error handler). */
export class EnvelopeError extends Error {
  readonly error: DomainError;
  readonly statusCode: number;
  constructor(error: DomainError, statusCode = statusOf(error.code)) {
    super(error.message);
    this.error = error;
    this.statusCode = statusCode;
  }

  static of(code: ErrorCode, detail?: string | null): EnvelopeError {
    return new EnvelopeError(domainError(code, detail));
  }
}
