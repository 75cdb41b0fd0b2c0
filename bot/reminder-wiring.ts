import { hostname } from 'node:os';
import type { CloudAdapter } from 'botbuilder';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import type { OpenStores } from './open-stores';
import { OutboundSender, type OutboundSenderOptions } from './outbound-sender';
import { ReminderSweep } from './reminder-sweep';

/**
 * The reminder sweep over the opened stores, sending through the adapter: one wiring for the bot
 * process (bot/app.ts) and the command line (`sweep`).
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
    sender,
    instanceId: options.instanceId ?? `${hostname()}:${process.pid}`,
    log,
    ...(options.now ? { now: options.now } : {}),
  });
  return { sweep, sender };
}
