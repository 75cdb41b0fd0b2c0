import { EmbeddedAzurite } from '../../storage/embedded-azurite';

/**
 * One in-memory Azurite for the whole test run (the real Table API, never a mock). Test files
 * isolate themselves with their own table prefix. Workers inherit the connection string.
 */
export default async function globalSetup(): Promise<void> {
  const azurite = await EmbeddedAzurite.start({ port: 0 });
  (globalThis as { __azurite__?: EmbeddedAzurite }).__azurite__ = azurite;
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
}
