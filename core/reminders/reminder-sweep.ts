import { isActionOverdue, type Action } from '../action';
import { parseMeetingCode } from '../action-ref';
import { formatShortDate } from '../due-date';
import type { Group } from '../group';
import type { Log } from '../log';
import type { DirectoryEntry, DirectoryStore } from '../people/directory';
import type { ActionStore, GroupStore, MeetingStore } from '../stores';
import { localDate } from '../time-zone';
import {
  ReminderDelivery,
  inBatches,
  keyOf,
  type DeliveryCounts,
  type DigestSummary,
  type PlannedItem,
  type ReminderDeliveryDependencies,
} from './reminder-delivery';
import {
  MAX_DAYS_BEFORE,
  addDays,
  dueReminder,
  endOfLocalDay,
  isPastOverdueReminders,
  reminderPolicyOf,
} from './reminder-policy';
import type { DueIndex } from './reminder-stores';
import { chairsTarget, reminderTargets } from './reminder-targets';

export { MAX_REMINDER_ITEMS } from './reminder-ports';
export type { ReminderDigest, ReminderRenderer, ReminderSender } from './reminder-ports';
export type { DigestSummary } from './reminder-delivery';

export interface ReminderSweepDependencies extends ReminderDeliveryDependencies {
  readonly groups: Pick<GroupStore, 'getGroup'>;
  /** For the meeting's date on every reminder; absent: the meeting's code alone. */
  readonly meetings?: Pick<MeetingStore, 'getMeeting'>;
  readonly actions: Pick<ActionStore, 'getAction' | 'listOpenActions'>;
  readonly dueIndex: DueIndex;
  /** The groups' directories: who a typed owner is, their e-mail address. */
  readonly people?: Pick<DirectoryStore, 'listPeople'>;
  readonly now?: () => Date;
  readonly log: Log;
}

export interface SweepReport extends DeliveryCounts {
  readonly at: string;
  /** Reminders (target × action) due at `at`. */
  readonly due: number;
  /** Requests the sender repeated (429, 5xx). */
  readonly retried: number;
  /** Index entries that no longer matched their action, repaired. */
  readonly repaired: number;
  /** Per message: who, where, which path and why, and how it went. */
  readonly digests: readonly DigestSummary[];
}

const READ_CONCURRENCY = 16;

/**
 * The reminder sweep: reads the due index up to the farthest date a reminder can be due, re-reads
 * each action (repairing stale index entries), asks the group's policy which reminder is due,
 * finds the people behind each owner (the group's directory) and hands the reminders to
 * {@link ReminderDelivery}. An action overdue past the policy's `stopAfterOverdue` reminders goes
 * to the chairs' list in the channel digest instead of its owners. Each reminder is claimed in
 * storage before it is sent and marked after, so any number of instances may sweep at once and
 * each reminder arrives once.
 */
export class ReminderSweep {
  private readonly now: () => Date;
  private readonly delivery: ReminderDelivery;

  constructor(private readonly deps: ReminderSweepDependencies) {
    this.now = deps.now ?? (() => new Date());
    this.delivery = new ReminderDelivery(deps);
  }

  /** One sweep. A dry run only reads: it claims, sends and repairs nothing. */
  async run(options: { dryRun?: boolean; now?: Date } = {}): Promise<SweepReport> {
    const now = options.now ?? this.now();
    const dryRun = options.dryRun ?? false;
    const { items, repaired } = await this.dueItems(now, dryRun);
    return this.deliver(items, now, { dryRun, repaired });
  }

  /**
   * A chair's nudge: the owners of the named open actions, or of all the group's overdue ones,
   * now, whatever the policy, mutes or snoozes say. `nudgeId` (the command's activity id) makes a
   * nudge that Teams delivers twice go out once. A nudge counts as that day's reminder: the
   * reminder the policy has for the action today is recorded as sent, so the sweep does not
   * repeat it.
   */
  async nudge(group: Group, refs: readonly string[], nudgeId: string): Promise<SweepReport> {
    const now = this.now();
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
    const context = new PlanContext(this.deps);
    const people = await context.peopleOf(group.code);
    const items: PlannedItem[] = [];
    for (const action of actions) {
      const meeting = await context.meetingOf(action, group);
      for (const target of reminderTargets(action, people)) {
        items.push({ action, group, reminder, target, ...(meeting ? { meeting } : {}) });
      }
    }
    const report = await this.deliver(items, now, { dryRun: false, repaired: 0 });
    await this.countAsTodaysReminder(items, report.delivered, now, nudgeId);
    const { delivered: _delivered, ...rest } = report;
    return rest;
  }

  private async countAsTodaysReminder(
    nudged: readonly PlannedItem[],
    delivered: ReadonlySet<string>,
    now: Date,
    nudgeId: string,
  ): Promise<void> {
    for (const item of nudged) {
      if (!delivered.has(`${item.action.ref}|${item.target.key}`)) continue;
      const { group } = item;
      // The latest reminder the policy has up to the end of today: the one a sweep would send.
      const endOfDay = endOfLocalDay(now, group.timeZone);
      const scheduled = dueReminder(item.action, reminderPolicyOf(group), endOfDay, group.timeZone);
      if (!scheduled) continue;
      const key = keyOf({ ...item, reminder: scheduled });
      try {
        const claim = await this.deps.claims.claim(key, this.deps.instanceId, now, 60_000);
        if (claim) await this.deps.claims.markSent(key, claim, now, `nudge:${nudgeId}`);
      } catch (error) {
        this.deps.log.warn({ err: error, ref: key.ref }, 'could not count a nudge as the reminder');
      }
    }
  }

  private async dueItems(
    now: Date,
    dryRun: boolean,
  ): Promise<{ items: PlannedItem[]; repaired: number }> {
    // Zones east of UTC are a day ahead at most; the policy reaches MAX_DAYS_BEFORE ahead.
    const horizon = addDays(localDate(now, 'UTC'), MAX_DAYS_BEFORE + 1);
    const entries = await this.deps.dueIndex.listDueBy(horizon);
    const groups = new Map<string, Promise<Group | undefined>>();
    const context = new PlanContext(this.deps);
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
      const policy = reminderPolicyOf(group);
      const reminder = dueReminder(action, policy, now, group.timeZone);
      if (!reminder || !action.due) return;
      const meeting = await context.meetingOf(action, group);
      const base = { action, group, reminder, ...(meeting ? { meeting } : {}) };
      if (isPastOverdueReminders(action.due.date, policy, now, group.timeZone)) {
        items.push({ ...base, target: chairsTarget(group.code) });
        return;
      }
      const people = await context.peopleOf(group.code);
      for (const target of reminderTargets(action, people)) items.push({ ...base, target });
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
  ): Promise<SweepReport & { delivered: ReadonlySet<string> }> {
    const retriedBefore = this.deps.sender.stats?.retries ?? 0;
    const { counts, summaries, delivered } = await this.delivery.deliver(items, now, options);
    const report = {
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
    return { ...report, delivered };
  }
}

/** Look-ups made once per sweep: each group's directory, each meeting's label. */
class PlanContext {
  private readonly people = new Map<string, Promise<DirectoryEntry[]>>();
  private readonly meetings = new Map<string, Promise<string | undefined>>();

  constructor(private readonly deps: ReminderSweepDependencies) {}

  peopleOf(groupCode: string): Promise<DirectoryEntry[]> {
    let found = this.people.get(groupCode);
    if (!found) {
      const people = this.deps.people;
      found = people
        ? people.listPeople(groupCode).catch((error: unknown) => {
            this.deps.log.warn(
              { err: error, groupCode },
              'could not read the directory; reminding the owners Teams knows',
            );
            return [];
          })
        : Promise.resolve([]);
      this.people.set(groupCode, found);
    }
    return found;
  }

  /** `CCAG003 (23/02/22)`, or the code alone when the meeting's date is not known. */
  meetingOf(action: Action, group: Group): Promise<string | undefined> {
    const key = action.meetingCode;
    let found = this.meetings.get(key);
    if (!found) {
      found = (async () => {
        const parsed = parseMeetingCode(action.meetingCode);
        const meetings = this.deps.meetings;
        if (!parsed || !meetings) return action.meetingCode;
        try {
          const meeting = await meetings.getMeeting(parsed.groupCode, parsed.meetingNumber);
          if (!meeting?.start) return action.meetingCode;
          const date = formatShortDate(localDate(new Date(meeting.start), group.timeZone));
          return `${action.meetingCode} (${date})`;
        } catch {
          return action.meetingCode;
        }
      })();
      this.meetings.set(key, found);
    }
    return found;
  }
}
