import { changeDueDate, createAction } from '../../core/action';
import { StorageUnavailableError } from '../../core/errors';
import { TableDueIndex } from '../../storage/table-due-index';
import type { TableStorage } from '../../storage/table-storage';
import { ADA } from '../support/activities';
import { ConnectorStub } from '../support/connector-stub';
import type { FaultProxy } from '../support/fault-proxy';
import {
  givePersonalChat,
  ownerFor,
  reminderStores,
  setUpGroup,
  sweepInstance,
  type ReminderStores,
} from '../support/reminder-fixture';
import { tablesThroughProxy } from './through-proxy';

// Wednesday 30 March 2022, 10:00 in London: the morning's reminders are due.
const NOW = new Date('2022-03-30T09:00:00Z');
const RAISED = new Date('2022-02-23T11:00:00Z');
const INDEX_WRITE = /^PUT \S*DueIndex\(/;
const INDEX_DELETE = /^DELETE \S*DueIndex\(/;

/**
 * The due index is another table than the actions, so no transaction spans both. These pin what
 * that must never cost: an action stored with a due date that no sweep finds.
 */
describe('the due index cannot lose an action (Azurite behind a fault proxy, the real sweep)', () => {
  let proxy: FaultProxy;
  let connector: ConnectorStub;
  let app: ReminderStores;
  let truth: ReminderStores;
  let adaChat: string;
  let direct: TableStorage;

  beforeEach(async () => {
    const tables = await tablesThroughProxy();
    proxy = tables.proxy;
    direct = tables.direct;
    connector = await ConnectorStub.start();
    app = reminderStores(tables.faulty);
    truth = reminderStores(tables.direct);
    await setUpGroup(truth, connector.serviceUrl);
    adaChat = await givePersonalChat(truth, connector.serviceUrl, ADA);
  });
  afterEach(async () => {
    await proxy.stop();
    await connector.stop();
  });

  const addFor = (due: string, text = 'Share the pack') =>
    app.actions.addAction('CCAG', 3, (ref) =>
      createAction(
        { area: 'Minutes', text, owners: [ownerFor(ADA)], due: { date: due } },
        ref,
        ADA,
        RAISED,
      ),
    );

  const remindersTo = (conversationId: string) =>
    connector.sentActivities.filter((call) =>
      call.path.startsWith(`/v3/conversations/${conversationId}/activities`),
    );

  it('the index write failing for one add: the add is saved and the action is reminded on its due date', async () => {
    proxy.failNext({ fault: 'refuse', request: INDEX_WRITE });
    const added = await addFor('2022-03-30');
    expect(proxy.stats.refused).toBe(1);

    const { sweep } = sweepInstance(truth, 'instance-a', { now: () => NOW });
    const report = await sweep.run();
    expect(report.sent).toBe(1);
    expect(remindersTo(adaChat)).toHaveLength(1);
    expect(JSON.stringify(remindersTo(adaChat)[0]?.body)).toContain(added.ref);
  });

  it('an index that cannot be written refuses the add with nothing saved, and its ref goes to the next add', async () => {
    proxy.failNext({ fault: 'refuse', request: INDEX_WRITE, times: 4 });
    await expect(addFor('2022-03-30', 'Lost')).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(await truth.actions.listMeetingActions('CCAG', 3)).toEqual([]);

    const kept = await addFor('2022-03-30', 'Kept');
    expect(kept.ref).toBe('CCAG03-01');
    const { sweep } = sweepInstance(truth, 'instance-a', { now: () => NOW });
    expect((await sweep.run()).sent).toBe(1);
  });

  it('a due date moved while the old entry could not be removed is reminded on the new date', async () => {
    const added = await addFor('2022-05-20');
    proxy.failNext({ fault: 'refuse', request: INDEX_DELETE, times: 4 });
    await app.actions.updateAction(added.ref, (current) =>
      changeDueDate(current, { date: '2022-03-30' }, ADA, RAISED),
    );
    expect(proxy.stats.refused).toBe(4);

    const { sweep } = sweepInstance(truth, 'instance-a', { now: () => NOW });
    expect((await sweep.run()).sent).toBe(1);
    expect(remindersTo(adaChat)).toHaveLength(1);
  });

  it('a sweep leaves an entry whose action may be on its way, and removes it once it is old', async () => {
    const orphan = createAction(
      {
        area: 'Minutes',
        text: 'never stored',
        owners: [ownerFor(ADA)],
        due: { date: '2022-03-30' },
      },
      { groupCode: 'CCAG', meetingNumber: 3, sequence: 7 },
      ADA,
      RAISED,
    );
    await truth.dueIndex.record(orphan);

    const fresh = sweepInstance(truth, 'instance-a', { now: () => NOW });
    expect((await fresh.sweep.run()).sent).toBe(0);
    expect((await truth.dueIndex.listDueBy('2022-03-30')).map((entry) => entry.ref)).toEqual([
      'CCAG03-07',
    ]);

    const later = new TableDueIndex(direct.table('dueIndex'), {
      now: () => Date.now() + 10 * 60_000,
    });
    const sweepLater = sweepInstance({ ...truth, dueIndex: later }, 'instance-a', {
      now: () => NOW,
    });
    await sweepLater.sweep.run();
    expect(await truth.dueIndex.listDueBy('2022-03-30')).toEqual([]);
  });
});
