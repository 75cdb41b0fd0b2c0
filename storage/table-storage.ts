import {
  TableClient,
  TableServiceClient,
  type TableServiceClientOptions,
} from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { storageIdempotentWrite, storageRead } from './storage-errors';

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
  sendBudget: 'SendBudget',
} as const;

export type TableName = keyof typeof TABLES;

export interface TableStorageOptions {
  /** Letters and digits, prefixed to every table name. */
  readonly tablePrefix: string;
  /** How long a health check may take before it gives up. */
  readonly timeoutMs?: number;
  /**
   * How long one request may wait for its answer (10 s by default). A write that times out is
   * settled by reading back, so this bounds how long a lost answer holds a person up.
   */
  readonly requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Opens table clients for one storage account and creates the app's tables. */
export class TableStorage {
  private readonly clientOptions: TableServiceClientOptions;

  constructor(
    private readonly endpoint: TableEndpoint,
    private readonly options: TableStorageOptions,
  ) {
    const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.clientOptions = {
      // Azurite speaks plain http on loopback; Azure is always https.
      allowInsecureConnection: isHttpEndpoint(endpoint),
      // No automatic retries: the SDK would re-send conditional writes and batches whose answer
      // was lost. storage-errors.ts retries what is safe to retry.
      retryOptions: { maxRetries: 0 },
      additionalPolicies: [{ policy: requestTimeout(requestTimeoutMs), position: 'perCall' }],
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
      await storageIdempotentWrite(`create table ${this.tableName(name)}`, () =>
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
    await storageRead(
      'check Table Storage',
      async () => {
        await this.serviceClient().listTables({ abortSignal }).byPage({ maxPageSize: 1 }).next();
      },
      { retry: false },
    );
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

/**
 * Gives every request a deadline; the SDK sets none, and a silent connection would hang. (Its own
 * `request.timeout` leaves a timer behind when the request fails, so an abort signal is used.)
 */
function requestTimeout(ms: number): PipelinePolicy {
  return {
    name: 'meetingActionsRequestTimeout',
    sendRequest: async (request, next) => {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), ms);
      const outer = request.abortSignal;
      const forward = () => deadline.abort();
      if (outer?.aborted) deadline.abort();
      outer?.addEventListener('abort', forward);
      request.abortSignal = deadline.signal;
      try {
        return await next(request);
      } finally {
        clearTimeout(timer);
        outer?.removeEventListener('abort', forward);
      }
    },
  };
}

function isHttpEndpoint(endpoint: TableEndpoint): boolean {
  if ('accountUrl' in endpoint) return endpoint.accountUrl.startsWith('http:');
  return /DefaultEndpointsProtocol=http;|TableEndpoint=http:|UseDevelopmentStorage=true/i.test(
    endpoint.connectionString,
  );
}
