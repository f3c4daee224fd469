import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_CODES, type ErrorCode, type FieldError, type Problem } from '../../core/errors';
import { driverErrorOf, isDataException } from '../db/errors';

/** An error the client caused or may act on; answered as problem+json with its stable code. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra?: { errors?: FieldError[]; headers?: Record<string, string>; data?: Record<string, unknown> },
  ) {
    super(detail ?? code);
    this.status = ERROR_CODES[code];
  }
  /** Fastify and its plugins read `statusCode`. */
  get statusCode() {
    return this.status;
  }
}

export const notFound = (detail = 'No such resource, or you may not see it.') => new AppError('resource.not_found', detail);

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  code: ErrorCode,
  detail?: string,
  extra?: { errors?: FieldError[]; data?: Record<string, unknown>; status?: number },
) {
  const status = extra?.status ?? ERROR_CODES[code];
  const problem: Problem & Record<string, unknown> = {
    type: `https://accord.example/problems/${code.replace(/\./g, '/')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: req.url.split('?')[0],
    requestId: req.id,
    ...(extra?.errors ? { errors: extra.errors } : {}),
    ...(extra?.data ?? {}),
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(problem);
}

function zodIssuesToFieldErrors(error: { validation: { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> }[]; validationContext?: string }): FieldError[] {
  const part = error.validationContext ?? 'body';
  return error.validation.map((v) => {
    const segs = (v.instancePath ?? '').split('/').filter(Boolean);
    return {
      path: [part, ...segs].join('.'),
      code: String((v.params?.issue as { code?: string } | undefined)?.code ?? v.keyword ?? 'invalid'),
      message: v.message ?? 'Invalid value',
    };
  });
}

/** One error handler for the whole API: problem+json for every 4xx, no internals in a 5xx. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      if (err.extra?.headers) reply.headers(err.extra.headers);
      return sendProblem(reply, req, err.code, err.detail, { ...(err.extra?.errors ? { errors: err.extra.errors } : {}), ...(err.extra?.data ? { data: err.extra.data } : {}) });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = zodIssuesToFieldErrors(err as never);
      return sendProblem(reply, req, 'validation.failed', `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`, { errors });
    }
    const fe = err as FastifyError;
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return sendProblem(reply, req, 'server.internal', `Something went wrong on our side. Quote request id ${req.id} when reporting it.`);
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, req, 'request.malformed_json', 'The request body is not valid JSON.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(reply, req, 'request.too_large', 'The request body is larger than 1 MB.');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, req, 'request.unsupported_media_type', 'Send the body as application/json.');
      case 'FST_ERR_VALIDATION':
        return sendProblem(reply, req, 'validation.failed', fe.message, { errors: [] });
      default:
        break;
    }
    if (fe.statusCode === 429) {
      return sendProblem(reply, req, 'rate_limited', 'Too many requests. Wait a little and try again.');
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      // Fastify's own client errors (bad URL encoding, bad headers...): never a 500.
      req.log.info({ code: fe.code }, 'client error');
      return sendProblem(reply, req, 'request.bad_request', fe.message, { status: fe.statusCode === 404 ? 400 : fe.statusCode });
    }
    const driver = driverErrorOf(err);
    if (isDataException(driver)) {
      // A bad value that no schema caught reached the database: the client's to correct, and ours to catch earlier.
      req.log.warn({ route: `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`, sqlstate: driver.code, dbMessage: driver.message }, 'database refused a value that input checks let through');
      return sendProblem(reply, req, 'request.invalid_value', 'A value in the request is out of range or cannot be stored.');
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, req, 'server.internal', `Something went wrong on our side. Quote request id ${req.id} when reporting it.`);
  });
}
