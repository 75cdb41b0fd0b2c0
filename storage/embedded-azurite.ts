import fs from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * The Azurite Table service run inside this process: the storage of a developer's machine and of
 * the tests. It is the real Table API (the same REST protocol as Azure), not a mock.
 *
 * Azurite ships no type declarations and its package entry starts every service, so the table
 * server is deep-imported and typed here by the little we use.
 */
interface AzuriteTableServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
  readonly httpServer: Server;
}

/**
 * Azurite's Express app reads a request's query options ($filter, $top, $select and the
 * continuation NextPartitionKey/NextRowKey) from `req.query`, which Express fills in only when
 * the request has none. restify, loaded into the same process by the bot, puts a `query` method on
 * every http.IncomingMessage, so Express left it alone and Azurite read no option at all: every
 * query answered the whole table, and a listing of more than one page got its first page again
 * and again. Each request gets its parsed query string as its own `query` before Express sees it.
 */
function giveOwnQuery(request: IncomingMessage): void {
  if (!('query' in request)) return; // nothing patched the prototype: Express parses it
  const query = Object.fromEntries(new URL(request.url ?? '/', 'http://azurite').searchParams);
  Object.defineProperty(request, 'query', {
    value: query,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

/** One request the emulator served: what it was and how long it took, for benchmarks. */
export interface ServedRequest {
  readonly method: string;
  readonly path: string;
  /** When the request arrived, on this process's `performance.now()` clock. */
  readonly receivedAtMs: number;
  readonly durationMs: number;
}

type AzuriteTableServerClass = new (configuration: unknown) => AzuriteTableServer;
type AzuriteTableConfigurationClass = new (...positional: unknown[]) => unknown;

/** Azurite's well-known development account. Public by design: it only opens the local emulator. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedAzuriteOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Folder that keeps the data across restarts; absent keeps everything in memory. */
  readonly dataDir?: string;
  readonly host?: string;
}

export class EmbeddedAzurite {
  private constructor(
    private readonly server: AzuriteTableServer,
    /** The connection string that `@azure/data-tables` needs to reach this emulator. */
    readonly connectionString: string,
  ) {}

  /**
   * Starts the emulator and resolves once it listens.
   * @throws Error telling the reader to run `npm install` when Azurite is not installed (it is a
   *   development dependency: production uses a real storage account).
   */
  static async start(options: EmbeddedAzuriteOptions): Promise<EmbeddedAzurite> {
    const { TableServer, TableConfiguration } = loadAzurite();
    const host = options.host ?? '127.0.0.1';
    let dbPath = '';
    if (options.dataDir) {
      await fs.mkdir(options.dataDir, { recursive: true });
      dbPath = path.join(options.dataDir, '__azurite_db_table__.json');
    }
    const configuration = new TableConfiguration(
      host,
      options.port,
      undefined, // keep-alive timeout: Azurite's default
      dbPath,
      false, // debug log
      false, // access log
      undefined,
      undefined,
      false, // loose: stay as strict as Azure
      false, // skip API version check: no, the SDK's version must be supported
      '',
      '',
      '',
      undefined,
      false,
      !options.dataDir, // in-memory persistence when there is no folder
    );
    const server = new TableServer(configuration);
    await server.start();
    server.httpServer.prependListener('request', giveOwnQuery);
    // getHttpServerAddress() answers "http://host:port" with the real port even when 0 was asked.
    return new EmbeddedAzurite(server, azuriteConnectionString(server.getHttpServerAddress()));
  }

  /**
   * Calls `listener` for every request the emulator finishes serving. Benchmarks use it to count
   * storage round trips and the time spent in storage, without touching the app under test.
   */
  observeRequests(listener: (request: ServedRequest) => void): void {
    this.server.httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const receivedAtMs = performance.now();
      res.once('finish', () =>
        listener({
          method: req.method ?? '',
          path: (req.url ?? '').split('?')[0] ?? '',
          receivedAtMs,
          durationMs: performance.now() - receivedAtMs,
        }),
      );
    });
  }

  /** Stops listening and, when persisting, writes the data to disk. */
  async stop(): Promise<void> {
    await this.server.close();
  }
}

/** The connection string of the Azurite Table service listening at `address` (http://host:port). */
export function azuriteConnectionString(address: string): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_ACCOUNT_KEY};` +
    `TableEndpoint=${address}/${DEV_ACCOUNT};`
  );
}

function loadAzurite(): {
  TableServer: AzuriteTableServerClass;
  TableConfiguration: AzuriteTableConfigurationClass;
} {
  try {
    /* eslint-disable @typescript-eslint/no-require-imports -- Azurite has no typed entry point */
    const TableServer = require('azurite/dist/src/table/TableServer').default;
    const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default;
    /* eslint-enable @typescript-eslint/no-require-imports */
    return { TableServer, TableConfiguration };
  } catch (error) {
    throw new Error(
      'The embedded Azurite emulator is not installed. Run `npm install` (development), ' +
        'or set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL to use an Azure storage account.',
      { cause: error },
    );
  }
}
