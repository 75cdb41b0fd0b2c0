import { randomBytes } from 'node:crypto';
import { TableStorage } from '../../storage/table-storage';

/** The Azurite the test run started (see global-setup.ts). */
export function testConnectionString(): string {
  const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!connectionString) {
    throw new Error('TEST_STORAGE_CONNECTION_STRING is not set: run the tests through jest');
  }
  return connectionString;
}

/** A fresh table prefix, so each test file (or test) has tables of its own. */
export function uniqueTablePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** Storage on the test run's Azurite with tables of its own, created. */
export async function freshTableStorage(): Promise<TableStorage> {
  const storage = new TableStorage(
    { connectionString: testConnectionString() },
    { tablePrefix: uniqueTablePrefix() },
  );
  await storage.ensureTables();
  return storage;
}
