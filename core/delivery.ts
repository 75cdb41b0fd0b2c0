/**
 * Proactive delivery as the application logic sees it: a destination (a conversation and the
 * opaque reference Teams needs to reach it) and why a send failed for good. teams/proactive
 * implements the sending.
 */
export interface Destination {
  readonly conversationId: string;
  /** A Bot Framework conversation reference, as stored; only teams/ reads inside it. */
  readonly reference: Readonly<Record<string, unknown>>;
}

/** A message to post: one Adaptive Card (its JSON; mentions travel inside it). */
export interface OutboundMessage {
  readonly card: object;
}

/**
 * Why a send failed for good: `blocked` (403: uninstalled or blocked) lets callers fall back;
 * `timeout` (no answer in time) and `reset` (the connection dropped after the request went out)
 * leave the outcome unknown — Teams may have shown the message; `cancelled`: never sent (the
 * caller gave up before the request started).
 */
export type SendFailureKind =
  'blocked' | 'rejected' | 'throttled' | 'unavailable' | 'timeout' | 'reset' | 'cancelled';

/** True when the message may have been delivered although the send failed: do not resend blindly. */
export function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof SendFailure && (error.kind === 'timeout' || error.kind === 'reset');
}

export class SendFailure extends Error {
  constructor(
    message: string,
    readonly kind: SendFailureKind,
    readonly attempts: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SendFailure';
  }
}
