import { TableClient } from '@azure/data-tables';
import { runClosedLoop } from './load';

/**
 * Raw Table round trips on an emulator, with nothing around them: the two
 * requests an add makes, sent through the SDK alone — an upsert of an index-sized row, and a
 * transaction that updates a counter and inserts an action-sized row — one after the other.
 */
export class RawRoundTrips {
  private sent = 0;

  private constructor(private readonly table: TableClient) {}

  /** `tableName`: a table of this instance's own (its rows are created, never twice). */
  static async open(connectionString: string, tableName: string): Promise<RawRoundTrips> {
    const table = TableClient.fromConnectionString(connectionString, tableName, {
      allowInsecureConnection: true,
    });
    await table.createTable();
    await table.upsertEntity(RAW_COUNTER, 'Replace');
    const raw = new RawRoundTrips(table);
    await raw.meanMs(20); // warms up
    return raw;
  }

  /** The mean of `count` round trips, half of each kind. */
  async meanMs(count: number): Promise<number> {
    const result = await runClosedLoop(count, 1, () => this.once(this.sent++));
    return result.latenciesMs.reduce((sum, ms) => sum + ms, 0) / count;
  }

  private async once(index: number): Promise<boolean> {
    if (index % 2 === 0) {
      await this.table.upsertEntity(
        {
          partitionKey: '2022-03-23',
          rowKey: `CCAG03-${index}`,
          ref: 'CCAG03-01',
          groupCode: 'CCAG',
        },
        'Replace',
      );
    } else {
      await this.table.submitTransaction([
        ['update', { ...RAW_COUNTER, last: index }, 'Replace'],
        [
          'create',
          {
            partitionKey: 'CCAG',
            rowKey: `row${index}`,
            ref: 'CCAG03-01',
            text: 'Benchmark action '.repeat(8),
            ownersJson: JSON.stringify([{ display: 'Programme (PMO)' }]),
            history0: 'x'.repeat(600),
          },
        ],
      ]);
    }
    return true;
  }
}

const RAW_COUNTER = { partitionKey: 'CCAG', rowKey: 'counter', last: 0 };
