import type { Action } from '../action';
import type { ConversationRecord } from '../conversation';
import type { Destination, OutboundMessage } from '../delivery';
import type { MailMessage } from '../mail';

/**
 * What the reminder sweep needs from the outside: a sender of Teams messages (teams/proactive),
 * renderers of the card, the channel digest and the e-mail (cards/reminders).
 */

/** Options of one send. */
export interface ReminderSendOptions {
  /** Aborted at the sweep's deadline: a send that has not started yet is not made. */
  readonly signal?: AbortSignal;
}

/** Who to open a 1:1 chat with, and through which conversation of the group the app is in. */
export interface PersonalChatRequest {
  /** The member's bot-facing id (`29:…`). */
  readonly userId: string;
  readonly aadObjectId?: string;
  readonly name: string;
  readonly tenantId: string;
  /** A conversation where the app is installed (the group's channel): its service URL and bot. */
  readonly via: Destination;
}

/** Sends proactive messages (OutboundSender in the app). */
export interface ReminderSender {
  /** @throws SendFailure (core/delivery.ts). */
  send(
    destination: Destination,
    message: OutboundMessage,
    options?: ReminderSendOptions,
  ): Promise<{ attempts: number }>;
  /**
   * Opens (or finds) the bot's 1:1 chat with a member. Absent: the sweep opens no chats.
   * @throws SendFailure, `blocked` when the app may not reach the member.
   */
  openPersonalChat?(
    request: PersonalChatRequest,
    options?: ReminderSendOptions,
  ): Promise<ConversationRecord>;
  readonly stats?: { retries: number };
}

/** The most actions one reminder card lists; more go in further cards. */
export const MAX_REMINDER_ITEMS = 10;

/** One action in a reminder, with the group and meeting it belongs to. */
export interface ReminderItem {
  readonly action: Action;
  readonly timeZone: string;
  /** The group's name, `MHHS Cross Code Advisory Group`; absent: its code is shown. */
  readonly groupName?: string;
  /** The meeting the action was raised in, `CCAG003 (23/02/22)`; absent: its code is shown. */
  readonly meeting?: string;
}

/** What one reminder card shows: its actions and who it is for. */
export interface ReminderDigest {
  readonly items: readonly ReminderItem[];
  readonly owner: string;
  readonly now: Date;
  /** Users to @mention (in a channel). */
  readonly mentions?: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** Teams users whose client refreshes the card to their own view. */
  readonly refreshUserIds: readonly string[];
}

/** Turns a digest into the message Teams shows (the reminder card, in the app). */
export type ReminderRenderer = (digest: ReminderDigest) => OutboundMessage;

/**
 * A group's one channel post of a sweep: the actions of owners the bot could not reach, and for
 * the chairs the actions whose owners are no longer reminded.
 */
export interface ChannelDigest {
  readonly groupName: string;
  readonly now: Date;
  readonly owners: ReadonlyArray<{
    readonly owner: string;
    readonly items: readonly ReminderItem[];
  }>;
  readonly forChairs: readonly ReminderItem[];
  /** The chairs to @mention when there is something for them. */
  readonly chairMentions: ReadonlyArray<{ readonly id: string; readonly name: string }>;
}

export type ChannelDigestRenderer = (digest: ChannelDigest) => OutboundMessage;

/** One owner's reminder by e-mail: what their card would show. */
export interface ReminderMail {
  readonly to: string;
  readonly owner: string;
  readonly items: readonly ReminderItem[];
  readonly now: Date;
  /** The same for every attempt at the same reminders, so a resend can be recognised. */
  readonly idempotencyKey: string;
}

export type ReminderMailRenderer = (mail: ReminderMail) => MailMessage;
