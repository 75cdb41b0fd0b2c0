import { startApp } from '../../host/start-app';
import { loadConfig } from '../../host/config';
import { TableOperationStore } from '../../storage/table-operation-store';
import { TableStorage } from '../../storage/table-storage';
import { CapturedLog } from '../support/test-app';
import { testConnectionString, uniqueTablePrefix } from '../support/test-storage';

const DAY_MS = 24 * 3600_000;

/** Resolves once the app has logged `message` (the test's own timeout bounds the wait). */
async function logged(log: CapturedLog, message: string): Promise<Record<string, unknown>> {
  for (;;) {
    const line = log.lines.find((each) => each.msg === message);
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the retention sweep in the bot process', () => {
  it('runs after start-up and forgets the operations older than OPERATION_RETENTION_DAYS', async () => {
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniqueTablePrefix(),
      REMINDER_SWEEP_INTERVAL_SECONDS: '0',
      OPERATION_RETENTION_DAYS: '30',
    });
    const storage = new TableStorage(
      { connectionString: testConnectionString() },
      { tablePrefix: config.tablePrefix },
    );
    await storage.ensureTables();
    const operations = new TableOperationStore(storage.table('operations'));
    const now = Date.now();
    await operations.begin(
      '19:chat@thread.v2',
      'card-old:markDone',
      new Date(now - 31 * DAY_MS),
      60_000,
    );
    await operations.begin(
      '19:chat@thread.v2',
      'card-new:markDone',
      new Date(now - 29 * DAY_MS),
      60_000,
    );

    const log = new CapturedLog();
    const app = await startApp(config, log.logger, {
      retentionSchedule: { firstAfterMs: 10, everyMs: DAY_MS },
    });
    try {
      expect(await logged(log, 'retention sweep scheduled')).toMatchObject({
        firstAfterMs: 10,
        everyMs: DAY_MS,
      });
      expect(await logged(log, 'retention sweep done')).toMatchObject({
        retentionDays: 30,
        forgotten: { operations: 1, receipts: 0 },
      });
    } finally {
      await app.stop();
    }
    expect(await operations.get('19:chat@thread.v2', 'card-old:markDone')).toBeUndefined();
    expect(await operations.get('19:chat@thread.v2', 'card-new:markDone')).toBeDefined();
  });

  it('is scheduled a minute after start-up, then daily, unless told otherwise', async () => {
    const log = new CapturedLog();
    const app = await startApp(
      loadConfig({
        HOST: '127.0.0.1',
        PORT: '0',
        STORAGE_CONNECTION_STRING: testConnectionString(),
        TABLE_PREFIX: uniqueTablePrefix(),
      }),
      log.logger,
    );
    await app.stop();
    expect(log.lines.find((line) => line.msg === 'retention sweep scheduled')).toMatchObject({
      firstAfterMs: 60_000,
      everyMs: DAY_MS,
    });
  });
});
