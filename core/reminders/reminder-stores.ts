import type { Action } from '../action';
import type { ConversationRecord } from '../conversation';

/**
 * What reminders need from storage, beside the stores in stores.ts. storage/ implements these.
 */

/** One open action with a due date, as the due index lists it. */
export interface DueIndexEntry {
  readonly dueDate: string;
  readonly ref: string;
  readonly groupCode: string;
}

/**
 * Open actions by due date, so a sweep reads what is due and not everything stored. The index is
 * kept beside the actions, not with them (no transaction spans both), so it may lag: readers
 * re-read each action and repair the entry they find stale.
 */
export interface DueIndex {
  /** Makes the index agree with the action: listed under its due date while open, else not. */
  record(action: Action, previous?: Pick<Action, 'due' | 'state'>): Promise<void>;
  remove(entry: DueIndexEntry): Promise<void>;
  /** Every entry due on or before `date` (yyyy-mm-dd), oldest first. */
  listDueBy(date: string): Promise<DueIndexEntry[]>;
}

/**
 * Where a reminder claim stands. `unknown`: the send timed out or its connection dropped after
 * the request went out, so the owner may have it; it is sent again only as `resendAfter` allows.
 */
export type ReminderClaimState = 'claimed' | 'sent' | 'failed' | 'unknown';

export interface ReminderClaim {
  readonly state: ReminderClaimState;
  readonly by?: string;
  /** ISO: a claim not marked sent by then is taken over. */
  readonly until?: string;
  readonly attempts: number;
  readonly reason?: string;
  readonly sentAt?: string;
  readonly destination?: string;
  /** ISO, for an `unknown` claim: from then on a sweep may send it once more; absent: never. */
  readonly resendAfter?: string;
  /** How many sends of this reminder ended with an unknown outcome. */
  readonly unknowns?: number;
  /** Opaque: proves this claimant still holds the claim when marking it. */
  readonly etag: string;
}

/** Names one reminder: an occurrence (`2022-03-16:before-7`) of one action for one target. */
export interface ReminderKey {
  readonly date: string;
  readonly ref: string;
  readonly ruleId: string;
  readonly targetKey: string;
}

/**
 * Claims that make each reminder go out once across instances: claim (a conditional write) before
 * sending, mark sent after. A failed or expired claim may be claimed again; an `unknown` one only
 * once its `resendAfter` has come.
 */
export interface ReminderClaims {
  /** The claim, or undefined when another instance holds it or it was sent already. */
  claim(
    key: ReminderKey,
    by: string,
    now: Date,
    leaseMs: number,
  ): Promise<ReminderClaim | undefined>;
  /** False when the claim was lost meanwhile (it expired and was taken over). */
  markSent(
    key: ReminderKey,
    claim: ReminderClaim,
    now: Date,
    destination: string,
  ): Promise<boolean>;
  markFailed(key: ReminderKey, claim: ReminderClaim, now: Date, reason: string): Promise<boolean>;
  /**
   * Records that the send's outcome is unknown (it may have arrived). `resendAfter` absent: it is
   * never sent again; else a sweep from then on may claim it again.
   */
  markUnknown(
    key: ReminderKey,
    claim: ReminderClaim,
    now: Date,
    reason: string,
    resendAfter?: Date,
  ): Promise<boolean>;
  get(key: ReminderKey): Promise<ReminderClaim | undefined>;
}

/** Where the bot can post: personal chats by user, and a conversation's latest reference. */
export interface ConversationDirectory {
  /** The bot's personal chat with this user (by Entra object id or Teams id), if it has one. */
  personalChatOf(user: {
    id: string;
    aadObjectId?: string;
  }): Promise<ConversationRecord | undefined>;
  /**
   * A reference to post in this conversation: its own, or for a channel one from a thread in it
   * (messages in a channel thread are stored under `<channel>;messageid=…`).
   */
  referenceFor(conversationId: string): Promise<ConversationRecord | undefined>;
  /** Conversations bound to the group, channels first. */
  conversationsOf(groupCode: string): Promise<string[]>;
}
