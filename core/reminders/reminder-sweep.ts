import { isActionOverdue, type Action } from '../action';
import type { ConversationRecord } from '../conversation';
import type { Group } from '../group';
import {
  MAX_DAYS_BEFORE,
  addDays,
  dueReminder,
  reminderPolicyOf,
  type DueReminder,
} from './reminder-policy';
import type {
  ConversationDirectory,
  DueIndex,
  ReminderClaim,
  ReminderClaims,
  ReminderKey,
} from './reminder-stores';
import { reminderTargets, targetName, type ReminderTarget } from './reminder-targets';
import type { ActionStore, GroupStore } from '../stores';
import { localDate } from '../time-zone';
import { SendFailure, type Destination, type OutboundMessage } from '../delivery';
import type { Log } from '../log';
import type { Action as DigestAction } from '../action';

/** Sends one proactive message (OutboundSender in the app). */
export interface ReminderSender {
  send(destination: Destination, message: OutboundMessage): Promise<{ attempts: number }>;
  readonly stats?: { retries: number };
}

/** The most actions one reminder message lists; more go in further messages. */
export const MAX_REMINDER_ITEMS = 10;

/** What one reminder message shows: its actions and who it is for. */
export interface ReminderDigest {
  readonly items: ReadonlyArray<{ readonly action: DigestAction; readonly timeZone: string }>;
  readonly owner: string;
  readonly now: Date;
  /** Users to @mention (in a channel). */
  readonly mentions?: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** Teams users whose client refreshes the card to their own view. */
  readonly refreshUserIds: readonly string[];
}

/** Turns a digest into the message Teams shows (the reminder card, in the app). */
export type ReminderRenderer = (digest: ReminderDigest) => OutboundMessage;

export interface ReminderSweepDependencies {
  readonly groups: Pick<GroupStore, 'getGroup'>;
  readonly actions: Pick<ActionStore, 'getAction' | 'listOpenActions'>;
  readonly dueIndex: DueIndex;
  readonly claims: ReminderClaims;
  readonly directory: ConversationDirectory;
  readonly sender: ReminderSender;
  readonly render: ReminderRenderer;
  /** Names this instance in its claims (host name and process id, say). */
  readonly instanceId: string;
  /** How long a claim holds before another instance may take it over. */
  readonly leaseMs?: number;
  readonly now?: () => Date;
  readonly log: Log;
}

/** One reminder of one action for one target. */
interface PlannedItem {
  readonly action: Action;
  readonly group: Group;
  readonly reminder: DueReminder;
  readonly target: ReminderTarget;
}

type Where =
  | { readonly kind: 'personal'; readonly record: ConversationRecord }
  | { readonly kind: 'channel'; readonly groupCode: string; readonly record?: ConversationRecord };

/** One card: a target's due actions, and where it goes. */
interface Digest {
  readonly target: ReminderTarget;
  readonly where: Where;
  readonly items: readonly PlannedItem[];
}

/** What a dry run prints and a real run reports, per card. */
export interface DigestSummary {
  readonly owner: string;
  readonly where: string;
  readonly refs: readonly string[];
  readonly rules: readonly string[];
  readonly outcome?: 'sent' | 'fell back' | 'failed' | 'skipped';
  readonly reason?: string;
}

export interface SweepReport {
  readonly at: string;
  /** Reminders (target × action) due at `at`. */
  readonly due: number;
  /** Reminders delivered by this run. */
  readonly sent: number;
  /** Reminders sent already, or held by another instance's live claim. */
  readonly skipped: number;
  /** Reminders delivered in the channel after the personal chat refused (403). */
  readonly fellBack: number;
  /** Reminders recorded as failed (retried by the next sweep). */
  readonly failed: number;
  /** Requests the sender repeated (429, 5xx, timeouts). */
  readonly retried: number;
  /** Index entries that no longer matched their action, repaired. */
  readonly repaired: number;
  readonly digests: readonly DigestSummary[];
}

const DEFAULT_LEASE_MS = 10 * 60_000;
const READ_CONCURRENCY = 16;

/**
 * The reminder sweep: reads the due index up to the farthest date a reminder can be due, re-reads
 * each action (repairing stale index entries), asks the group's policy which reminder is due,
 * and sends one card per owner. Each reminder is claimed in storage before it is sent and marked
 * after, so any number of instances may sweep at once and each reminder arrives once.
 */
export class ReminderSweep {
  private readonly now: () => Date;

  constructor(private readonly deps: ReminderSweepDependencies) {
    this.now = deps.now ?? (() => new Date());
  }

  /** One sweep. A dry run only reads: it claims, sends and repairs nothing. */
  async run(options: { dryRun?: boolean; now?: Date } = {}): Promise<SweepReport> {
    const now = options.now ?? this.now();
    const dryRun = options.dryRun ?? false;
    this.channels.clear();
    const { items, repaired } = await this.dueItems(now, dryRun);
    return this.deliver(items, now, { dryRun, repaired });
  }

  /**
   * A chair's nudge: the owners of the named open actions, or of all the group's overdue ones,
   * now, whatever the policy, mutes or snoozes say. `nudgeId` (the command's activity id) makes a
   * nudge that Teams delivers twice go out once.
   */
  async nudge(group: Group, refs: readonly string[], nudgeId: string): Promise<SweepReport> {
    const now = this.now();
    this.channels.clear();
    const today = localDate(now, group.timeZone);
    const actions =
      refs.length > 0
        ? (await Promise.all(refs.map((ref) => this.deps.actions.getAction(ref)))).filter(
            (action): action is Action =>
              !!action && action.state === 'open' && action.groupCode === group.code,
          )
        : (await this.deps.actions.listOpenActions(group.code)).filter((action) =>
            isActionOverdue(action, now, group.timeZone),
          );
    const ruleId = `nudge-${nudgeId.replace(/[^A-Za-z0-9:_-]/g, '').slice(0, 60)}`;
    const reminder = { ruleId: 'nudge', date: today, occurrence: `${today}:${ruleId}` } as const;
    const items = actions.flatMap((action) =>
      reminderTargets(action).map((target) => ({ action, group, reminder, target })),
    );
    return this.deliver(items, now, { dryRun: false, repaired: 0 });
  }

  private async dueItems(
    now: Date,
    dryRun: boolean,
  ): Promise<{ items: PlannedItem[]; repaired: number }> {
    // Zones east of UTC are a day ahead at most; the policy reaches MAX_DAYS_BEFORE ahead.
    const horizon = addDays(localDate(now, 'UTC'), MAX_DAYS_BEFORE + 1);
    const entries = await this.deps.dueIndex.listDueBy(horizon);
    const groups = new Map<string, Promise<Group | undefined>>();
    const seen = new Set<string>();
    const items: PlannedItem[] = [];
    let repaired = 0;
    await inBatches(entries, READ_CONCURRENCY, async (entry) => {
      const action = await this.deps.actions.getAction(entry.ref);
      if (!action || action.state !== 'open' || action.due?.date !== entry.dueDate) {
        repaired++;
        if (!dryRun) await this.repair(entry, action);
        if (!action || action.state !== 'open' || !action.due || action.due.date > horizon) return;
      }
      if (seen.has(action.ref)) return;
      seen.add(action.ref);
      if (!groups.has(action.groupCode)) {
        groups.set(action.groupCode, this.deps.groups.getGroup(action.groupCode));
      }
      const group = await groups.get(action.groupCode);
      if (!group) return;
      const reminder = dueReminder(action, reminderPolicyOf(group), now, group.timeZone);
      if (!reminder) return;
      for (const target of reminderTargets(action)) items.push({ action, group, reminder, target });
    });
    items.sort((a, b) => a.action.ref.localeCompare(b.action.ref));
    return { items, repaired };
  }

  private async repair(
    entry: { dueDate: string; ref: string; groupCode: string },
    action: Action | undefined,
  ): Promise<void> {
    try {
      await this.deps.dueIndex.remove(entry);
      if (action) await this.deps.dueIndex.record(action);
    } catch (error) {
      this.deps.log.warn({ err: error, ref: entry.ref }, 'could not repair the due index entry');
    }
  }

  private async deliver(
    items: readonly PlannedItem[],
    now: Date,
    options: { dryRun: boolean; repaired: number },
  ): Promise<SweepReport> {
    const retriedBefore = this.deps.sender.stats?.retries ?? 0;
    const digests = await this.digestsOf(items);
    const counts = { sent: 0, skipped: 0, fellBack: 0, failed: 0 };
    const summaries: DigestSummary[] = [];
    for (const digest of digests) {
      if (options.dryRun) {
        summaries.push(summaryOf(digest));
        continue;
      }
      summaries.push(await this.deliverDigest(digest, now, counts));
    }
    const report: SweepReport = {
      at: now.toISOString(),
      due: items.length,
      ...counts,
      retried: (this.deps.sender.stats?.retries ?? 0) - retriedBefore,
      repaired: options.repaired,
      digests: summaries,
    };
    if (!options.dryRun && items.length > 0) {
      const { digests: _digests, ...figures } = report;
      this.deps.log.info({ sweep: figures }, 'reminder sweep done');
    }
    return report;
  }

  private async deliverDigest(
    digest: Digest,
    now: Date,
    counts: { sent: number; skipped: number; fellBack: number; failed: number },
  ): Promise<DigestSummary> {
    const claimed: Array<{ item: PlannedItem; key: ReminderKey; claim: ReminderClaim }> = [];
    for (const item of digest.items) {
      const key = keyOf(item);
      const claim = await this.deps.claims.claim(
        key,
        this.deps.instanceId,
        now,
        this.deps.leaseMs ?? DEFAULT_LEASE_MS,
      );
      if (claim) claimed.push({ item, key, claim });
      else counts.skipped++;
    }
    if (claimed.length === 0) return { ...summaryOf(digest), outcome: 'skipped' };
    const held = { ...digest, items: claimed.map((entry) => entry.item) };
    try {
      const where = await this.sendDigest(held, now);
      for (const entry of claimed)
        await this.deps.claims.markSent(entry.key, entry.claim, now, where);
      counts.sent += claimed.length;
      return { ...summaryOf(held), outcome: 'sent' };
    } catch (error) {
      if (
        error instanceof SendFailure &&
        error.kind === 'blocked' &&
        digest.where.kind === 'personal'
      ) {
        return this.fallBack(held, claimed, now, counts, error);
      }
      const reason = reasonOf(error);
      await this.fail(claimed, now, reason);
      counts.failed += claimed.length;
      return { ...summaryOf(held), outcome: 'failed', reason };
    }
  }

  /** The personal chat refused (blocked, uninstalled): the group channels instead. */
  private async fallBack(
    digest: Digest,
    claimed: Array<{ item: PlannedItem; key: ReminderKey; claim: ReminderClaim }>,
    now: Date,
    counts: { sent: number; skipped: number; fellBack: number; failed: number },
    cause: SendFailure,
  ): Promise<DigestSummary> {
    this.deps.log.info(
      { owner: targetName(digest.target), reason: cause.message },
      'personal chat refused the reminder; posting in the channel',
    );
    const byGroup = groupBy(claimed, (entry) => entry.item.group.code);
    let failedReason: string | undefined;
    for (const [groupCode, entries] of byGroup) {
      const where: Where = {
        kind: 'channel',
        groupCode,
        ...(await this.channelOf(entries[0]!.item.group)),
      };
      try {
        const sentTo = await this.sendDigest(
          { target: digest.target, where, items: entries.map((entry) => entry.item) },
          now,
        );
        for (const entry of entries) {
          await this.deps.claims.markSent(entry.key, entry.claim, now, `${sentTo} (after 403)`);
        }
        counts.sent += entries.length;
        counts.fellBack += entries.length;
      } catch (error) {
        failedReason = `${cause.message}; channel: ${reasonOf(error)}`;
        await this.fail(entries, now, failedReason);
        counts.failed += entries.length;
      }
    }
    return {
      ...summaryOf(digest),
      outcome: failedReason ? 'failed' : 'fell back',
      ...(failedReason ? { reason: failedReason } : {}),
    };
  }

  private async fail(
    claimed: Array<{ key: ReminderKey; claim: ReminderClaim }>,
    now: Date,
    reason: string,
  ): Promise<void> {
    this.deps.log.warn(
      { reason, reminders: claimed.length },
      'reminder not delivered; the next sweep retries',
    );
    for (const entry of claimed) {
      try {
        await this.deps.claims.markFailed(entry.key, entry.claim, now, reason);
      } catch (error) {
        // The claim stays `claimed` and expires: the reminder is retried, not lost.
        this.deps.log.error({ err: error }, 'could not record a failed reminder');
      }
    }
  }

  /** Sends the card; returns where it went, for the claim's record. */
  private async sendDigest(digest: Digest, now: Date): Promise<string> {
    const { where, target } = digest;
    if (!where.record) {
      throw new SendFailure(
        `no conversation to post in for ${where.kind === 'channel' ? where.groupCode : 'this owner'}: add the bot to the group's channel`,
        'rejected',
        0,
      );
    }
    const inChannel = where.kind === 'channel';
    const user = target.kind === 'user' ? target.user : undefined;
    const message = this.deps.render({
      items: digest.items.map((item) => ({ action: item.action, timeZone: item.group.timeZone })),
      owner: targetName(target),
      now,
      ...(inChannel && user ? { mentions: [{ id: user.id, name: user.name }] } : {}),
      refreshUserIds: user ? [user.id] : [],
    });
    const conversationId =
      where.kind === 'channel' ? channelIdOf(where.record) : where.record.conversationId;
    await this.deps.sender.send(
      {
        conversationId,
        reference: where.record.reference,
      },
      message,
    );
    return `${where.kind}:${conversationId}`;
  }

  private async digestsOf(items: readonly PlannedItem[]): Promise<Digest[]> {
    const byTarget = groupBy(items, (item) => item.target.key);
    const digests: Digest[] = [];
    for (const [, targetItems] of byTarget) {
      const target = targetItems[0]!.target;
      const personal =
        target.kind === 'user' ? await this.deps.directory.personalChatOf(target.user) : undefined;
      if (personal) {
        for (const chunk of chunks(targetItems, MAX_REMINDER_ITEMS)) {
          digests.push({ target, where: { kind: 'personal', record: personal }, items: chunk });
        }
        continue;
      }
      for (const [groupCode, groupItems] of groupBy(targetItems, (item) => item.group.code)) {
        const channel = await this.channelOf(groupItems[0]!.group);
        for (const chunk of chunks(groupItems, MAX_REMINDER_ITEMS)) {
          digests.push({ target, where: { kind: 'channel', groupCode, ...channel }, items: chunk });
        }
      }
    }
    return digests;
  }

  private readonly channels = new Map<string, Promise<{ record?: ConversationRecord }>>();

  /** The group's home channel, else the conversation bound to it (channels first). */
  private channelOf(group: Group): Promise<{ record?: ConversationRecord }> {
    const key = `${group.code}|${group.homeChannel?.conversationId ?? ''}`;
    let found = this.channels.get(key);
    if (!found) {
      found = (async () => {
        const candidates = [
          ...(group.homeChannel ? [group.homeChannel.conversationId] : []),
          ...(await this.deps.directory.conversationsOf(group.code)),
        ];
        for (const conversationId of candidates) {
          const record = await this.deps.directory.referenceFor(conversationId);
          if (record) return { record: { ...record, conversationId } };
        }
        return {};
      })();
      // Kept for one sweep: bindings and references change between sweeps.
      this.channels.set(key, found);
    }
    return found;
  }
}

function channelIdOf(record: ConversationRecord): string {
  return record.conversationId.split(';')[0] ?? record.conversationId;
}

function keyOf(item: PlannedItem): ReminderKey {
  const { reminder } = item;
  return {
    date: reminder.date,
    ref: item.action.ref,
    ruleId: reminder.occurrence.slice(reminder.date.length + 1),
    targetKey: item.target.key,
  };
}

function summaryOf(digest: Digest): DigestSummary {
  const where =
    digest.where.kind === 'personal'
      ? `personal chat ${digest.where.record.conversationId}`
      : digest.where.record
        ? `channel ${channelIdOf(digest.where.record)} of ${digest.where.groupCode}`
        : `channel of ${digest.where.groupCode} (none known)`;
  return {
    owner: targetName(digest.target),
    where,
    refs: digest.items.map((item) => item.action.ref),
    rules: digest.items.map((item) => item.reminder.occurrence),
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof SendFailure) return `${error.message} after ${error.attempts} attempt(s)`;
  return error instanceof Error ? error.message : String(error);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    result.push(items.slice(start, start + size));
  return result;
}

async function inBatches<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(workers);
}
