import { hostname } from 'node:os';
import type { CloudAdapter } from 'botbuilder';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import type { OpenStores } from './open-stores';
import { OutboundSender, type OutboundSenderOptions } from '../teams/proactive/outbound-sender';
import { ReminderSweep } from '../core/reminders/reminder-sweep';
import { renderReminderDigest } from '../cards/reminders/reminder-card';
import { cardSender } from '../teams/proactive/card-sender';

/**
 * The reminder sweep over the opened stores, sending through the adapter: one wiring for the bot
 * process (host/start-app.ts) and the command line (`sweep`).
 */
export function createReminderSweep(
  stores: Pick<OpenStores, 'groups' | 'actions' | 'dueIndex' | 'reminderClaims' | 'directory'>,
  adapter: CloudAdapter,
  config: Pick<AppConfig, 'botAuth'>,
  log: Logger,
  options: { now?: () => Date; sender?: Partial<OutboundSenderOptions>; instanceId?: string } = {},
): { sweep: ReminderSweep; sender: OutboundSender } {
  const sender = new OutboundSender(adapter, {
    appId: config.botAuth?.appId ?? '',
    log,
    ...options.sender,
  });
  const sweep = new ReminderSweep({
    groups: stores.groups,
    actions: stores.actions,
    dueIndex: stores.dueIndex,
    claims: stores.reminderClaims,
    directory: stores.directory,
    sender: cardSender(sender),
    render: renderReminderDigest,
    instanceId: options.instanceId ?? `${hostname()}:${process.pid}`,
    log,
    ...(options.now ? { now: options.now } : {}),
  });
  return { sweep, sender };
}
