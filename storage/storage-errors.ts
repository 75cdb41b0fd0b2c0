import { RestError } from '@azure/data-tables';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  PreconditionFailedError,
  StorageUnavailableError,
} from '../core/errors';

/**
 * The one place that turns Table Storage failures into the project's errors, so no caller above
 * storage/ inspects a RestError. Domain errors pass through unchanged.
 *
 * @param operation - what was being done, in words a log reader understands ("add action").
 */
export function toDomainError(error: unknown, operation: string): Error {
  if (error instanceof DomainError) return error;
  if (error instanceof RestError || isRestErrorLike(error)) {
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
        break;
    }
  }
  // Anything else — no answer, a refused connection, a 5xx, a throttling 503 — means nothing was
  // saved and the caller can only ask the user to try again later.
  return new StorageUnavailableError(
    `${operation}: Table Storage is unavailable (${describe(error)})`,
    {
      cause: error,
    },
  );
}

/** Runs a storage call and rethrows its failure as a domain error. */
export async function storageCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toDomainError(error, operation);
  }
}

interface RestErrorLike {
  readonly statusCode?: number;
  readonly code?: string;
  readonly details?: unknown;
}

function isRestErrorLike(error: unknown): error is RestErrorLike {
  return typeof error === 'object' && error !== null && 'statusCode' in error;
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
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? code : error.message;
  }
  return String(error);
}
