import {
  TableClient,
  TableServiceClient,
  type TableServiceClientOptions,
} from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import { storageCall } from './storage-errors';

/** Where the tables live: a connection string (Azurite, or an account key) or an account URL. */
export type TableEndpoint =
  | { readonly connectionString: string }
  | { readonly accountUrl: string; readonly credential: TokenCredential };

/**
 * The tables the app keeps. The prefix lets several deployments (or test runs) share one account.
 * Each aggregate's store documents its keys in storage/README.md.
 */
export const TABLES = {
  conversations: 'Conversations',
  groups: 'Groups',
  dueIndex: 'DueIndex',
  reminders: 'Reminders',
  operations: 'Operations',
} as const;

export type TableName = keyof typeof TABLES;

export interface TableStorageOptions {
  /** Letters and digits, prefixed to every table name. */
  readonly tablePrefix: string;
  /** How long a call may take before the SDK gives up; a health check should not hang. */
  readonly timeoutMs?: number;
}

/** Opens table clients for one storage account and creates the app's tables. */
export class TableStorage {
  private readonly clientOptions: TableServiceClientOptions;

  constructor(
    private readonly endpoint: TableEndpoint,
    private readonly options: TableStorageOptions,
  ) {
    this.clientOptions = {
      // Azurite speaks plain http on loopback; Azure is always https.
      allowInsecureConnection: isHttpEndpoint(endpoint),
      retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
    };
  }

  /** The client of one of the app's tables. */
  table(name: TableName): TableClient {
    const tableName = this.tableName(name);
    if ('connectionString' in this.endpoint) {
      return TableClient.fromConnectionString(
        this.endpoint.connectionString,
        tableName,
        this.clientOptions,
      );
    }
    return new TableClient(
      this.endpoint.accountUrl,
      tableName,
      this.endpoint.credential,
      this.clientOptions,
    );
  }

  /** The real name of a table in the account. */
  tableName(name: TableName): string {
    return `${this.options.tablePrefix}${TABLES[name]}`;
  }

  /** Creates every table that does not exist yet; safe to call at every start-up. */
  async ensureTables(): Promise<void> {
    for (const name of Object.keys(TABLES) as TableName[]) {
      // createTable answers success when the table exists already.
      await storageCall(`create table ${this.tableName(name)}`, () =>
        this.table(name).createTable(),
      );
    }
  }

  /**
   * Asks the service for one page of tables: cheap, needs read access, and fails fast when the
   * account cannot be reached.
   * @throws StorageUnavailableError when the service does not answer in time.
   */
  async ping(): Promise<void> {
    const abortSignal = AbortSignal.timeout(this.options.timeoutMs ?? 3000);
    await storageCall('check Table Storage', async () => {
      await this.serviceClient().listTables({ abortSignal }).byPage({ maxPageSize: 1 }).next();
    });
  }

  private serviceClient(): TableServiceClient {
    if ('connectionString' in this.endpoint) {
      return TableServiceClient.fromConnectionString(
        this.endpoint.connectionString,
        this.clientOptions,
      );
    }
    return new TableServiceClient(
      this.endpoint.accountUrl,
      this.endpoint.credential,
      this.clientOptions,
    );
  }
}

function isHttpEndpoint(endpoint: TableEndpoint): boolean {
  if ('accountUrl' in endpoint) return endpoint.accountUrl.startsWith('http:');
  return /DefaultEndpointsProtocol=http;|TableEndpoint=http:|UseDevelopmentStorage=true/i.test(
    endpoint.connectionString,
  );
}
