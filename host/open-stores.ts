import { ActionService } from '../core/action-service';
import type { Mailer } from '../core/mail';
import type { DirectoryStore } from '../core/people/directory';
import { GraphMailer } from '../mail/graph-mailer';
import { SmtpMailer } from '../mail/smtp-mailer';
import { EmbeddedAzurite, azuriteConnectionString } from '../storage/embedded-azurite';
import { IndexedActionStore } from '../storage/indexed-action-store';
import { TableActionStore } from '../storage/table-action-store';
import { TableAddReceiptStore } from '../storage/table-add-receipt-store';
import { TableBindingStore } from '../storage/table-binding-store';
import { TableConversationDirectory } from '../storage/table-conversation-directory';
import { TableConversationStore } from '../storage/table-conversation-store';
import { TableDirectoryStore } from '../storage/table-directory-store';
import { TableDiscussionStore } from '../storage/table-discussion-store';
import { TableDueIndex } from '../storage/table-due-index';
import { TableGroupStore } from '../storage/table-group-store';
import { TableOperationStore } from '../storage/table-operation-store';
import { TableReminderClaims } from '../storage/table-reminder-claims';
import { TableReportStore } from '../storage/table-report-store';
import { ReportService } from '../core/reports/report-service';
import { TableStorage, type TableEndpoint } from '../storage/table-storage';
import type { AppConfig, MailSettings, StorageSettings } from './config';
import type { Logger } from './logger';

/** The stores and the service over them, opened from the settings, and how to close them. */
export interface OpenStores {
  readonly storage: TableStorage;
  readonly groups: TableGroupStore;
  /** Actions, with the due index kept in step with every change. */
  readonly actions: IndexedActionStore;
  readonly dueIndex: TableDueIndex;
  readonly reminderClaims: TableReminderClaims;
  readonly directory: TableConversationDirectory;
  readonly discussion: TableDiscussionStore;
  readonly bindings: TableBindingStore;
  readonly conversations: TableConversationStore;
  /** Operation keys of exactly-once requests. */
  readonly operations: TableOperationStore;
  /** The receipts of adds made once per click (in the Groups table), for the retention sweep. */
  readonly receipts: TableAddReceiptStore;
  readonly service: ActionService;
  /** Issued headline reports (in the Groups table). */
  readonly reports: TableReportStore;
  readonly reportService: ReportService;
  /** Each group's directory of people (in the Groups table). */
  readonly people: DirectoryStore;
  /**
   * E-mail to owners: Graph when GRAPH_MAIL_SENDER is set, else SMTP when SMTP_URL is set;
   * absent when neither is, and reminders then skip the e-mail path.
   */
  readonly mailer?: Mailer;
  close(): Promise<void>;
}

/**
 * How long this process keeps a conversation's binding, a group and a meeting it read: every
 * request reads them, they rarely change, and what this process writes replaces them at once.
 * Another instance's change (a chair added from the command line) is seen within this time.
 */
const READ_CACHE_TTL_MS = 2000;

export interface OpenStoresOptions {
  /**
   * With embedded storage, use an Azurite already listening on the configured port (the bot's,
   * when `npm start` runs) instead of starting a second one on the same data folder, which would
   * overwrite each other's writes. For the command line, which works with or without the bot.
   */
  readonly reuseRunningEmulator?: boolean;
}

/**
 * Opens Table Storage as configured — a connection string, an account URL with managed identity,
 * or the embedded Azurite — creates the tables, and wires the stores. The composition roots
 * (host/start-app.ts, the command line) call this; nothing else picks storage classes.
 */
export async function openStores(
  config: AppConfig,
  log: Logger,
  options: OpenStoresOptions = {},
): Promise<OpenStores> {
  const { endpoint, stop } = await openEndpoint(config.storage, log, options);
  const storage = new TableStorage(endpoint, { tablePrefix: config.tablePrefix });
  try {
    await storage.ensureTables();
  } catch (error) {
    await stop();
    throw error;
  }
  const groupsTable = storage.table('groups');
  const conversationsTable = storage.table('conversations');
  const dueIndex = new TableDueIndex(storage.table('dueIndex'));
  const stores = {
    groups: new TableGroupStore(groupsTable, { cacheTtlMs: READ_CACHE_TTL_MS }),
    actions: new IndexedActionStore(new TableActionStore(groupsTable), dueIndex, (ref, error) =>
      log.warn(
        { err: error, ref },
        'an old due index entry was left; the reminder sweep removes it',
      ),
    ),
    discussion: new TableDiscussionStore(groupsTable),
    bindings: new TableBindingStore(conversationsTable, { cacheTtlMs: READ_CACHE_TTL_MS }),
    conversations: new TableConversationStore(conversationsTable),
  };
  const mail = openMailer(config.mail, log);
  return {
    storage,
    ...stores,
    dueIndex,
    reminderClaims: new TableReminderClaims(storage.table('reminders')),
    directory: new TableConversationDirectory(conversationsTable),
    operations: new TableOperationStore(storage.table('operations')),
    receipts: new TableAddReceiptStore(groupsTable),
    service: new ActionService(stores),
    ...reportStores(stores, groupsTable),
    people: new TableDirectoryStore(groupsTable),
    ...(mail.mailer ? { mailer: mail.mailer } : {}),
    close: async () => {
      mail.close();
      await stop();
    },
  };
}

/** The mailer the settings ask for, and how to let go of its connections. */
export function openMailer(
  settings: MailSettings | undefined,
  log: Logger,
): { mailer?: Mailer; close(): void } {
  if (settings?.kind === 'graph') {
    const { kind: _kind, ...graph } = settings;
    return { mailer: new GraphMailer({ ...graph, log }), close: () => {} };
  }
  if (settings?.kind === 'smtp') {
    const smtp = new SmtpMailer({ url: settings.url, from: settings.from, log });
    return { mailer: smtp, close: () => smtp.close() };
  }
  return { close: () => {} };
}

function reportStores(
  stores: Pick<OpenStores, 'groups' | 'actions' | 'discussion'>,
  groupsTable: ReturnType<TableStorage['table']>,
): Pick<OpenStores, 'reports' | 'reportService'> {
  const reports = new TableReportStore(groupsTable);
  return { reports, reportService: new ReportService({ ...stores, reports }) };
}

async function openEndpoint(
  settings: StorageSettings,
  log: Logger,
  options: OpenStoresOptions,
): Promise<{ endpoint: TableEndpoint; stop: () => Promise<void> }> {
  switch (settings.kind) {
    case 'connectionString':
      return { endpoint: { connectionString: settings.connectionString }, stop: async () => {} };
    case 'accountUrl': {
      // Loaded only here: @azure/identity brings its own MSAL (several MiB resident) that a bot
      // on a connection string or Azurite never uses.
      const { DefaultAzureCredential } = await import('@azure/identity');
      return {
        endpoint: { accountUrl: settings.accountUrl, credential: new DefaultAzureCredential() },
        stop: async () => {},
      };
    }
    case 'embedded': {
      if (options.reuseRunningEmulator && (await azuriteAnswers(settings.port))) {
        log.info({ port: settings.port }, 'using the Azurite already running (the bot is up)');
        return {
          endpoint: {
            connectionString: azuriteConnectionString(`http://127.0.0.1:${settings.port}`),
          },
          stop: async () => {},
        };
      }
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
        stop: () => azurite.stop(),
      };
    }
  }
}

async function azuriteAnswers(port: number): Promise<boolean> {
  if (port === 0) return false;
  try {
    const response = await fetch(`http://127.0.0.1:${port}/devstoreaccount1/Tables`, {
      signal: AbortSignal.timeout(1000),
    });
    // Any HTTP answer (even 403 for the missing signature) means the emulator is there.
    return response.status > 0;
  } catch {
    return false;
  }
}
