import { hostname } from 'node:os';
import type { CloudAdapter } from 'botbuilder';
import type { Mailer } from '../core/mail';
import type { DirectoryStore } from '../core/people/directory';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import type { OpenStores } from './open-stores';
import { OutboundSender, type OutboundSenderOptions } from '../teams/proactive/outbound-sender';
import { ReminderSweep } from '../core/reminders/reminder-sweep';
import { DEFAULT_SWEEP_DEADLINE_MS } from '../core/reminders/reminder-delivery-run';
import { renderReminderDigest } from '../cards/reminders/reminder-card';
import { renderChannelDigest } from '../cards/reminders/reminder-digest-card';
import { reminderMailRenderer, teamsActionLink } from '../cards/reminders/reminder-mail';
import { createAdapter } from '../teams/cloud-adapter';
import { cardSender } from '../teams/proactive/card-sender';
import { TableSendBudget } from '../storage/table-send-budget';

/** What {@link createReminderSweep} may be given beside the stores. */
export interface ReminderWiringOptions {
  readonly now?: () => Date;
  readonly sender?: Partial<OutboundSenderOptions>;
  readonly instanceId?: string;
  /** E-mail for owners Teams cannot reach (SMTP or Graph); absent: no e-mail path. */
  readonly mailer?: Mailer;
  /** The groups' directories of people: typed owners resolved, e-mail addresses. */
  readonly people?: Pick<DirectoryStore, 'listPeople'>;
  /** The longest one sweep delivers for. */
  readonly deadlineMs?: number;
}

/**
 * The reminder sweep over the opened stores, sending through the adapter within Teams' limits
 * shared with every other instance (the SendBudget table): one wiring for the bot process
 * (host/start-app.ts, whose report posts share the sender) and the command line (`sweep`).
 */
export function createReminderSweep(
  stores: Pick<
    OpenStores,
    'storage' | 'groups' | 'actions' | 'dueIndex' | 'reminderClaims' | 'directory' | 'conversations'
  >,
  adapter: CloudAdapter,
  config: Pick<AppConfig, 'botAuth'> & Partial<Pick<AppConfig, 'reminderSweepIntervalSeconds'>>,
  log: Logger,
  options: ReminderWiringOptions = {},
): { sweep: ReminderSweep; sender: OutboundSender } {
  const appId = config.botAuth?.appId ?? '';
  const sender = new OutboundSender(adapter, {
    appId,
    log,
    budget: new TableSendBudget(stores.storage.table('sendBudget')),
    ...options.sender,
  });
  const sweep = new ReminderSweep({
    groups: stores.groups,
    meetings: stores.groups,
    actions: stores.actions,
    dueIndex: stores.dueIndex,
    claims: stores.reminderClaims,
    directory: stores.directory,
    conversations: stores.conversations,
    sender: cardSender(sender),
    render: renderReminderDigest,
    renderDigest: renderChannelDigest,
    ...(options.people ? { people: options.people } : {}),
    ...(options.mailer
      ? {
          mailer: options.mailer,
          renderMail: reminderMailRenderer(appId ? { actionLink: teamsActionLink(appId) } : {}),
        }
      : {}),
    instanceId: options.instanceId ?? `${hostname()}:${process.pid}`,
    log,
    ...deadlineOf(options.deadlineMs, config.reminderSweepIntervalSeconds),
    ...(options.now ? { now: options.now } : {}),
  });
  return { sweep, sender };
}

/**
 * A sweep ends before the next one is due: within 80 % of the scheduler's interval, at most
 * DEFAULT_SWEEP_DEADLINE_MS (what is left waits for the next sweep).
 */
function deadlineOf(
  deadlineMs: number | undefined,
  intervalSeconds: number | undefined,
): { deadlineMs?: number } {
  if (deadlineMs) return { deadlineMs };
  if (!intervalSeconds || intervalSeconds <= 0) return {};
  return { deadlineMs: Math.min(DEFAULT_SWEEP_DEADLINE_MS, intervalSeconds * 800) };
}

/** The reminder sweep with an adapter of its own: for the command line, which has no bot. */
export function createStandaloneReminderSweep(
  stores: Parameters<typeof createReminderSweep>[0],
  config: Parameters<typeof createReminderSweep>[2],
  log: Logger,
  options: ReminderWiringOptions = {},
): { sweep: ReminderSweep; sender: OutboundSender } {
  return createReminderSweep(stores, createAdapter(config.botAuth, log), config, log, options);
}
