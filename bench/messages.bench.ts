import { EmbeddedAzurite } from '../storage/embedded-azurite';
import { ConnectorStub } from '../test/support/connector-stub';
import { message } from '../test/support/activities';
import { ChildServer } from './support/child-server';
import { figuresOf, runClosedLoop, type Figures } from './support/load';
import { printTable } from './support/report';

/**
 * `help` through POST /api/messages — restify, CloudAdapter, the activity handler, the conversation
 * upsert in Table Storage (Azurite) and the reply to a local connector stub — next to a bare
 * restify handler on the same machine in the same run.
 */
const REQUESTS = 2000;
const WARM_UP = 200;
const CONCURRENCY = 8;

interface Row extends Figures {
  readonly name: string;
  readonly peakRssMiB: number;
}

export async function benchMessages(): Promise<void> {
  const azurite = await EmbeddedAzurite.start({ port: 0 });
  const connector = await ConnectorStub.start();
  try {
    const rows: Row[] = [];
    rows.push(
      await measure(
        'bare restify handler (200 only)',
        'servers/bare-restify-server.ts',
        {},
        connector,
      ),
    );
    rows.push(
      await measure(
        'bare restify + one connector POST',
        'servers/bare-restify-server.ts',
        { BARE_REPLY: '1' },
        connector,
      ),
    );
    rows.push(
      await measure(
        'bot: help via CloudAdapter + storage',
        'servers/bot-server.ts',
        {
          HOST: '127.0.0.1',
          PORT: '0',
          STORAGE_CONNECTION_STRING: azurite.connectionString,
          TABLE_PREFIX: 'bench',
          LOG_LEVEL: 'silent',
        },
        connector,
      ),
    );
    const [bare, bareReply, bot] = rows as [Row, Row, Row];
    printTable(
      `POST /api/messages "help": ${REQUESTS} requests, ${CONCURRENCY} concurrent clients, loopback`,
      ['server', 'median ms', 'p99 ms', 'req/s', 'peak RSS MiB', 'failures'],
      rows.map((row) => [
        row.name,
        row.medianMs.toFixed(2),
        row.p99Ms.toFixed(2),
        row.requestsPerSecond.toFixed(0),
        row.peakRssMiB.toFixed(1),
        String(row.failures),
      ]),
    );
    printTable(
      'ratios (bot / baseline)',
      ['baseline', 'median', 'p99', 'req/s', 'peak RSS'],
      [bare, bareReply].map((base) => [
        base.name,
        `${(bot.medianMs / base.medianMs).toFixed(1)}x`,
        `${(bot.p99Ms / base.p99Ms).toFixed(1)}x`,
        `${(bot.requestsPerSecond / base.requestsPerSecond).toFixed(2)}x`,
        `${(bot.peakRssMiB / base.peakRssMiB).toFixed(1)}x`,
      ]),
    );
  } finally {
    await connector.stop();
    await azurite.stop();
  }
}

async function measure(
  name: string,
  entry: string,
  env: Record<string, string>,
  connector: ConnectorStub,
): Promise<Row> {
  const server = await ChildServer.start(entry, env);
  try {
    const send = async () => {
      connector.reset(); // the stub would otherwise keep every call in memory
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message('help', 'personal', { serviceUrl: connector.serviceUrl })),
      });
      await response.arrayBuffer();
      return response.status === 200;
    };
    await runClosedLoop(WARM_UP, CONCURRENCY, send);
    const result = await runClosedLoop(REQUESTS, CONCURRENCY, send);
    return { name, ...figuresOf(result), peakRssMiB: await server.peakRssMiB() };
  } finally {
    await server.stop();
  }
}
