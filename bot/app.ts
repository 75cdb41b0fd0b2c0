import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { ActionService } from '../core/action-service';
import type { TableStorage } from '../storage/table-storage';
import { createAdapter } from './adapter';
import { describeConfig, type AppConfig } from './config';
import type { Logger } from './logger';
import { MeetingActionsBot } from './meeting-actions-bot';
import { openStores } from './open-stores';
import { createServer } from './server';

/** A started app: where it listens, and how to stop everything it started. */
export interface RunningApp {
  /** e.g. http://127.0.0.1:3978 */
  readonly url: string;
  readonly server: Server;
  readonly storage: TableStorage;
  readonly service: ActionService;
  stop(): Promise<void>;
}

/**
 * The composition root: the only place that picks concrete classes and wires them together.
 * Starts the embedded Azurite when no storage account is configured.
 */
export async function startApp(config: AppConfig, log: Logger): Promise<RunningApp> {
  log.info({ config: describeConfig(config) }, 'starting');
  log.info(
    config.botAuth
      ? `Bot Framework authentication is ON for app id ${config.botAuth.appId}: requests need a valid token`
      : 'Bot Framework authentication is OFF (no MICROSOFT_APP_ID): anonymous mode, for local use only',
  );

  const stores = await openStores(config, log);
  const { storage } = stores;

  const adapter = createAdapter(config.botAuth, log);
  const bot = new MeetingActionsBot({
    conversations: stores.conversations,
    actions: stores.service,
    log,
  });
  const server = createServer({ adapter, bot, probeStorage: () => storage.ping(), log });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${address.port}`;
  log.info({ url, messagingEndpoint: `${url}/api/messages` }, 'listening');

  return {
    url,
    server,
    storage,
    service: stores.service,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stores.close();
      log.info('stopped');
    },
  };
}
