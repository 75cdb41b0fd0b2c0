import type { Action } from '../action';
import type { ConversationRecord, ConversationStore } from '../conversation';
import { SendFailure, isOutcomeUnknown } from '../delivery';
import type { Group } from '../group';
import type { Log } from '../log';
import { MailFailure, type Mailer } from '../mail';
import type { DueReminder } from './reminder-policy';
import {
  MAX_REMINDER_ITEMS,
  type ChannelDigestRenderer,
  type ReminderItem,
  type ReminderMailRenderer,
  type ReminderRenderer,
  type ReminderSender,
} from './reminder-ports';
import {
  channelIdOf,
  placeName,
  routeFor,
  type ReminderPath,
  type RouteStep,
} from './reminder-routes';
import {
  DeliveryRun,
  Refused,
  reasonOf,
  type DeliveryCounts,
  type GroupDigest,
  type Held,
  type Unit,
} from './reminder-delivery-run';
import type { ConversationDirectory, ReminderClaims, ReminderKey } from './reminder-stores';
import type { ReminderTarget } from './reminder-targets';

export type { DeliveryCounts } from './reminder-delivery-run';

/** One reminder of one action for one target. */
export interface PlannedItem {
  readonly action: Action;
  readonly group: Group;
  readonly reminder: DueReminder;
  readonly target: ReminderTarget;
  /** The meeting the action was raised in, as shown: `CCAG003 (23/02/22)`. */
  readonly meeting?: string;
}

/** How one message went, per owner, for the dry run and the sweep's report. */
export interface DigestSummary {
  readonly owner: string;
  /** Where it went or would go, named as people know the place. */
  readonly where: string;
  /** `personal chat`, `new 1:1 chat`, `e-mail`, `channel @mention`, `channel digest`, `for the chairs`. */
  readonly path: string;
  /** Why that path. */
  readonly why: string;
  readonly refs: readonly string[];
  readonly rules: readonly string[];
  readonly outcome?: 'sent' | 'fell back' | 'failed' | 'skipped' | 'unknown' | 'deferred';
  readonly reason?: string;
}

export interface ReminderDeliveryDependencies {
  readonly claims: ReminderClaims;
  readonly directory: ConversationDirectory;
  /** Where a 1:1 chat the bot opened is kept, so later sweeps find it as the person's chat. */
  readonly conversations?: Pick<ConversationStore, 'save'>;
  readonly sender: ReminderSender;
  readonly render: ReminderRenderer;
  readonly renderDigest: ChannelDigestRenderer;
  /** E-mail for owners Teams cannot reach; absent: no e-mail path. */
  readonly mailer?: Mailer;
  readonly renderMail?: ReminderMailRenderer;
  /** Names this instance in its claims. */
  readonly instanceId: string;
  /** How long a claim holds before another instance may take it over. */
  readonly leaseMs?: number;
  /** The longest a sweep delivers for: what has not started by then waits for the next sweep. */
  readonly deadlineMs?: number;
  /** A message whose outcome is unknown is sent once more, this long after (not for digests). */
  readonly unknownResendAfterMs?: number;
  readonly log: Log;
}

export const DEFAULT_LEASE_MS = 10 * 60_000;
export const DEFAULT_UNKNOWN_RESEND_AFTER_MS = 30 * 60_000;
/** Owners served at once; each waits on its own conversation, so a silent one holds up no one. */
const DELIVERY_CONCURRENCY = 32;

/**
 * Delivers planned reminders: one card (or mail) per person per group, up to
 * {@link MAX_REMINDER_ITEMS} actions each, every person on their own path (see reminder-routes.ts),
 * many at once, then each group's one channel digest. Every reminder is claimed before it is
 * sent and marked after: sent, failed (the next sweep retries), or unknown.
 *
 * Resend policy for an unknown outcome (a timeout, or the connection lost after the request went
 * out): the same sweep never resends it; a card to one person is sent once more by a sweep at
 * least `unknownResendAfterMs` later (default 30 minutes), and never again after a second unknown;
 * a channel digest is never resent (everyone in the channel would see it twice). E-mail is not
 * affected: a mail server that does not answer is retried by the next sweep with the same
 * idempotency key (the Message-ID), so a duplicate is recognisable.
 */
export class ReminderDelivery {
  constructor(private readonly deps: ReminderDeliveryDependencies) {}

  async deliver(
    items: readonly PlannedItem[],
    now: Date,
    options: { dryRun: boolean },
  ): Promise<{
    counts: DeliveryCounts;
    summaries: DigestSummary[];
    /** `ref|targetKey` of every reminder delivered. */
    delivered: Set<string>;
  }> {
    const run = new DeliveryRun(this.deps, now, options.dryRun);
    try {
      const units: Unit[] = [];
      for (const [, list] of groupBy(items, (item) => `${item.target.key}|${item.group.code}`)) {
        const { target, group } = list[0]!;
        if (target.kind === 'person') {
          for (const chunk of chunks(list, MAX_REMINDER_ITEMS)) {
            units.push({ target, group, items: chunk });
          }
        } else if (target.kind === 'body') {
          run.digestOf(group).owners.set(target.key, {
            owner: target.display,
            why: target.why,
            held: [],
            pending: [...list],
            fellBack: false,
          });
        } else {
          run.digestOf(group).forChairs.push(...list);
        }
      }
      await inBatches(units, DELIVERY_CONCURRENCY, (unit) => this.deliverToPerson(run, unit));
      for (const digest of run.digests()) await this.deliverDigest(run, digest);
      return { counts: run.counts, summaries: run.summaries, delivered: run.delivered };
    } finally {
      run.end();
    }
  }

  private async deliverToPerson(run: DeliveryRun, unit: Unit): Promise<void> {
    const { target, group, items } = unit;
    const channel = await run.channelOf(group);
    const personal = target.teams ? await run.personalChatOf(target.teams) : undefined;
    const tenantId = channel ? (channel.tenantId ?? group.tenantId) : undefined;
    const steps = routeFor(
      target,
      {
        ...(personal ? { personal } : {}),
        ...(channel && tenantId ? { via: { record: channel, tenantId } } : {}),
        canOpen: !!this.deps.sender.openPersonalChat,
        canMail: !!this.deps.mailer && !!this.deps.renderMail,
      },
      group,
    );
    const summary = (step: RouteStep, extra: Partial<DigestSummary> = {}): DigestSummary => ({
      owner: target.name,
      where: this.placeOf(step.path, target, group, channel),
      path: PATH_LABELS[step.path.kind],
      why: step.why,
      refs: items.map((item) => item.action.ref),
      rules: items.map((item) => item.reminder.occurrence),
      ...extra,
    });
    if (run.dryRun) {
      const [first, ...rest] = steps;
      if (first!.path.kind === 'digest') {
        run.addToDigest(group, target, first!.why, [], items, false);
      } else {
        const then = rest.map((step) => PATH_LABELS[step.path.kind]).join(' → ');
        run.summaries.push(summary(first!, { why: `${first!.why} (if refused: ${then})` }));
      }
      return;
    }
    if (run.pastDeadline()) {
      run.counts.deferred += items.length;
      run.summaries.push(summary(steps[0]!, { outcome: 'deferred' }));
      return;
    }
    const held = await this.claimAll(run, items);
    if (held.length === 0) {
      run.summaries.push(summary(steps[0]!, { outcome: 'skipped' }));
      return;
    }
    const refusals: string[] = [];
    for (const step of steps) {
      const why = refusals.length > 0 ? `${refusals.join('; ')}; ${step.whyAfter}` : step.why;
      if (step.path.kind === 'digest') {
        run.addToDigest(group, target, why, held, [], refusals.length > 0);
        return;
      }
      if (run.pastDeadline()) {
        await this.release(held, 'the sweep ran out of time; the next sweep carries on');
        run.counts.deferred += held.length;
        run.summaries.push(summary(step, { why, outcome: 'deferred' }));
        return;
      }
      try {
        const where = await this.sendBy(run, step.path, target, group, held);
        const after = refusals.length > 0 ? ` (after ${refusals.join('; ')})` : '';
        await this.markSent(run, held, `${where}${after}`);
        run.counts.sent += held.length;
        if (refusals.length > 0) run.counts.fellBack += held.length;
        if (step.path.kind === 'email') run.counts.mailed += held.length;
        if (step.path.kind === 'open') run.counts.opened += held.length;
        run.summaries.push(
          summary(step, {
            why,
            outcome: refusals.length > 0 ? 'fell back' : 'sent',
            ...(refusals.length > 0 ? { reason: refusals.join('; ') } : {}),
          }),
        );
        return;
      } catch (error) {
        const reason = reasonOf(error);
        if (isOutcomeUnknown(error)) {
          await this.markUnknown(run, held, reason, true);
          run.counts.unknown += held.length;
          run.summaries.push(summary(step, { why, outcome: 'unknown', reason }));
          return;
        }
        if (fallsThrough(error)) {
          this.deps.log.info(
            { owner: target.name, path: step.path.kind, reason },
            'reminder path refused; trying the next',
          );
          refusals.push(`${PATH_LABELS[step.path.kind]} refused: ${reason}`);
          continue;
        }
        if (error instanceof SendFailure && error.kind === 'cancelled') {
          await this.release(held, 'the sweep ran out of time; the next sweep carries on');
          run.counts.deferred += held.length;
          run.summaries.push(summary(step, { why, outcome: 'deferred' }));
          return;
        }
        await this.fail(held, reason);
        run.counts.failed += held.length;
        run.summaries.push(summary(step, { why, outcome: 'failed', reason }));
        return;
      }
    }
  }

  /** Sends by one path; returns where it went, for the claim's record. */
  private async sendBy(
    run: DeliveryRun,
    path: ReminderPath,
    target: Unit['target'],
    group: Group,
    held: readonly Held[],
  ): Promise<string> {
    const items = held.map((entry) => itemOf(entry.item));
    const owner = target.name;
    const refreshUserIds = target.teams?.id ? [target.teams.id] : [];
    switch (path.kind) {
      case 'personal': {
        await run.sendCard(
          path.record,
          this.deps.render({ items, owner, now: run.now, refreshUserIds }),
        );
        return `personal:${path.record.conversationId}`;
      }
      case 'open': {
        const record = await run.openChat(path, target);
        await run.sendCard(
          record,
          this.deps.render({ items, owner, now: run.now, refreshUserIds }),
        );
        return `opened:${record.conversationId}`;
      }
      case 'email': {
        const { mailer, renderMail } = this.deps;
        if (!mailer || !renderMail) throw new Refused('no mailer is configured');
        const keys = held.map((entry) => keyText(entry.key)).sort();
        await mailer.send(
          renderMail({
            to: path.address,
            owner,
            items,
            now: run.now,
            idempotencyKey: `reminder-${held[0]!.key.date}-${fingerprint(keys.join('\n'))}`,
          }),
        );
        return `email:${path.address}`;
      }
      case 'mention': {
        const channel = await run.channelOf(group);
        if (!channel) throw new Refused(`no channel of ${group.name} is known`);
        await run.sendCard(
          channel,
          this.deps.render({ items, owner, now: run.now, mentions: [path.user], refreshUserIds }),
          channelIdOf(channel),
        );
        return `channel:${channelIdOf(channel)}`;
      }
      case 'digest':
        throw new Refused('the digest is posted after every owner');
    }
  }

  private async deliverDigest(run: DeliveryRun, digest: GroupDigest): Promise<void> {
    const { group } = digest;
    const channel = await run.channelOf(group);
    const where = channel
      ? `the digest in ${placeName(channel, group)}`
      : placeName(undefined, group);
    const owners = [...digest.owners.values()];
    const lines = (extra: Partial<DigestSummary> = {}): DigestSummary[] => [
      ...owners.flatMap((entry) => {
        const list = [...entry.held.map((held) => held.item), ...entry.pending];
        if (list.length === 0) return [];
        return {
          owner: entry.owner,
          where,
          path: PATH_LABELS.digest,
          why: entry.why,
          refs: list.map((item) => item.action.ref),
          rules: list.map((item) => item.reminder.occurrence),
          ...extra,
        };
      }),
      ...(digest.forChairs.length > 0
        ? [
            {
              owner: 'The chairs',
              where,
              path: 'for the chairs',
              why: `overdue past ${digest.forChairs.length === 1 ? 'its' : 'their'} reminders: owners are reminded no more`,
              refs: digest.forChairs.map((item) => item.action.ref),
              rules: digest.forChairs.map((item) => item.reminder.occurrence),
              ...extra,
            },
          ]
        : []),
    ];
    if (run.dryRun) {
      run.summaries.push(...lines());
      return;
    }
    const planned = lines();
    // Owners not claimed yet (bodies, chairs) are claimed now; a reminder someone else holds or
    // sent already is left out of the digest.
    for (const entry of owners) {
      entry.held.push(...(await this.claimAll(run, entry.pending)));
      entry.pending = [];
    }
    const chairs = await this.claimAll(run, digest.forChairs);
    digest.forChairs.splice(0, digest.forChairs.length, ...chairs.map((entry) => entry.item));
    const listed = owners.filter((entry) => entry.held.length > 0);
    const held = [...listed.flatMap((entry) => entry.held), ...chairs];
    if (held.length === 0) {
      run.summaries.push(...planned.map((line) => ({ ...line, outcome: 'skipped' as const })));
      return;
    }
    if (run.pastDeadline()) {
      await this.release(held, 'the sweep ran out of time; the next sweep carries on');
      run.counts.deferred += held.length;
      run.summaries.push(...lines({ outcome: 'deferred' }));
      return;
    }
    try {
      if (!channel) {
        throw new SendFailure(
          `no conversation to post in for ${group.code}: add the bot to the group's channel`,
          'rejected',
          0,
        );
      }
      const message = this.deps.renderDigest({
        groupName: group.name,
        now: run.now,
        owners: listed.map((entry) => ({
          owner: entry.owner,
          items: entry.held.map((entry) => itemOf(entry.item)),
        })),
        forChairs: chairs.map((entry) => itemOf(entry.item)),
        chairMentions:
          chairs.length > 0
            ? group.chairs
                .filter((chair) => chair.id.startsWith('29:'))
                .map((chair) => ({ id: chair.id, name: chair.name }))
            : [],
      });
      await run.sendCard(channel, message, channelIdOf(channel));
      await this.markSent(run, held, `digest:${channelIdOf(channel)}`);
      const personal = held.length - chairs.length;
      run.counts.sent += held.length;
      run.counts.digested += personal;
      run.counts.forChairs += chairs.length;
      run.counts.fellBack += listed
        .filter((entry) => entry.fellBack)
        .reduce((sum, entry) => sum + entry.held.length, 0);
      run.summaries.push(...lines({ outcome: 'sent' }));
    } catch (error) {
      const reason = reasonOf(error);
      if (isOutcomeUnknown(error)) {
        // Never resent: a second digest would reach everyone in the channel.
        await this.markUnknown(run, held, reason, false);
        run.counts.unknown += held.length;
        run.summaries.push(...lines({ outcome: 'unknown', reason }));
        return;
      }
      await this.fail(held, reason);
      run.counts.failed += held.length;
      run.summaries.push(...lines({ outcome: 'failed', reason }));
    }
  }

  private placeOf(
    path: ReminderPath,
    target: Unit['target'],
    group: Group,
    channel: ConversationRecord | undefined,
  ): string {
    switch (path.kind) {
      case 'personal':
        return placeName(path.record, group);
      case 'open':
        return `a new 1:1 chat with ${target.name}`;
      case 'email':
        return `e-mail to ${path.address}`;
      case 'mention':
        return placeName(channel, group);
      case 'digest':
        return `the digest in ${placeName(channel, group)}`;
    }
  }

  private async claimAll(run: DeliveryRun, items: readonly PlannedItem[]): Promise<Held[]> {
    const held: Held[] = [];
    for (const item of items) {
      const key = keyOf(item);
      const claim = await this.deps.claims.claim(
        key,
        this.deps.instanceId,
        run.now,
        this.deps.leaseMs ?? DEFAULT_LEASE_MS,
      );
      if (claim) held.push({ item, key, claim });
      else run.counts.skipped++;
    }
    return held;
  }

  private async markSent(run: DeliveryRun, held: readonly Held[], where: string): Promise<void> {
    for (const entry of held) {
      run.delivered.add(`${entry.item.action.ref}|${entry.item.target.key}`);
      try {
        const kept = await this.deps.claims.markSent(entry.key, entry.claim, run.now, where);
        if (!kept) {
          this.deps.log.warn(
            { ref: entry.key.ref, target: entry.key.targetKey },
            'a reminder was sent after its claim expired and was taken over',
          );
        }
      } catch (error) {
        // The claim stays `claimed` and expires: the reminder may be sent once more, not lost.
        this.deps.log.error({ err: error, ref: entry.key.ref }, 'could not record a sent reminder');
      }
    }
  }

  private async markUnknown(
    run: DeliveryRun,
    held: readonly Held[],
    reason: string,
    resendable: boolean,
  ): Promise<void> {
    this.deps.log.warn(
      { reason, reminders: held.length, resendable },
      'reminder sent but its outcome is unknown; not resent by this sweep',
    );
    const after = this.deps.unknownResendAfterMs ?? DEFAULT_UNKNOWN_RESEND_AFTER_MS;
    for (const entry of held) {
      // Once: a second unknown outcome is never resent.
      const again = resendable && (entry.claim.unknowns ?? 0) === 0;
      try {
        await this.deps.claims.markUnknown(
          entry.key,
          entry.claim,
          run.now,
          reason,
          again ? new Date(run.now.getTime() + after) : undefined,
        );
      } catch (error) {
        this.deps.log.error({ err: error }, 'could not record a reminder of unknown outcome');
      }
    }
  }

  private async fail(held: readonly Held[], reason: string): Promise<void> {
    this.deps.log.warn(
      { reason, reminders: held.length },
      'reminder not delivered; the next sweep retries',
    );
    await this.release(held, reason);
  }

  /** Marks the claims failed, so the next sweep may take them at once. */
  private async release(held: readonly Held[], reason: string): Promise<void> {
    for (const entry of held) {
      try {
        await this.deps.claims.markFailed(entry.key, entry.claim, new Date(), reason);
      } catch (error) {
        // The claim stays `claimed` and expires: the reminder is retried, not lost.
        this.deps.log.error({ err: error }, 'could not record a failed reminder');
      }
    }
  }
}

const PATH_LABELS: Record<ReminderPath['kind'], string> = {
  personal: 'personal chat',
  open: 'new 1:1 chat',
  email: 'e-mail',
  mention: 'channel @mention',
  digest: 'channel digest',
};

function fallsThrough(error: unknown): boolean {
  if (error instanceof Refused) return true;
  if (error instanceof SendFailure) return error.kind === 'blocked' || error.kind === 'rejected';
  return error instanceof MailFailure && error.kind === 'rejected';
}

function itemOf(item: PlannedItem): ReminderItem {
  return {
    action: item.action,
    timeZone: item.group.timeZone,
    groupName: item.group.name,
    ...(item.meeting ? { meeting: item.meeting } : {}),
  };
}

export function keyOf(item: PlannedItem): ReminderKey {
  const { reminder } = item;
  return {
    date: reminder.date,
    ref: item.action.ref,
    ruleId: reminder.occurrence.slice(reminder.date.length + 1),
    targetKey: item.target.key,
  };
}

function keyText(key: ReminderKey): string {
  return `${key.date}|${key.targetKey}|${key.ref}|${key.ruleId}`;
}

/** A short stable fingerprint (FNV-1a, 64 bits) of a text, for idempotency keys. */
function fingerprint(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
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
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}

/** Runs `work` over the items, at most `concurrency` at a time. */
export async function inBatches<T>(
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
