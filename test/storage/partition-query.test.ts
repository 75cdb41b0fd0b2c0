import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { odata, TableClient, type TransactionAction } from '@azure/data-tables';
import { StorageUnavailableError } from '../../core/errors';
import { listedRows, listRows } from '../../storage/partition-query';
import { testConnectionString, uniqueTablePrefix } from '../support/test-storage';

/** More rows than one page holds (1,000), so a listing needs its continuation. */
const ROWS = 1_050;
const rowKey = (n: number) => `action|0003|${String(n).padStart(5, '0')}`;

async function tableWithRows(connectionString: string, name: string): Promise<TableClient> {
  const table = TableClient.fromConnectionString(connectionString, name, {
    allowInsecureConnection: true,
  });
  await table.createTable();
  for (let start = 1; start <= ROWS; start += 100) {
    const batch = Array.from(
      { length: Math.min(100, ROWS - start + 1) },
      (_, i): TransactionAction => [
        'create',
        { partitionKey: 'CCAG', rowKey: rowKey(start + i), text: `Action ${start + i}` },
      ],
    );
    await table.submitTransaction(batch);
  }
  return table;
}

/**
 * An HTTP proxy in front of Azurite that disturbs continued queries (those carrying NextRowKey):
 *
 * - `forget`: drops the continuation (NextPartitionKey, NextRowKey), so storage answers each page
 *   with the first one and its continuation again, as an Azurite sharing a process with restify
 *   did;
 * - `emptyPages`: answers the first `count` of them with an empty page whose continuation is the
 *   one asked for, as Azure may when a query runs out of time; then lets them through.
 */
async function disturbingProxy(
  connectionString: string,
  disturbance: 'forget' | { readonly emptyPages: number } = 'forget',
) {
  const match = /TableEndpoint=http:\/\/([^:/]+):(\d+)\//.exec(connectionString);
  if (!match) throw new Error('no http TableEndpoint in the connection string');
  const [, host, port] = match;
  let queries = 0;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://proxy');
    const nextPartitionKey = url.searchParams.get('NextPartitionKey');
    const nextRowKey = url.searchParams.get('NextRowKey');
    if (nextRowKey !== null) queries++;
    if (disturbance !== 'forget' && nextRowKey !== null && queries <= disturbance.emptyPages) {
      request.resume();
      response.writeHead(200, {
        'content-type': 'application/json;odata=nometadata',
        'x-ms-continuation-NextPartitionKey': nextPartitionKey ?? '',
        'x-ms-continuation-NextRowKey': nextRowKey,
      });
      response.end(JSON.stringify({ value: [] }));
      return;
    }
    if (disturbance === 'forget') {
      url.searchParams.delete('NextPartitionKey');
      url.searchParams.delete('NextRowKey');
    }
    const upstream = http.request(
      {
        host,
        port: Number(port),
        method: request.method,
        path: url.pathname + url.search,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyPort = (server.address() as AddressInfo).port;
  return {
    connectionString: connectionString.replace(`:${port}/`, `:${proxyPort}/`),
    continuedQueries: () => queries,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('listing one partition (Azurite)', () => {
  const name = `${uniqueTablePrefix()}Groups`;
  let table: TableClient;
  beforeAll(async () => {
    table = await tableWithRows(testConnectionString(), name);
    await table.submitTransaction(
      Array.from({ length: 10 }, (_, i): TransactionAction => [
        'create',
        { partitionKey: 'TMAG', rowKey: rowKey(i + 1) },
      ]),
    );
  });

  it('follows the pages to the end and gives every row once, in RowKey order', async () => {
    const rows = await listRows(table, 'CCAG', 'action|0003|', 'list actions');

    expect(rows).toHaveLength(ROWS);
    expect(rows.map((row) => row.rowKey)).toEqual(
      Array.from({ length: ROWS }, (_, i) => rowKey(i + 1)),
    );
  });

  it('refuses a listing that goes round instead of paging for ever', async () => {
    const proxy = await disturbingProxy(testConnectionString());
    try {
      const looping = TableClient.fromConnectionString(proxy.connectionString, name, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: 0 },
      });

      const listing = listRows(looping, 'CCAG', 'action|0003|', 'list actions');

      await expect(listing).rejects.toThrow(StorageUnavailableError);
      await expect(listing).rejects.toThrow(/no new row/);
      // Refused after a few pages, each retry of the read included, not after thousands.
      expect(proxy.continuedQueries()).toBeLessThan(50);
    } finally {
      await proxy.stop();
    }
  });

  it('follows a listing through a run of empty pages with a continuation, as Azure may send them', async () => {
    const proxy = await disturbingProxy(testConnectionString(), { emptyPages: 30 });
    try {
      const slow = TableClient.fromConnectionString(proxy.connectionString, name, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: 0 },
      });
      const listing = slow.listEntities({
        queryOptions: { filter: odata`RowKey ge ${'action|'}` },
      });

      let count = 0;
      for await (const row of listedRows(listing, 'list every action')) if (row.rowKey) count++;

      expect(proxy.continuedQueries()).toBeGreaterThan(30);
      expect(count).toBe(ROWS + 10);
    } finally {
      await proxy.stop();
    }
  });

  it('refuses a listing that sends nothing but empty pages', async () => {
    const proxy = await disturbingProxy(testConnectionString(), { emptyPages: Infinity });
    try {
      const stuck = TableClient.fromConnectionString(proxy.connectionString, name, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: 0 },
      });

      const listing = listRows(stuck, 'CCAG', 'action|0003|', 'list actions');

      await expect(listing).rejects.toThrow(/list actions: storage kept sending empty pages/);
      expect(proxy.continuedQueries()).toBeLessThan(1100);
    } finally {
      await proxy.stop();
    }
  });

  it('gives every row of a listing across partitions once, in key order', async () => {
    const listing = table.listEntities({ queryOptions: { filter: odata`RowKey ge ${'action|'}` } });

    const keys: string[] = [];
    for await (const row of listedRows(listing, 'list every action')) {
      keys.push(`${row.partitionKey} ${row.rowKey}`);
    }

    expect(keys).toEqual([
      ...Array.from({ length: ROWS }, (_, i) => `CCAG ${rowKey(i + 1)}`),
      ...Array.from({ length: 10 }, (_, i) => `TMAG ${rowKey(i + 1)}`),
    ]);
  });

  it('refuses any listing that goes round, not only a partition range', async () => {
    const proxy = await disturbingProxy(testConnectionString());
    try {
      const looping = TableClient.fromConnectionString(proxy.connectionString, name, {
        allowInsecureConnection: true,
        retryOptions: { maxRetries: 0 },
      });
      const listing = looping.listEntities({ queryOptions: { filter: odata`RowKey ge ${'a'}` } });

      const reading = (async () => {
        for await (const row of listedRows(listing, 'list every action')) void row;
      })();

      await expect(reading).rejects.toThrow(/list every action: storage kept sending pages/);
      expect(proxy.continuedQueries()).toBeLessThan(20);
    } finally {
      await proxy.stop();
    }
  });
});
