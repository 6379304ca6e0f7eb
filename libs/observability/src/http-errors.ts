import { AppError, ERROR_HTTP_STATUS, type ErrorCode, type FieldError } from '@concierge/common';
import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  ValidationPipe,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { ValidationError } from 'class-validator';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'UNSUPPORTED_CONTENT',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
  requestId: string | undefined;
}

/** Seconds a client should wait before retrying when a dependency (the database) is briefly unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 1;

/**
 * Maps anything thrown to the contract's error shape `{ error: { code, message, details? }, requestId }`.
 * `unavailable` tells a dependency being briefly out of reach (a database restart, an exhausted pool):
 * 503 with Retry-After, so clients and load balancers retry instead of treating it as our bug.
 */
export function toErrorResponse(exception: unknown, requestId: string | undefined, unavailable: (error: unknown) => boolean = () => false): { status: number; body: ErrorBody } {
  if (unavailable(exception)) {
    return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is briefly unavailable; retry in a moment' }, requestId } };
  }
  if (exception instanceof AppError) {
    const error = { code: exception.code, message: exception.message, ...(exception.details !== undefined && { details: exception.details }) };
    return { status: ERROR_HTTP_STATUS[exception.code], body: { error, requestId } };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
    return {
      status,
      body: { error: { code: CODE_BY_STATUS[status] ?? 'INTERNAL', message: String(Array.isArray(message) ? message.join('; ') : message) }, requestId },
    };
  }
  // body-parser errors carry `status` and `type` (entity.too.large, entity.parse.failed, …).
  const bodyError = exception as { status?: number; type?: string; expose?: boolean; message?: string };
  if (typeof bodyError?.status === 'number' && bodyError.expose && typeof bodyError.type === 'string') {
    const message = bodyError.type === 'entity.too.large' ? 'Request body is too large' : bodyError.type === 'entity.parse.failed' ? 'Malformed JSON body' : bodyError.message ?? 'Bad request';
    return { status: bodyError.status, body: { error: { code: CODE_BY_STATUS[bodyError.status] ?? 'VALIDATION_FAILED', message }, requestId } };
  }
  // PostgreSQL refuses some input as data, not because of us: a NUL character in text or jsonb (22021,
  // 22P05), a value out of range (22003), … (SQLSTATE class 22). The caller sent it: 400, not 500.
  const sqlState = (exception as { driverError?: { code?: unknown } })?.driverError?.code;
  if (typeof sqlState === 'string' && sqlState.startsWith('22')) {
    return { status: HttpStatus.BAD_REQUEST, body: { error: { code: 'VALIDATION_FAILED', message: 'The request contains a value that cannot be stored (for example a NUL character)' }, requestId } };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { error: { code: 'INTERNAL', message: 'Something went wrong on our side' }, requestId } };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  /** `unavailable`: see toErrorResponse (the composition root passes the database's transient-error test). */
  constructor(private readonly unavailable: (error: unknown) => boolean = () => false) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<{ id?: string; method: string; url: string }>();
    const res = ctx.getResponse<{ status(code: number): { json(body: unknown): void }; setHeader(name: string, value: string): void; headersSent?: boolean }>();
    const { status, body } = toErrorResponse(exception, req.id, this.unavailable);
    if (status === HttpStatus.SERVICE_UNAVAILABLE) this.logger.warn({ err: exception, requestId: req.id }, 'Dependency unavailable');
    else if (status >= 500) this.logger.error({ err: exception, requestId: req.id }, 'Unhandled error');
    if (res.headersSent) return;
    if (status === HttpStatus.SERVICE_UNAVAILABLE) res.setHeader('Retry-After', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    res.status(status).json(body);
  }
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** DTO validation: unknown properties are refused, every failing field is listed. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => AppError.validation('Request validation failed', flatten(errors)),
  });
}
