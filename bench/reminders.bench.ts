import type { TableClient, TransactionAction } from '@azure/data-tables';
import { createAction } from '../core/action';
import { createGroup } from '../core/group';
import type { ReminderSender } from '../core/reminders/reminder-sweep';
import { ReminderSweep } from '../core/reminders/reminder-sweep';
import { renderReminderDigest } from '../cards/reminders/reminder-card';
import { renderChannelDigest } from '../cards/reminders/reminder-digest-card';
import { createLogger } from '../host/logger';
import { toActionEntity } from '../storage/action-entity';
import { EmbeddedAzurite } from '../storage/embedded-azurite';
import { actionRow } from '../storage/group-partition';
import { TableActionStore } from '../storage/table-action-store';
import { TableConversationDirectory } from '../storage/table-conversation-directory';
import { TableDueIndex } from '../storage/table-due-index';
import { TableGroupStore } from '../storage/table-group-store';
import { TableReminderClaims } from '../storage/table-reminder-claims';
import { TableStorage, type TableName } from '../storage/table-storage';
import { encodeKey } from '../storage/table-keys';
import { printTable } from './support/report';

/**
 * The reminder sweep over 100,000 stored actions of which 200 are due, next to the same sweep
 * over 1,000 stored actions with the same 200 due, against an in-process Azurite. Every storage
 * request is counted (a pipeline policy on each table client), and so is every entity read.
 * Sending is a no-op stand-in: this measures what the sweep reads and writes.
 */
const DUE = 200;
const NOW = new Date('2022-03-30T09:00:00Z');
const GROUPS = 20;

interface Counter {
  requests: number;
  entities: number;
}

export async function benchReminders(): Promise<void> {
  const azurite = await EmbeddedAzurite.start({ port: 0 });
  try {
    const large = Number(process.env.BENCH_REMINDER_ACTIONS ?? 100_000);
    const rows = [];
    for (const stored of [1_000, large]) rows.push(await measure(azurite.connectionString, stored));
    const [small, big] = rows;
    printTable(
      `Reminder sweep: ${DUE} due, stored actions varied (Azurite in-process)`,
      ['stored actions', 'seed s', 'sweep ms', 'storage requests', 'entities read', 'sent'],
      rows.map((row) => [
        String(row.stored),
        (row.seedMs / 1000).toFixed(1),
        row.sweepMs.toFixed(0),
        String(row.counter.requests),
        String(row.counter.entities),
        String(row.sent),
      ]),
    );
    if (small && big) {
      console.log(
        `ratio ${big.stored / small.stored}x stored: time ${(big.sweepMs / small.sweepMs).toFixed(2)}x, ` +
          `requests ${(big.counter.requests / small.counter.requests).toFixed(2)}x, ` +
          `entities read ${(big.counter.entities / small.counter.entities).toFixed(2)}x`,
      );
    }
  } finally {
    await azurite.stop();
  }
}

async function measure(connectionString: string, stored: number) {
  const counter: Counter = { requests: 0, entities: 0 };
  const storage = new TableStorage(
    { connectionString },
    { tablePrefix: `b${stored}${Date.now().toString(36)}` },
  );
  await storage.ensureTables();
  const seedStart = performance.now();
  await seed(storage, stored);
  const seedMs = performance.now() - seedStart;
  const table = (name: TableName) => counted(storage.table(name), counter);
  const log = createLogger('silent');
  const noSend: ReminderSender = { send: async () => ({ attempts: 1 }), stats: { retries: 0 } };
  const sweep = new ReminderSweep({
    groups: new TableGroupStore(table('groups')),
    actions: new TableActionStore(table('groups')),
    dueIndex: new TableDueIndex(table('dueIndex')),
    claims: new TableReminderClaims(table('reminders')),
    directory: new TableConversationDirectory(table('conversations')),
    sender: noSend,
    render: renderReminderDigest,
    renderDigest: renderChannelDigest,
    instanceId: 'bench',
    log,
    now: () => NOW,
  });
  const start = performance.now();
  const report = await sweep.run();
  const sweepMs = performance.now() - start;
  return { stored, seedMs, sweepMs, counter, sent: report.sent + report.failed };
}

/** Counts requests and the entities in each response (a query page's `value`, or one entity). */
function counted(table: TableClient, counter: Counter): TableClient {
  table.pipeline.addPolicy({
    name: 'countRequests',
    async sendRequest(request, next) {
      counter.requests++;
      const response = await next(request);
      if (request.method === 'GET' && response.status === 200 && response.bodyAsText) {
        try {
          const body = JSON.parse(response.bodyAsText) as { value?: unknown[] };
          counter.entities += Array.isArray(body.value) ? body.value.length : 1;
        } catch {
          // not JSON: nothing read
        }
      }
      return response;
    },
  });
  return table;
}

/** `stored` open actions over GROUPS groups; DUE of them due this week, the rest in 2023. */
async function seed(storage: TableStorage, stored: number): Promise<void> {
  const groups = new TableGroupStore(storage.table('groups'));
  const groupsTable = storage.table('groups');
  const indexTable = storage.table('dueIndex');
  const byGroup = new Map<string, TransactionAction[]>();
  const byDate = new Map<string, TransactionAction[]>();
  for (let g = 0; g < GROUPS; g++) {
    await groups.createGroupIfMissing(createGroup({ code: groupCodeOf(g), name: `Group ${g}` }));
  }
  for (let i = 0; i < stored; i++) {
    const groupCode = groupCodeOf(i % GROUPS);
    const sequence = Math.floor(i / GROUPS);
    const meetingNumber = 1 + Math.floor(sequence / 90_000);
    const ref = { groupCode, meetingNumber, sequence: (sequence % 90_000) + 1 };
    const due =
      i < DUE ? `2022-03-${String(24 + (i % 7)).padStart(2, '0')}` : `2023-0${1 + (i % 9)}-15`;
    const action = createAction(
      {
        area: 'Area',
        text: `Action ${i}`,
        owners: [
          {
            display: `Owner ${i % 50}`,
            teamsUsers: [{ id: `29:u${i % 50}`, name: `Owner ${i % 50}` }],
          },
        ],
        due: { date: due },
      },
      ref,
      { id: 'cli', name: 'bench' },
      new Date('2022-02-01T00:00:00Z'),
    );
    const key = {
      partitionKey: encodeKey(groupCode),
      rowKey: actionRow(ref.meetingNumber, ref.sequence),
    };
    push(byGroup, key.partitionKey, ['create', toActionEntity(action, key)]);
    push(byDate, due, [
      'create',
      { partitionKey: due, rowKey: encodeKey(action.ref), ref: action.ref, groupCode },
    ]);
  }
  await flush(groupsTable, byGroup);
  await flush(indexTable, byDate);
}

function push(map: Map<string, TransactionAction[]>, key: string, action: TransactionAction) {
  const list = map.get(key) ?? [];
  list.push(action);
  map.set(key, list);
}

// One transaction holds at most 100 operations, all in one partition; partitions run in parallel.
async function flush(table: TableClient, byPartition: Map<string, TransactionAction[]>) {
  await Promise.all(
    [...byPartition.values()].map(async (actions) => {
      for (let start = 0; start < actions.length; start += 100) {
        await table.submitTransaction(actions.slice(start, start + 100));
      }
    }),
  );
}

// Group codes are letters only (CCAG): GAA, GAB, …
function groupCodeOf(index: number): string {
  return `GA${String.fromCharCode(65 + index)}`;
}
