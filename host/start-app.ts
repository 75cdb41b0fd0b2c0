import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { ActionService } from '../core/action-service';
import type { TableStorage } from '../storage/table-storage';
import { createAdapter } from '../teams/cloud-adapter';
import { describeConfig, type AppConfig } from './config';
import type { Logger } from './logger';
import { composeBot } from './compose-bot';
import { openStores } from './open-stores';
import { configureDocumentLinks } from './report-link-settings';
import { ReminderScheduler } from '../features/reminders/reminder-scheduler';
import { createReminderSweep } from './reminder-wiring';
import { RetentionScheduler, type RetentionSchedule } from '../core/retention/retention-scheduler';
import { createRetentionSweep } from './retention-wiring';
import { createServer } from '../teams/http-server';
import { registerSidePanel } from '../teams/side-panel/side-panel';

const SHUTDOWN_GRACE_MS = 5000;

/** A started app: where it listens, and how to stop everything it started. */
export interface RunningApp {
  /** e.g. http://127.0.0.1:3978 */
  readonly url: string;
  readonly server: Server;
  readonly storage: TableStorage;
  readonly service: ActionService;
  /** Resolves when the work the bot does after its answers (cards replaced for everyone) is done. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

/** What {@link startApp} may be given beside the settings. */
export interface StartAppOptions {
  /** When the retention sweep runs; a minute after start-up, then daily, by default. */
  readonly retentionSchedule?: RetentionSchedule;
}

/**
 * The composition root: the only place that picks concrete classes and wires them together.
 * Starts the embedded Azurite when no storage account is configured.
 */
export async function startApp(
  config: AppConfig,
  log: Logger,
  options: StartAppOptions = {},
): Promise<RunningApp> {
  log.info({ config: describeConfig(config) }, 'starting');
  log.info(
    config.botAuth
      ? `Bot Framework authentication is ON for app id ${config.botAuth.appId}: requests need a valid token`
      : 'Bot Framework authentication is OFF (no MICROSOFT_APP_ID): anonymous mode, for local use only',
  );

  const stores = await openStores(config, log);
  const { storage } = stores;

  const adapter = createAdapter(config.botAuth, log);
  const reminders = createReminderSweep(stores, adapter, config, log, {
    people: stores.people,
    ...(stores.mailer ? { mailer: stores.mailer } : {}),
  });
  const reminderScheduler = new ReminderScheduler(
    reminders.sweep,
    config.reminderSweepIntervalSeconds,
    log,
  );
  const retentionScheduler = new RetentionScheduler(
    createRetentionSweep(stores, config),
    log,
    options.retentionSchedule,
  );
  const reportLinks = configureDocumentLinks(config, log);
  const bot = composeBot({
    service: stores.service,
    stores,
    reports: stores.reportService,
    people: stores.people,
    links: reportLinks.links,
    log,
    nudger: reminders.sweep,
    sender: reminders.sender,
    ...(config.botAuth ? { botAppId: config.botAuth.appId } : {}),
  });
  const server = createServer({
    adapter,
    bot,
    probeStorage: () => storage.ping(),
    log,
    reportDocuments: { links: reportLinks.links, reports: stores.reportService, log },
  });
  registerSidePanel(server, {
    config,
    adapter,
    bot,
    service: stores.service,
    conversations: stores.conversations,
    log,
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host}:${address.port}`;
  log.info({ url, messagingEndpoint: `${url}/api/messages` }, 'listening');
  reportLinks.listeningAt(url);
  reminderScheduler.start();
  retentionScheduler.start();

  return {
    url,
    server,
    storage,
    service: stores.service,
    settled: () => bot.whenIdle(),
    async stop() {
      log.debug('stopping: reminder and retention sweeps');
      await reminderScheduler.stop();
      await retentionScheduler.stop();
      log.debug('stopping: web server');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections (the Playground's, a load balancer's) would hold close() open;
      // idle ones go now, busy ones get a grace period to finish their request.
      server.server.closeIdleConnections();
      const force = setTimeout(() => server.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(force);
      log.debug('stopping: storage');
      await stores.close();
      log.info('stopped');
    },
  };
}
