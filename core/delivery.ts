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

/** Why a send failed for good: `blocked` (403: uninstalled or blocked) lets callers fall back. */
export type SendFailureKind = 'blocked' | 'rejected' | 'throttled' | 'unavailable' | 'timeout';

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
