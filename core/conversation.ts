/**
 * A Teams conversation the bot has been in: where to post later (reminders, reports) and whether
 * the bot has introduced itself there. The reference is the Bot Framework's, kept opaque here.
 */
export type ConversationKind = 'personal' | 'groupChat' | 'channel' | 'meetingChat';

export interface ConversationRecord {
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly tenantId?: string;
  /** For a personal chat: the user it is with, by Teams id. */
  readonly userId?: string;
  readonly userAadObjectId?: string;
  /** The Bot Framework conversation reference, as JSON; only bot/ reads inside it. */
  readonly reference: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
}

/** Keeps conversation references so the bot can post proactively. Implemented in storage/. */
export interface ConversationStore {
  save(record: ConversationRecord): Promise<void>;
  get(conversationId: string): Promise<ConversationRecord | undefined>;
  /**
   * The conversations the bot has been in, the most recently heard first, at most `most` of
   * them. A scan: for the local side panel preview, which offers them to open.
   */
  listRecent(most: number): Promise<ConversationRecord[]>;
  /**
   * Records that the bot introduced itself in a conversation. True for exactly one caller per
   * conversation, however many install events arrive at once.
   */
  claimIntroduction(conversationId: string, at: string): Promise<boolean>;
}

/** Conversations by when the bot last heard from them, the latest first. */
export function newestFirst(records: ConversationRecord[]): ConversationRecord[] {
  return [...records].sort((a, b) =>
    a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0,
  );
}
