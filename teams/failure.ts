import { isDomainError, StorageUnavailableError } from '../core/errors';

export const STORAGE_DOWN_MESSAGE =
  'Nothing was saved: storage is unavailable right now. Your input is kept — try again in a moment.';

/**
 * What to tell the user when a request failed for a reason they can act on: the domain's own
 * message (validation, permission, not found), or that storage is down. Anything else is a bug and
 * goes to the turn error handler (logged, with a generic apology).
 */
export function userMessageFor(error: unknown): string | undefined {
  if (error instanceof StorageUnavailableError) return STORAGE_DOWN_MESSAGE;
  if (isDomainError(error)) return error.message;
  return undefined;
}

/**
 * Answers a failure the user can act on with `answer(message)`; anything else is a bug and is
 * rethrown to the turn error handler.
 */
export function answerRefusal<T>(error: unknown, answer: (message: string) => T): T {
  const message = userMessageFor(error);
  if (message === undefined) throw error;
  return answer(message);
}
