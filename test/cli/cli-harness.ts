import { join } from 'node:path';
import { RestError, type TableEntityResult } from '@azure/data-tables';
import { loadConfig, type AppConfig } from '../../host/config';
import { runCli, type CliIo } from '../../cli/run-cli';
import type { Group } from '../../core/group';
import { TableGroupStore } from '../../storage/table-group-store';
import { TableStorage } from '../../storage/table-storage';
import { testConnectionString, uniqueTablePrefix } from '../support/test-storage';

/** The seed as an administrator would import it. */
export const SEED_FILE = join(__dirname, '..', 'fixtures', 'ccag003-headline-report.txt');

/** What one run of the command line printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stdoutBytes: Buffer;
  readonly stderr: string;
}

/** The settings the command line reads, on the test run's Azurite with tables of their own. */
export function cliConfig(tablePrefix: string = uniqueTablePrefix()): AppConfig {
  return loadConfig({
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: tablePrefix,
  });
}

/** Runs the command line in-process, as `npm run cli -- …argv` would, capturing its output. */
export async function cli(
  argv: readonly string[],
  config: AppConfig,
  io: Omit<CliIo, 'stdout' | 'stderr' | 'config'> = {},
): Promise<CliRun> {
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const capture = (chunks: Buffer[]) => ({
    write: (chunk: string | Uint8Array) => chunks.push(Buffer.from(chunk)),
  });
  const code = await runCli(argv, {
    ...io,
    stdout: capture(stdout),
    stderr: capture(stderr),
    config,
  });
  const stdoutBytes = Buffer.concat(stdout);
  return {
    code,
    stdout: stdoutBytes.toString('utf8'),
    stdoutBytes,
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
}

/**
 * Every row of the Groups table, as stored (ETags and timestamps included), in key order; none
 * when the table was never created (a command that stopped before opening storage).
 */
/** The group as the bot's own store reads it back. */
export async function storedGroup(config: AppConfig, code: string): Promise<Group | undefined> {
  const storage = new TableStorage(
    { connectionString: testConnectionString() },
    { tablePrefix: config.tablePrefix },
  );
  return new TableGroupStore(storage.table('groups')).getGroup(code);
}

export async function storedGroupRows(config: AppConfig): Promise<TableEntityResult<object>[]> {
  const storage = new TableStorage(
    { connectionString: testConnectionString() },
    { tablePrefix: config.tablePrefix },
  );
  const rows: TableEntityResult<object>[] = [];
  try {
    for await (const row of storage.table('groups').listEntities<object>()) rows.push(row);
  } catch (error) {
    if (error instanceof RestError && error.statusCode === 404) return [];
    throw error;
  }
  return rows;
}
