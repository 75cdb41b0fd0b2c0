import type { TableClient, TransactionAction } from '@azure/data-tables';
import { createAction } from '../../core/action';
import { deleteRows } from '../../storage/aged-rows';
import { actionRow, discussionRow, receiptRow } from '../../storage/group-partition';
import { TableActionStore } from '../../storage/table-action-store';
import { TableAddReceiptStore } from '../../storage/table-add-receipt-store';
import { TableStorage } from '../../storage/table-storage';
import { SEED_FILE, cli, cliConfig } from '../cli/cli-harness';
import { freshTableStorage, testConnectionString } from '../support/test-storage';
import { ADA, NOW, draft } from './contracts/contract-fixtures';

/**
 * The retention sweep's Table-only side: raw rows as the service keeps them (ETags, Timestamps,
 * receipts written before `storedAt` existed). What every store does is in
 * ./contracts/add-receipt-store.contract.ts and operation-store.contract.ts.
 */
const HOUR_MS = 3600_000;
const isReceipt = (row: { rowKey: string }) => row.rowKey.startsWith('receipt|');

async function rowsOf(table: TableClient) {
  const rows: Array<{ partitionKey: string; rowKey: string; etag: string }> = [];
  for await (const row of table.listEntities()) {
    rows.push({
      partitionKey: String(row.partitionKey),
      rowKey: String(row.rowKey),
      etag: row.etag,
    });
  }
  return rows;
}

describe('retention on Azurite', () => {
  it('removes the receipts from a group’s partition and leaves every other row as it was, ETag included', async () => {
    const config = cliConfig();
    expect((await cli(['import', SEED_FILE], config)).code).toBe(0);
    const storage = new TableStorage(
      { connectionString: testConnectionString() },
      { tablePrefix: config.tablePrefix },
    );
    const groups = storage.table('groups');
    const at = new Date('2022-03-16T09:00:00.000Z');
    const actions = new TableActionStore(groups, { now: () => at });
    for (const n of [1, 2, 3]) {
      await actions.addAction('CCAG', 3, (ref) => createAction(draft(`add ${n}`), ref, ADA, NOW), {
        operationId: `card-${n}:addAction`,
      });
    }
    // A discussion item's receipt, as its store writes one.
    await groups.createEntity({
      partitionKey: 'CCAG',
      rowKey: receiptRow('discussion', 3, 'card-9:addDiscussionItem'),
      row: discussionRow(3, 1),
      storedAt: at.toISOString(),
    });
    const before = await rowsOf(groups);
    expect(before.filter(isReceipt)).toHaveLength(4);
    expect(before.filter((row) => !isReceipt(row)).length).toBeGreaterThan(30);

    // A cutoff past every row's Timestamp: only the kind of row keeps the others.
    const century = new Date(Date.now() + 100 * 365 * 24 * HOUR_MS);
    expect(await new TableAddReceiptStore(groups).forgetBefore(century)).toBe(4);

    expect(await rowsOf(groups)).toEqual(before.filter((row) => !isReceipt(row)));
  });

  it('ages a receipt stored before storedAt existed by the service’s Timestamp, and keeps one whose time cannot be read', async () => {
    const groups = (await freshTableStorage()).table('groups');
    const legacy = receiptRow('action', 3, 'card-1:addAction');
    const garbled = receiptRow('action', 3, 'card-2:addAction');
    await groups.createEntity({ partitionKey: 'CCAG', rowKey: legacy, row: actionRow(3, 1) });
    await groups.createEntity({
      partitionKey: 'CCAG',
      rowKey: garbled,
      row: actionRow(3, 2),
      storedAt: 'last Tuesday',
    });
    const receipts = new TableAddReceiptStore(groups);

    expect(await receipts.forgetBefore(new Date(Date.now() - HOUR_MS))).toBe(0);
    expect(await receipts.forgetBefore(new Date(Date.now() + HOUR_MS))).toBe(1);

    expect((await rowsOf(groups)).map((row) => row.rowKey)).toEqual([garbled]);
  });

  it('deletes old receipts across partitions as the listing arrives, young ones and other rows kept', async () => {
    const groups = (await freshTableStorage()).table('groups');
    const old = new Date(Date.now() - 40 * 24 * HOUR_MS).toISOString();
    const young = new Date().toISOString();
    const kept: string[] = [];
    for (const group of ['CCAG', 'REC', 'TMAG']) {
      // 130 old receipts per group (two transactions of deletes), a young one between them.
      const rows = Array.from({ length: 131 }, (_, n) => ({
        partitionKey: group,
        rowKey: receiptRow('action', 3, `card-${String(n).padStart(3, '0')}:addAction`),
        row: actionRow(3, n + 1),
        storedAt: n === 65 ? young : old,
      }));
      rows.push({ partitionKey: group, rowKey: actionRow(3, 1), row: '', storedAt: old });
      for (let start = 0; start < rows.length; start += 100) {
        await groups.submitTransaction(
          rows.slice(start, start + 100).map((row): TransactionAction => ['create', row]),
        );
      }
      kept.push(`${group} ${rows[65]?.rowKey}`, `${group} ${actionRow(3, 1)}`);
    }

    const cutoff = new Date(Date.now() - 30 * 24 * HOUR_MS);
    expect(await new TableAddReceiptStore(groups).forgetBefore(cutoff)).toBe(3 * 130);

    const left = (await rowsOf(groups)).map((row) => `${row.partitionKey} ${row.rowKey}`);
    expect(left.sort()).toEqual(kept.sort());
  });

  it('sends no delete once told to stop (the app is stopping), and leaves the rows to the next sweep', async () => {
    const groups = (await freshTableStorage()).table('groups');
    const old = new Date(Date.now() - 40 * 24 * HOUR_MS).toISOString();
    await groups.submitTransaction(
      Array.from({ length: 20 }, (_, n): TransactionAction => [
        'create',
        {
          partitionKey: 'CCAG',
          rowKey: receiptRow('action', 3, `card-${n}:addAction`),
          row: actionRow(3, n + 1),
          storedAt: old,
        },
      ]),
    );
    const receipts = new TableAddReceiptStore(groups);
    const cutoff = new Date(Date.now() - 30 * 24 * HOUR_MS);

    expect(await receipts.forgetBefore(cutoff, AbortSignal.abort())).toBe(0);
    expect(await rowsOf(groups)).toHaveLength(20);
    expect(await receipts.forgetBefore(cutoff, new AbortController().signal)).toBe(20);
  });

  it('a transaction naming a row deleted meanwhile still deletes the others', async () => {
    const table = (await freshTableStorage()).table('operations');
    const keys = Array.from({ length: 150 }, (_, n) => `key-${String(n).padStart(3, '0')}`);
    for (const rowKey of keys) await table.createEntity({ partitionKey: 'scope', rowKey });
    await table.createEntity({ partitionKey: 'scope', rowKey: 'kept' });
    // Gone before the sweep's delete: one in each transaction of 100.
    await table.deleteEntity('scope', 'key-007');
    await table.deleteEntity('scope', 'key-140');

    expect(await deleteRows(table, 'scope', keys, 'forget old rows')).toBe(148);

    expect((await rowsOf(table)).map((row) => row.rowKey)).toEqual(['kept']);
  });
});
