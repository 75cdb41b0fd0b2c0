import { loadConfig } from '../host/config';
import { createLogger } from '../host/logger';
import { openStores } from '../host/open-stores';
import { CARD_VERBS } from '../cards/card-verbs';
import { parseDueDate } from '../core/due-date';
import { parseOwners } from '../core/owner';
import { EmbeddedAzurite, type ServedRequest } from '../storage/embedded-azurite';
import { ConnectorStub } from '../test/support/connector-stub';
import { message } from '../test/support/activities';
import { ChildServer } from './support/child-server';
import { percentile, runClosedLoop } from './support/load';
import { printTable } from './support/report';

/**
 * Adding an action through POST /api/messages (the form's Action.Execute invoke) against Azurite:
 * latency, actions per second on one instance, storage round trips per add, and the whole time
 * next to the storage time alone — both as the same storage calls take from a client in this
 * process (ActionService.contextOf + addAction, no bot around them) and as the emulator served them.
 */
const SEQUENTIAL_ADDS = 300;
const CONCURRENT_ADDS = 600;
const CONCURRENCY = 8;

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
    let connectorCalls = 0;
    const add = async () => {
      connectorCalls += connector.calls.length;
      connector.reset();
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(addInvoke(connector.serviceUrl, ++number)),
      });
      const body = (await response.json()) as { statusCode?: number };
      return response.status === 200 && body.statusCode === 200;
    };
    await runClosedLoop(20, 1, add); // sets the meeting up and warms up

    served.length = 0;
    connector.reset();
    connectorCalls = 0;
    const sequential = await runClosedLoop(SEQUENTIAL_ADDS, 1, add);
    connectorCalls += connector.calls.length;
    // Taken now: the concurrent run below goes on counting.
    const connectorCallsPerAdd = connectorCalls / SEQUENTIAL_ADDS;
    const storageCalls = served.length / SEQUENTIAL_ADDS;
    const storageMsPerAdd =
      served.reduce((sum, request) => sum + request.durationMs, 0) / SEQUENTIAL_ADDS;
    const meanMs =
      sequential.latenciesMs.reduce((a, b) => a + b, 0) / sequential.latenciesMs.length;

    const storageAloneMs = await storageAloneMeanMs(azurite.connectionString);
    const concurrent = await runClosedLoop(CONCURRENT_ADDS, CONCURRENCY, add);
    printTable(
      `add an action via POST /api/messages (Action.Execute addAction), one bot instance, Azurite`,
      ['run', 'adds', 'median ms', 'p99 ms', 'actions/s', 'failures'],
      [
        ['one at a time', sequential, 1] as const,
        [`${CONCURRENCY} members at once`, concurrent, CONCURRENCY] as const,
      ].map(([name, result]) => [
        name,
        String(result.requests),
        percentile(result.latenciesMs, 50).toFixed(2),
        percentile(result.latenciesMs, 99).toFixed(2),
        (result.requests / result.seconds).toFixed(0),
        String(result.failures),
      ]),
    );
    printTable(
      'where an add spends its time (one at a time)',
      [
        'storage round trips/add',
        'connector calls/add',
        'storage alone ms/add',
        'served by emulator ms/add',
        'whole ms/add (mean)',
        'whole / storage alone',
        'whole / served',
      ],
      [
        [
          storageCalls.toFixed(1),
          connectorCallsPerAdd.toFixed(1),
          storageAloneMs.toFixed(2),
          storageMsPerAdd.toFixed(2),
          meanMs.toFixed(2),
          `${(meanMs / storageAloneMs).toFixed(2)}x`,
          `${(meanMs / storageMsPerAdd).toFixed(2)}x`,
        ],
      ],
    );
  } finally {
    await bot.stop();
    await connector.stop();
    await azurite.stop();
  }
}

function addInvoke(serviceUrl: string, number: number) {
  const base = message('', 'meetingChat', { serviceUrl });
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    entities: undefined,
    replyToId: '1715000100000',
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

/** The storage work of an add with nothing around it: read the context, allocate and insert. */
async function storageAloneMeanMs(connectionString: string): Promise<number> {
  const config = loadConfig({
    STORAGE_CONNECTION_STRING: connectionString,
    TABLE_PREFIX: 'benchalone',
  });
  const stores = await openStores(config, createLogger('silent'));
  try {
    const person = { id: '29:bench', name: 'Bench' };
    const conversationId = '19:meeting_benchalone@thread.v2';
    await stores.service.setUpMeeting({
      conversationId,
      tenantId: 'bench-tenant',
      person,
      groupCode: 'CCAG',
      meetingNumber: 3,
      meetingChat: true,
    });
    const actor = { person, isChair: false };
    const draft = {
      area: 'Area',
      text: 'Benchmark action',
      owners: parseOwners('Programme (PMO)'),
      due: parseDueDate('23/03/22'),
    };
    const addOne = async () => {
      const context = await stores.service.contextOf(conversationId);
      if (!context) return false;
      await stores.service.addAction(context, draft, actor);
      return true;
    };
    await runClosedLoop(20, 1, addOne);
    const result = await runClosedLoop(SEQUENTIAL_ADDS, 1, addOne);
    return result.latenciesMs.reduce((a, b) => a + b, 0) / result.latenciesMs.length;
  } finally {
    await stores.close();
  }
}
