import type { AddressInfo } from 'node:net';
import { DefaultAzureCredential } from '@azure/identity';
import type { Server } from 'restify';
import { ActionService } from '../core/action-service';
import { EmbeddedAzurite } from '../storage/embedded-azurite';
import { TableActionStore } from '../storage/table-action-store';
import { TableBindingStore } from '../storage/table-binding-store';
import { TableDiscussionStore } from '../storage/table-discussion-store';
import { TableGroupStore } from '../storage/table-group-store';
import { TableConversationStore } from '../storage/table-conversation-store';
import { TableStorage, type TableEndpoint } from '../storage/table-storage';
import { createAdapter } from './adapter';
import { describeConfig, type AppConfig, type StorageSettings } from './config';
import type { Logger } from './logger';
import { MeetingActionsBot } from './meeting-actions-bot';
import { createServer } from './server';

/** A started app: where it listens, and how to stop everything it started. */
export interface RunningApp {
  /** e.g. http://127.0.0.1:3978 */
  readonly url: string;
  readonly server: Server;
  readonly storage: TableStorage;
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

  const { endpoint, stopStorage } = await openStorage(config.storage, log);
  const storage = new TableStorage(endpoint, { tablePrefix: config.tablePrefix });
  try {
    await storage.ensureTables();
  } catch (error) {
    await stopStorage();
    throw error;
  }

  const adapter = createAdapter(config.botAuth, log);
  const groupsTable = storage.table('groups');
  const conversationsTable = storage.table('conversations');
  const actions = new ActionService({
    groups: new TableGroupStore(groupsTable),
    actions: new TableActionStore(groupsTable),
    discussion: new TableDiscussionStore(groupsTable),
    bindings: new TableBindingStore(conversationsTable),
  });
  const bot = new MeetingActionsBot({
    conversations: new TableConversationStore(conversationsTable),
    actions,
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
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopStorage();
      log.info('stopped');
    },
  };
}

async function openStorage(
  settings: StorageSettings,
  log: Logger,
): Promise<{ endpoint: TableEndpoint; stopStorage: () => Promise<void> }> {
  switch (settings.kind) {
    case 'connectionString':
      return {
        endpoint: { connectionString: settings.connectionString },
        stopStorage: async () => {},
      };
    case 'accountUrl':
      return {
        endpoint: { accountUrl: settings.accountUrl, credential: new DefaultAzureCredential() },
        stopStorage: async () => {},
      };
    case 'embedded': {
      const azurite = await EmbeddedAzurite.start({
        port: settings.port,
        dataDir: settings.dataDir,
      });
      log.info(
        { dataDir: settings.dataDir, port: settings.port },
        'embedded Azurite Table service started',
      );
      return {
        endpoint: { connectionString: azurite.connectionString },
        stopStorage: () => azurite.stop(),
      };
    }
  }
}
