import { RetentionSweep } from '../core/retention/retention-sweep';
import type { AppConfig } from './config';
import type { OpenStores } from './open-stores';

/**
 * The retention sweep over the opened stores, forgetting what is older than the configured
 * window: one wiring for the bot process (host/start-app.ts, about once a day) and the command
 * line (`prune`).
 */
export function createRetentionSweep(
  stores: Pick<OpenStores, 'operations' | 'receipts'>,
  config: Pick<AppConfig, 'operationRetentionDays'>,
  options: { readonly now?: () => Date } = {},
): RetentionSweep {
  return new RetentionSweep({
    operations: stores.operations,
    receipts: stores.receipts,
    retentionDays: config.operationRetentionDays,
    ...(options.now ? { now: options.now } : {}),
  });
}
