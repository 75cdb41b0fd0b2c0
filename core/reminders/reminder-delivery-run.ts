import type { ConversationRecord } from '../conversation';
import { SendFailure, type Destination } from '../delivery';
import type { Group } from '../group';
import type { ReminderSender } from './reminder-ports';
import type { DigestSummary, PlannedItem, ReminderDeliveryDependencies } from './reminder-delivery';
import { channelIdOf, type ReminderPath } from './reminder-routes';
import type { ReminderClaim, ReminderKey } from './reminder-stores';
import { targetName, type ReminderTarget } from './reminder-targets';

export interface DeliveryCounts {
  /** Reminders delivered (in Teams, by e-mail or in the digest). */
  sent: number;
  /** Sent already, or held by another instance's live claim. */
  skipped: number;
  /** Delivered by a later path after an earlier one refused (403, a rejected address). */
  fellBack: number;
  /** Not delivered; the next sweep retries. */
  failed: number;
  /** Sent, but the answer never came: they may have it (see the resend policy). */
  unknown: number;
  /** Not started before the sweep's deadline; the next sweep sends them. */
  deferred: number;
  mailed: number;
  /** Delivered in a 1:1 chat the bot opened. */
  opened: number;
  /** Listed in a channel digest (owners not reached). */
  digested: number;
  /** Listed for the chairs (overdue past the policy's reminders). */
  forChairs: number;
}

export interface Held {
  readonly item: PlannedItem;
  readonly key: ReminderKey;
  readonly claim: ReminderClaim;
}

export interface Unit {
  readonly target: Extract<ReminderTarget, { kind: 'person' }>;
  readonly group: Group;
  readonly items: readonly PlannedItem[];
}

/** A group's channel digest being gathered. */
export interface GroupDigest {
  readonly group: Group;
  /** Owners not reached, in order of arrival: claimed already (persons) or still to claim. */
  readonly owners: Map<
    string,
    { owner: string; why: string; held: Held[]; pending: PlannedItem[]; fellBack: boolean }
  >;
  readonly forChairs: PlannedItem[];
}

/** The path a message was refused on, and why: the next path is tried. */
export class Refused extends Error {}

/**
 * The state of one delivery (reminder-delivery.ts): what it counted and reported, the look-ups
 * made once per sweep, the chats refused or opened, the digests being gathered, the deadline.
 */
export class DeliveryRun {
  readonly counts: DeliveryCounts = {
    sent: 0,
    skipped: 0,
    fellBack: 0,
    failed: 0,
    unknown: 0,
    deferred: 0,
    mailed: 0,
    opened: 0,
    digested: 0,
    forChairs: 0,
  };
  readonly summaries: DigestSummary[] = [];
  readonly delivered = new Set<string>();
  private readonly groupDigests = new Map<string, GroupDigest>();
  private readonly channels = new Map<string, Promise<ConversationRecord | undefined>>();
  private readonly chats = new Map<string, Promise<ConversationRecord | undefined>>();
  private readonly opened = new Map<string, Promise<ConversationRecord>>();
  private readonly refused = new Map<string, string>();
  private readonly deadline = new AbortController();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly deps: ReminderDeliveryDependencies,
    readonly now: Date,
    readonly dryRun: boolean,
  ) {
    this.timer = setTimeout(
      () => this.deadline.abort(),
      deps.deadlineMs ?? DEFAULT_SWEEP_DEADLINE_MS,
    );
    this.timer.unref();
  }

  end(): void {
    clearTimeout(this.timer);
  }

  pastDeadline(): boolean {
    return this.deadline.signal.aborted;
  }

  digestOf(group: Group): GroupDigest {
    let digest = this.groupDigests.get(group.code);
    if (!digest) {
      digest = { group, owners: new Map(), forChairs: [] };
      this.groupDigests.set(group.code, digest);
    }
    return digest;
  }

  digests(): GroupDigest[] {
    return [...this.groupDigests.values()];
  }

  addToDigest(
    group: Group,
    target: ReminderTarget,
    why: string,
    held: readonly Held[],
    pending: readonly PlannedItem[],
    fellBack: boolean,
  ): void {
    const owners = this.digestOf(group).owners;
    const entry = owners.get(target.key);
    if (entry) {
      entry.held.push(...held);
      entry.pending.push(...pending);
    } else {
      owners.set(target.key, {
        owner: targetName(target),
        why,
        held: [...held],
        pending: [...pending],
        fellBack,
      });
    }
  }

  /** Posts a card; a conversation that refused once this sweep is not asked again. */
  async sendCard(
    record: ConversationRecord,
    message: Parameters<ReminderSender['send']>[1],
    conversationId = record.conversationId,
  ): Promise<void> {
    const refusal = this.refused.get(conversationId);
    if (refusal) throw new SendFailure(refusal, 'blocked', 0, 403);
    const destination: Destination = { conversationId, reference: record.reference };
    try {
      await this.deps.sender.send(destination, message, { signal: this.deadline.signal });
    } catch (error) {
      if (error instanceof SendFailure && error.kind === 'blocked') {
        this.refused.set(conversationId, error.message);
      }
      throw error;
    }
  }

  /** The bot's chat with a person, looked up once per sweep. */
  personalChatOf(teams: {
    id: string;
    aadObjectId?: string;
  }): Promise<ConversationRecord | undefined> {
    const key = teams.aadObjectId || teams.id;
    let found = this.chats.get(key);
    if (!found) {
      found = this.deps.directory.personalChatOf(teams);
      this.chats.set(key, found);
    }
    return found;
  }

  /** Opens the 1:1 chat once per person per sweep and keeps its reference for later sweeps. */
  openChat(
    path: Extract<ReminderPath, { kind: 'open' }>,
    target: Unit['target'],
  ): Promise<ConversationRecord> {
    let opening = this.opened.get(path.userId);
    if (!opening) {
      opening = this.open(path, target);
      this.opened.set(path.userId, opening);
    }
    return opening;
  }

  private async open(
    path: Extract<ReminderPath, { kind: 'open' }>,
    target: Unit['target'],
  ): Promise<ConversationRecord> {
    const opener = this.deps.sender.openPersonalChat;
    if (!opener) throw new Refused('the sender cannot open chats');
    let record: ConversationRecord;
    try {
      record = await opener.call(
        this.deps.sender,
        {
          userId: path.userId,
          ...(target.teams?.aadObjectId ? { aadObjectId: target.teams.aadObjectId } : {}),
          name: target.name,
          tenantId: path.tenantId,
          via: { conversationId: channelIdOf(path.via), reference: path.via.reference },
        },
        { signal: this.deadline.signal },
      );
    } catch (error) {
      // Opening a chat delivers nothing: whatever went wrong, the next path may be tried.
      throw new Refused(`could not open a chat: ${reasonOf(error)}`);
    }
    try {
      await this.deps.conversations?.save(record);
    } catch (error) {
      this.deps.log.warn(
        { err: error },
        'could not keep the new chat; the next sweep opens it again',
      );
    }
    return record;
  }

  /** The group's home channel, else the conversation bound to it (channels first). */
  channelOf(group: Group): Promise<ConversationRecord | undefined> {
    let found = this.channels.get(group.code);
    if (!found) {
      found = (async () => {
        const candidates = [
          ...(group.homeChannel ? [group.homeChannel.conversationId] : []),
          ...(await this.deps.directory.conversationsOf(group.code)),
        ];
        for (const conversationId of candidates) {
          const record = await this.deps.directory.referenceFor(conversationId);
          if (record) return { ...record, conversationId };
        }
        return undefined;
      })();
      this.channels.set(group.code, found);
    }
    return found;
  }
}

/** A failure in words for the claim's record and the report. */
export function reasonOf(error: unknown): string {
  if (error instanceof SendFailure && error.attempts > 0) {
    return `${error.message} after ${error.attempts} attempt(s)`;
  }
  return error instanceof Error ? error.message : String(error);
}

export const DEFAULT_SWEEP_DEADLINE_MS = 2 * 60_000;
