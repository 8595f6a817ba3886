import { AccessError } from '../core/access/access-error.js';
import { type ErrorKind, isTollgateError } from '../core/errors.js';

export interface ErrorBody {
  error: { code: string; message: string; requestId: string; details?: unknown };
}

export interface DescribedError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  usage: 400,
  'invalid-input': 422,
  'not-found': 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

/** Codes whose status is more precise than their kind's. */
const STATUS_OF_CODE: Record<string, number> = { UPLOAD_TOO_LARGE: 413 };

/** Fastify's own errors that a client can cause, with the code Tollgate answers. */
const FASTIFY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: 'REQUEST_TOO_LARGE',
    message: 'The request body is larger than this server accepts (TOLLGATE_API_BODY_LIMIT).',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
    message: 'This endpoint does not accept that Content-Type; send application/json.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'REQUEST_BAD_JSON',
    message: 'The body is empty but the Content-Type says JSON; send a JSON document.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'REQUEST_BAD_LENGTH',
    message: 'The Content-Length header does not match the body.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: 'REQUEST_BAD_JSON',
    message: 'The body is not valid JSON.',
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 415,
    code: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
    message: 'The Content-Type header is not valid.',
  },
  FST_REQ_FILE_TOO_LARGE: {
    status: 413,
    code: 'UPLOAD_TOO_LARGE',
    message: 'The uploaded file is larger than this server accepts (TOLLGATE_UPLOAD_LIMIT).',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'REQUEST_PATH_TOO_LONG',
    message: 'A value in the path is longer than any id Tollgate issues (200 characters); check the URL.',
  },
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'REQUEST_BAD_PATH',
    message: 'The path is not validly percent-encoded; encode each value with encodeURIComponent.',
  },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    code: 'REQUEST_UNSUPPORTED_MEDIA_TYPE',
    message: 'The body is not multipart/form-data.',
  },
};

/**
 * Maps anything thrown while answering a request to a status, a stable code and a message;
 * server faults get a generic message (the details go to the log under the request id),
 * never a stack trace.
 */
export function describeError(error: unknown): DescribedError {
  if (error instanceof AccessError) return { status: error.status, code: error.code, message: error.message };
  if (isTollgateError(error)) {
    const status = STATUS_OF_CODE[error.code] ?? STATUS_OF_KIND[error.kind];
    return status >= 500 && error.kind === 'internal'
      ? {
          status,
          code: error.code,
          message: 'Tollgate failed to answer; the server log has the details under this request id.',
        }
      : {
          status,
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        };
  }
  const fastifyError = error as {
    code?: string;
    statusCode?: number;
    validation?: unknown;
    message?: string;
  };
  if (fastifyError.validation) {
    return {
      status: 400,
      code: 'REQUEST_INVALID',
      message: fastifyError.message ?? 'The request is not valid.',
      details: fastifyError.validation,
    };
  }
  const known = fastifyError.code ? FASTIFY_ERRORS[fastifyError.code] : undefined;
  if (known) return known;
  if (fastifyError.statusCode === 429) {
    return {
      status: 429,
      code: 'RATE_LIMITED',
      message:
        fastifyError.message ??
        'Too many requests for this token; slow down and retry after the Retry-After seconds.',
    };
  }
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  ) {
    return {
      status: fastifyError.statusCode,
      code: 'REQUEST_REJECTED',
      message: 'The server could not accept this request as sent.',
    };
  }
  return {
    status: 500,
    code: 'INTERNAL',
    message: 'Tollgate failed to answer; the server log has the details under this request id.',
  };
}
