/**
 * The project's own errors. Each has a stable `code` that callers switch on and tests assert,
 * so no caller ever parses a message. Messages are written for the person who will read them.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A value a user or a caller supplied is not acceptable. `field` names the input, when there is one. */
export class ValidationError extends DomainError {
  readonly code = 'ValidationFailed';

  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The user may not do this; the message says who may. */
export class PermissionDeniedError extends DomainError {
  readonly code = 'PermissionDenied';
}

/** The thing asked for does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'NotFound';
}

/** The thing being created exists already. */
export class ConflictError extends DomainError {
  readonly code = 'Conflict';
}

/** Somebody else changed the thing since it was read (a stale ETag). Re-read and retry. */
export class PreconditionFailedError extends DomainError {
  readonly code = 'PreconditionFailed';
}

/**
 * Storage did not answer or answered with a fault, and nothing was saved: for certain. A write
 * whose outcome could not be settled is an OutcomeUnknownError instead.
 */
export class StorageUnavailableError extends DomainError {
  readonly code = 'StorageUnavailable';
}

/**
 * A write reached storage, its answer was lost, and storage could not be asked afterwards whether
 * it was applied: the change may or may not be saved. Tell the person so, keep their input, and
 * let them look before trying again; never report it as saved or as not saved.
 */
export class OutcomeUnknownError extends DomainError {
  readonly code = 'OutcomeUnknown';
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
