import { TableClient } from '@azure/data-tables';
import { CARD_VERBS } from '../cards/card-verbs';
import { EmbeddedAzurite, type ServedRequest } from '../storage/embedded-azurite';
import { ConnectorStub } from '../test/support/connector-stub';
import { message } from '../test/support/activities';
import { ChildServer } from './support/child-server';
import { percentile, runClosedLoop, type LoadResult } from './support/load';
import { printTable } from './support/report';

/**
 * Adding an action the way a member does — the form's Action.Execute invoke, POST /api/messages —
 * against Azurite, one bot instance. It prints, each beside its goal (issue 12) and the value
 * measured before the add path was reworked:
 *
 * - storage round trips per add, counted where the emulator serves them;
 * - the whole add (HTTP in, answer out) ÷ the same number of raw Table round trips made from this
 *   process on the same emulator (a point read and an insert of an action-sized entity, averaged);
 * - 100 adds at once ÷ the same 100 adds one after another, wall time, and the burst's p99.
 */
const ADDS = 100;
const WARM_UP = 20;
const RAW_ROUND_TRIPS = 200;

/**
 * Measured on this 2-core machine before the rework (this bench on `main` 81a2d04): the median of
 * three runs. The burst figures are noisy on a shared machine: 1.13–5.45 and 1.9–7.9 s.
 */
const BEFORE = {
  roundTripsPerAdd: 6,
  connectorCallsPerAdd: 3,
  wholeOverRaw: 2.03,
  burstOverSequential: 2.52,
  burstP99Ms: 5079,
} as const;

const GOALS = {
  roundTripsPerAdd: '≤ 2',
  connectorCallsPerAdd: '0',
  wholeOverRaw: '≤ 1.5x',
  burstOverSequential: '≤ 0.5',
  burstP99Ms: '',
} as const;

export async function benchAddAction(): Promise<void> {
  const azurite = await EmbeddedAzurite.start({ port: 0 });
  const served: ServedRequest[] = [];
  azurite.observeRequests((request) => served.push(request));
  const connector = await ConnectorStub.start();
  const bot = await ChildServer.start('servers/bot-server.ts', {
    HOST: '127.0.0.1',
    PORT: '0',
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    TABLE_PREFIX: 'benchadd',
    LOG_LEVEL: 'silent',
  });
  try {
    let number = 0;
    const add = async () => {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(addInvoke(connector.serviceUrl, ++number)),
      });
      const body = (await response.json()) as { statusCode?: number };
      return response.status === 200 && body.statusCode === 200;
    };
    await runClosedLoop(WARM_UP, 1, add); // sets the meeting up and warms up

    served.length = 0;
    connector.reset();
    const sequential = await runClosedLoop(ADDS, 1, add);
    const roundTripsPerAdd = served.length / ADDS;
    const connectorCallsPerAdd = connector.calls.length / ADDS;
    const wholeMeanMs = mean(sequential.latenciesMs);

    const rawMs = await rawRoundTripMeanMs(azurite.connectionString);
    const burst = await runClosedLoop(ADDS, ADDS, add);
    const burstOverSequential = burst.seconds / sequential.seconds;
    const wholeOverRaw = wholeMeanMs / (roundTripsPerAdd * rawMs);

    printTable(
      `add an action via POST /api/messages (Action.Execute addAction), one bot instance, Azurite`,
      ['run', 'adds', 'wall s', 'median ms', 'p99 ms', 'failures'],
      [
        ['one at a time', sequential],
        [`${ADDS} at once`, burst],
      ].map(([name, result]) => row(name as string, result as LoadResult)),
    );
    printTable(
      `the add path against its goals (raw Table round trip: ${rawMs.toFixed(2)} ms on this emulator)`,
      ['figure', 'now', 'goal', 'before'],
      [
        [
          'storage round trips per add',
          roundTripsPerAdd.toFixed(1),
          GOALS.roundTripsPerAdd,
          String(BEFORE.roundTripsPerAdd),
        ],
        [
          'connector calls per add (the lead removes them)',
          connectorCallsPerAdd.toFixed(1),
          GOALS.connectorCallsPerAdd,
          String(BEFORE.connectorCallsPerAdd),
        ],
        [
          'whole add ÷ its round trips made raw',
          `${wholeOverRaw.toFixed(2)}x`,
          GOALS.wholeOverRaw,
          `${BEFORE.wholeOverRaw.toFixed(2)}x`,
        ],
        [
          `${ADDS} at once ÷ ${ADDS} one at a time (wall)`,
          burstOverSequential.toFixed(2),
          GOALS.burstOverSequential,
          BEFORE.burstOverSequential.toFixed(2),
        ],
        [
          `p99 of ${ADDS} at once, ms`,
          percentile(burst.latenciesMs, 99).toFixed(0),
          GOALS.burstP99Ms || '-',
          BEFORE.burstP99Ms.toFixed(0),
        ],
      ],
    );
  } finally {
    await bot.stop();
    await connector.stop();
    await azurite.stop();
  }
}

function row(name: string, result: LoadResult): string[] {
  return [
    name,
    String(result.requests),
    result.seconds.toFixed(2),
    percentile(result.latenciesMs, 50).toFixed(1),
    percentile(result.latenciesMs, 99).toFixed(1),
    String(result.failures),
  ];
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function addInvoke(serviceUrl: string, number: number) {
  const base = message('', 'meetingChat', { serviceUrl });
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    entities: undefined,
    // Each member submits their own form card.
    replyToId: String(1715000100000 + number),
    value: {
      action: {
        type: 'Action.Execute',
        verb: CARD_VERBS.addAction,
        data: {
          area: `Area ${number % 5}`,
          text: `Benchmark action ${number}`,
          owner: 'Programme (PMO)',
          due: '23/03/22',
          update: '',
          groupCode: 'CCAG',
          meetingNumber: '3',
        },
      },
      trigger: 'manual',
    },
  };
}

/**
 * One raw Table round trip on this emulator, from this process, with nothing around it: the mean
 * of point reads and inserts of an entity the size of a stored action.
 */
async function rawRoundTripMeanMs(connectionString: string): Promise<number> {
  const table = TableClient.fromConnectionString(connectionString, 'benchraw', {
    allowInsecureConnection: true,
  });
  await table.createTable();
  const entity = (rowKey: string) => ({
    partitionKey: 'CCAG',
    rowKey,
    ref: 'CCAG03-01',
    text: 'Benchmark action '.repeat(8),
    ownersJson: JSON.stringify([{ display: 'Programme (PMO)' }]),
    history0: 'x'.repeat(600),
  });
  await table.createEntity(entity('warm'));
  const once = async (index: number) => {
    if (index % 2 === 0) await table.getEntity('CCAG', 'warm');
    else await table.createEntity(entity(`row${index}`));
    return true;
  };
  await runClosedLoop(20, 1, (index) => once(index + RAW_ROUND_TRIPS));
  const result = await runClosedLoop(RAW_ROUND_TRIPS, 1, once);
  return mean(result.latenciesMs);
}
