import { createAction } from '../../core/action';
import { loadConfig, type AppConfig } from '../../host/config';
import { TableActionStore } from '../../storage/table-action-store';
import { TableOperationStore } from '../../storage/table-operation-store';
import { TableStorage } from '../../storage/table-storage';
import { ADA, NOW, draft } from '../storage/contracts/contract-fixtures';
import { testConnectionString, uniqueTablePrefix } from '../support/test-storage';
import { cli, cliConfig, storedGroupRows } from './cli-harness';

const T0 = new Date('2022-03-16T09:00:00.000Z');
const days = (n: number) => new Date(T0.getTime() + n * 24 * 3600_000);

/** Records of clicks at T0 and at T0 + 20 days, written as the bot writes them. */
async function clicksIn(config: AppConfig) {
  const storage = new TableStorage(
    { connectionString: testConnectionString() },
    { tablePrefix: config.tablePrefix },
  );
  await storage.ensureTables();
  const operations = new TableOperationStore(storage.table('operations'));
  let clock = T0;
  const actions = new TableActionStore(storage.table('groups'), { now: () => clock });
  const add = (text: string, operationId: string) =>
    actions.addAction('CCAG', 3, (ref) => createAction(draft(text), ref, ADA, NOW), {
      operationId,
    });
  for (const [at, key] of [
    [T0, 'card-1:markDone'],
    [T0, 'card-2:markDone'],
    [days(20), 'card-3:markDone'],
  ] as const) {
    await operations.begin('19:chat@thread.v2', key, at, 60_000);
    await operations.finish('19:chat@thread.v2', key, { type: 'AdaptiveCard' }, at);
  }
  const old = await add('Share the pack', 'card-4:addAction');
  clock = days(20);
  const recent = await add('Book the room', 'card-5:addAction');
  return { operations, add, old, recent };
}

describe('npm run cli -- prune', () => {
  it('removes the records of clicks older than OPERATION_RETENTION_DAYS and prints how many', async () => {
    const config = cliConfig();
    const { operations, add, recent } = await clicksIn(config);

    const run = await cli(['prune', '--now', days(40).toISOString()], config);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Removed 3 rows recorded before 2022-03-26T09:00:00.000Z (OPERATION_RETENTION_DAYS=30): ' +
        '2 operation records, 1 add receipt.\n',
    );
    expect(await operations.get('19:chat@thread.v2', 'card-1:markDone')).toBeUndefined();
    expect(await operations.get('19:chat@thread.v2', 'card-3:markDone')).toBeDefined();
    // Both actions stay; the recent add is still answered from its receipt.
    const rows = await storedGroupRows(config);
    expect(rows.filter((row) => row.rowKey?.startsWith('action|'))).toHaveLength(2);
    expect(await add('Book the room', 'card-5:addAction')).toEqual(recent);

    const again = await cli(['prune', '--now', days(40).toISOString()], config);
    expect(again.stdout).toBe(
      'Removed 0 rows recorded before 2022-03-26T09:00:00.000Z (OPERATION_RETENTION_DAYS=30): ' +
        '0 operation records, 0 add receipts.\n',
    );
  });

  it('counts the window the setting gives back from now', async () => {
    const config = loadConfig({
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniqueTablePrefix(),
      OPERATION_RETENTION_DAYS: '7',
    });
    await clicksIn(config);

    const run = await cli(['prune'], config, { now: () => days(28) });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Removed 5 rows recorded before 2022-04-06T09:00:00.000Z (OPERATION_RETENTION_DAYS=7): ' +
        '3 operation records, 2 add receipts.\n',
    );
  });

  it.each([
    [['prune', 'all'], 'prune: unexpected argument "all"'],
    [['prune', '--now', 'yesterday'], 'prune: --now "yesterday" is not a time like'],
    [['prune', '--days', '3'], "prune: Unknown option '--days'"],
    [
      ['prune', '--now', '2222-03-30T09:00:00Z'],
      'prune: --now 2222-03-30T09:00:00.000Z is in the future',
    ],
  ])('refuses %j with its usage, touching nothing (exit 2)', async (argv, message) => {
    const config = cliConfig();
    const { operations } = await clicksIn(config);
    const before = await storedGroupRows(config);
    const run = await cli(argv, config);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run cli -- prune [--now <ISO time');
    expect(await storedGroupRows(config)).toEqual(before);
    expect(await operations.get('19:chat@thread.v2', 'card-1:markDone')).toBeDefined();
  });

  it('is listed in the usage', async () => {
    const run = await cli(['help'], cliConfig());
    expect(run.stdout).toContain(
      '  prune [--now <ISO time, e.g. 2022-03-30T09:00:00Z>]\n' +
        '      remove the records of clicks older than OPERATION_RETENTION_DAYS (the bot does it daily)\n',
    );
  });
});
