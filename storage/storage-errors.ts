import { RestError } from '@azure/data-tables';
import { ExponentialBackoff, handleWhen, retry, type RetryPolicy } from 'cockatiel';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  OutcomeUnknownError,
  PreconditionFailedError,
  StorageUnavailableError,
} from '../core/errors';

/**
 * The one place that turns Table Storage failures into the project's errors, so no caller above
 * storage/ inspects a RestError, and the one place that decides what may be retried.
 *
 * The SDK's own retries are off (table-storage.ts): it would re-send conditional writes and
 * batches whose answer was lost, and read the resulting 412/409 as someone else's change. Reads
 * and idempotent writes (upserts, deletes) are retried here instead; a write that is not
 * idempotent is sent once, and when its outcome is unknown the store that sent it reads back
 * (optimistic-write.ts, numbered-inserts.ts).
 */

/**
 * A write was sent and no answer came back (a reset, a timeout, a 500): it may or may not have
 * been applied. Stores catch it and settle the outcome by reading back; one that reaches a
 * caller unsettled is what it says, an OutcomeUnknownError.
 */
export class UnsettledWriteError extends OutcomeUnknownError {}

/** Transport errors raised before the request could leave this machine: nothing reached storage. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
]);

/** Answers that mean the service did not apply the request (busy, throttled). */
const REFUSED_STATUSES = new Set([429, 503]);

/** Answers worth one more try: the service may do it next time. */
const RETRIABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/**
 * What a read's failure means for the caller: 404/409/412 become the project's errors, anything
 * else (no answer, a refused connection, a 5xx, throttling) a StorageUnavailableError — a read
 * changes nothing, so nothing was saved.
 *
 * @param operation - what was being done, in words a log reader understands ("add action").
 */
export function toDomainError(error: unknown, operation: string): Error {
  if (error instanceof DomainError) return error;
  const answered = answeredError(error, operation);
  if (answered) return answered;
  return unavailable(error, operation);
}

/**
 * What a write's failure means: an answer (4xx, 503) means it was not applied; a failure before
 * the request left means it was not sent; anything else — a reset, a timeout, a 500 — that it may
 * have been applied (UnsettledWriteError).
 */
export function toWriteError(error: unknown, operation: string): Error {
  if (error instanceof DomainError) return error;
  const answered = answeredError(error, operation);
  if (answered) return answered;
  if (isRestErrorLike(error) && error.statusCode && REFUSED_STATUSES.has(error.statusCode)) {
    return unavailable(error, operation);
  }
  const code = transportCode(error);
  if (code && NOT_SENT.has(code)) return unavailable(error, operation);
  return new UnsettledWriteError(
    `${operation}: Table Storage did not confirm it (${describe(error)}), so it may or may not be saved`,
    { cause: error },
  );
}

/**
 * Runs a read, retried on transient failures (no answer, 408, 429, 5xx), and rethrows its
 * failure as a domain error.
 */
export async function storageRead<T>(
  operation: string,
  call: () => Promise<T>,
  options: { retry?: boolean } = {},
): Promise<T> {
  try {
    return await (options.retry === false ? call() : TRANSIENT_RETRY.execute(call));
  } catch (error) {
    throw toDomainError(error, operation);
  }
}

/**
 * Sends a write once. Use for writes that are not idempotent (conditional updates, inserts whose
 * conflict means something, transactions); the caller settles an UnsettledWriteError.
 */
export async function storageWrite<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toWriteError(error, operation);
  }
}

/**
 * Sends a write that may safely be applied twice (an upsert of a whole row, a delete), retried on
 * transient failures. When every try failed without an answer it may be saved or not: an
 * UnsettledWriteError.
 */
export async function storageIdempotentWrite<T>(
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await TRANSIENT_RETRY.execute(call);
  } catch (error) {
    throw toWriteError(error, operation);
  }
}

/** Whether another try may succeed where this one failed. */
export function isTransient(error: unknown): boolean {
  if (error instanceof DomainError) return false;
  if (isRestErrorLike(error) && error.statusCode) return RETRIABLE_STATUSES.has(error.statusCode);
  return true; // no answer at all: a reset, a refused connection, a timeout
}

/** Three more tries over about half a second: long enough for a connection to be re-made. */
const TRANSIENT_RETRY: RetryPolicy = retry(handleWhen(isTransient), {
  maxAttempts: 3,
  backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }),
});

function answeredError(error: unknown, operation: string): DomainError | undefined {
  if (!(error instanceof RestError || isRestErrorLike(error))) return undefined;
  const code = storageErrorCode(error);
  switch (error.statusCode) {
    case 404:
      return new NotFoundError(`${operation}: not found (${code ?? 'ResourceNotFound'})`, {
        cause: error,
      });
    case 409:
      return new ConflictError(`${operation}: it exists already (${code ?? 'Conflict'})`, {
        cause: error,
      });
    case 412:
      return new PreconditionFailedError(
        `${operation}: it was changed by someone else meanwhile (${code ?? 'PreconditionFailed'})`,
        { cause: error },
      );
    default:
      // Any other 4xx refused the request as it was: nothing was applied.
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        if (error.statusCode === 408 || error.statusCode === 429) return undefined;
        return unavailable(error, operation);
      }
      return undefined;
  }
}

function unavailable(error: unknown, operation: string): StorageUnavailableError {
  return new StorageUnavailableError(
    `${operation}: Table Storage is unavailable (${describe(error)}); nothing was saved`,
    { cause: error },
  );
}

interface RestErrorLike {
  readonly statusCode?: number;
  readonly code?: string;
  readonly details?: unknown;
}

function isRestErrorLike(error: unknown): error is RestErrorLike {
  return typeof error === 'object' && error !== null && 'statusCode' in error;
}

function transportCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function storageErrorCode(error: RestErrorLike): string | undefined {
  const details = error.details as { errorCode?: unknown } | undefined;
  if (details && typeof details.errorCode === 'string') return details.errorCode;
  return typeof error.code === 'string' ? error.code : undefined;
}

function describe(error: unknown): string {
  if (isRestErrorLike(error) && error.statusCode) {
    return `HTTP ${error.statusCode}${error.code ? ` ${error.code}` : ''}`;
  }
  if (error instanceof Error) {
    const code = transportCode(error);
    return code ?? (error.name === 'AbortError' ? 'no answer in time' : error.message);
  }
  return String(error);
}
