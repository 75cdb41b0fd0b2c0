import http from 'node:http';
import { odata, TableClient, type TransactionAction } from '@azure/data-tables';
// The bot's HTTP server: loading it puts restify's methods on every http.IncomingMessage of this
// process, as in `npm start`, where the bot and the embedded emulator share one process.
import '../../teams/http-server';
import { EmbeddedAzurite } from '../../storage/embedded-azurite';

const PAGE = 1_000;
/** Rows in each of two partitions: one page and a tenth of another. */
const ROWS = 1_100;

/** The pages of a listing, at most `most` of them: a listing that never ends is cut short. */
async function pagesOf(table: TableClient, filter: string, most = 5): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of table.listEntities({ queryOptions: { filter } }).byPage()) {
    pages.push(page.map((row) => `${row.partitionKey} ${row.rowKey}`));
    if (pages.length === most) break;
  }
  return pages;
}

describe('the embedded Azurite, in one process with the bot', () => {
  let azurite: EmbeddedAzurite;
  let table: TableClient;
  beforeAll(async () => {
    azurite = await EmbeddedAzurite.start({ port: 0 });
    table = TableClient.fromConnectionString(azurite.connectionString, 'Groups', {
      allowInsecureConnection: true,
    });
    await table.createTable();
    for (const partitionKey of ['CCAG', 'TMAG']) {
      for (let start = 0; start < ROWS; start += 100) {
        const rows = Array.from({ length: 100 }, (_, i): TransactionAction => [
          'create',
          { partitionKey, rowKey: `action|${String(start + i).padStart(5, '0')}` },
        ]);
        await table.submitTransaction(rows);
      }
    }
  });
  afterAll(async () => {
    await azurite.stop();
  });

  it('runs where restify has patched every request, as in npm start', () => {
    // The premise of the two tests below: without it they would pass with or without the fix.
    expect(typeof (http.IncomingMessage.prototype as unknown as { query?: unknown }).query).toBe(
      'function',
    );
  });

  it('answers a query with the rows its filter names, no others', async () => {
    const filter = odata`PartitionKey eq ${'TMAG'} and RowKey ge ${'action|00010'} and RowKey lt ${'action|00013'}`;

    expect(await pagesOf(table, filter)).toEqual([
      ['TMAG action|00010', 'TMAG action|00011', 'TMAG action|00012'],
    ]);
  });

  it('follows a continuation to the next page instead of answering the first again', async () => {
    const pages = await pagesOf(table, odata`PartitionKey eq ${'CCAG'}`);

    expect(pages.map((page) => page.length)).toEqual([PAGE, ROWS - PAGE]);
    expect(pages[1]?.[0]).toBe('CCAG action|01000');
  });
});
