import { addUpdate, createAction, type ActionDraft } from '../../core/action';
import { createDiscussionItem } from '../../core/discussion-item';
import { OutcomeUnknownError, StorageUnavailableError } from '../../core/errors';
import { parseOwners } from '../../core/owner';
import type { Person } from '../../core/person';
import { TableActionStore } from '../../storage/table-action-store';
import { TableDiscussionStore } from '../../storage/table-discussion-store';
import { TableGroupStore } from '../../storage/table-group-store';
import { TableOperationStore } from '../../storage/table-operation-store';
import { createGroup } from '../../core/group';
import type { FaultProxy } from '../support/fault-proxy';
import { tablesThroughProxy } from './through-proxy';

const ADA: Person = { id: '29:ada', name: 'Ada Lovelace' };
const NOW = new Date('2022-02-23T11:00:00Z');
const draft = (text: string): ActionDraft => ({
  area: 'Horizon Scanning',
  text,
  owners: parseOwners('Programme (PMO)'),
});

/** Stores through the proxy, and the same tables read directly. */
async function setUp(requestTimeoutMs?: number) {
  const { proxy, direct, faulty } = await tablesThroughProxy(
    requestTimeoutMs ? { requestTimeoutMs } : {},
  );
  return {
    proxy,
    actions: new TableActionStore(faulty.table('groups')),
    discussion: new TableDiscussionStore(faulty.table('groups')),
    groups: new TableGroupStore(faulty.table('groups')),
    operations: new TableOperationStore(faulty.table('operations')),
    stored: new TableActionStore(direct.table('groups')),
    storedDiscussion: new TableDiscussionStore(direct.table('groups')),
    storedGroups: new TableGroupStore(direct.table('groups')),
  };
}

const BATCH = /^POST \S*\$batch/;
const REPLACE = /^PUT \S*Groups\(/;
const READ = /^GET \S*Groups\(/;

describe('a write whose answer is lost is settled by reading back (Azurite behind a fault proxy)', () => {
  let proxy: FaultProxy;
  afterEach(async () => {
    await proxy.stop();
  });

  it('an add whose answer is lost is answered with the stored action, and takes one ref', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    proxy.failNext({ fault: 'dropAnswer', request: BATCH });
    const added = await subject.actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Share the pack'), ref, ADA, NOW),
    );
    expect(added.ref).toBe('CCAG03-01');
    expect(proxy.stats.droppedAnswers).toBe(1);
    const next = await subject.actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Book the room'), ref, ADA, NOW),
    );
    expect(next.ref).toBe('CCAG03-02');
    const stored = await subject.stored.listMeetingActions('CCAG', 3);
    expect(stored.map((action) => [action.ref, action.text])).toEqual([
      ['CCAG03-01', 'Share the pack'],
      ['CCAG03-02', 'Book the room'],
    ]);
  });

  it('a click’s add whose answer is lost, clicked again on another instance, is stored once', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    proxy.failNext({ fault: 'dropAnswer', request: BATCH });
    const click = { operationId: 'op-addAction-lost' };
    const build = (ref: Parameters<typeof createAction>[1]) =>
      createAction(draft('Share the pack'), ref, ADA, NOW);
    const added = await subject.actions.addAction('CCAG', 3, build, click);
    expect(proxy.stats.droppedAnswers).toBe(1);
    // Teams delivers the invoke again, to an instance that knows nothing of the first.
    const again = await subject.stored.addAction('CCAG', 3, build, click);
    expect(again).toEqual(added);
    const stored = await subject.stored.listMeetingActions('CCAG', 3);
    expect(stored.map((action) => action.ref)).toEqual(['CCAG03-01']);
  });

  it('an update whose answer is lost is appended once, and answered as saved', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    const action = await subject.actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Share the pack'), ref, ADA, NOW),
    );
    proxy.failNext({ fault: 'dropAnswer', request: REPLACE });
    const updated = await subject.actions.updateAction(action.ref, (current) =>
      addUpdate(current, 'Sent on Monday', ADA, NOW),
    );
    expect(proxy.stats.droppedAnswers).toBe(1);
    expect(updated.updates.map((update) => update.text)).toEqual(['Sent on Monday']);
    const stored = await subject.stored.getAction(action.ref);
    expect(stored?.updates.map((update) => update.text)).toEqual(['Sent on Monday']);
    expect(stored?.history.map((entry) => entry.change.kind)).toEqual(['created', 'updateAdded']);
  });

  it('a discussion item whose answer is lost is stored once, at its place', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    proxy.failNext({ fault: 'dropAnswer', request: BATCH });
    const item = await subject.discussion.addDiscussionItem('CCAG', 3, (order) =>
      createDiscussionItem(
        { area: 'Other', text: 'Budget' },
        { meetingCode: 'CCAG003', order },
        ADA,
        NOW,
      ),
    );
    expect(item.order).toBe(1);
    const stored = await subject.storedDiscussion.listDiscussionItems('CCAG', 3);
    expect(stored.map((entry) => [entry.order, entry.text])).toEqual([[1, 'Budget']]);
  });

  it('a write that gets no answer in time is settled by reading back', async () => {
    const subject = await setUp(500);
    proxy = subject.proxy;
    proxy.failNext({ fault: 'stallAnswer', request: BATCH });
    const added = await subject.actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Share the pack'), ref, ADA, NOW),
    );
    expect(proxy.stats.stalled).toBe(1);
    expect(added.ref).toBe('CCAG03-01');
    expect(await subject.stored.listMeetingActions('CCAG', 3)).toHaveLength(1);
  });

  it('a write that never reached storage is sent once more, and saved once', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    const action = await subject.actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Share the pack'), ref, ADA, NOW),
    );
    proxy.failNext({ fault: 'refuse', request: REPLACE });
    await subject.actions.updateAction(action.ref, (current) =>
      addUpdate(current, 'Sent on Monday', ADA, NOW),
    );
    expect(proxy.stats.refused).toBe(1);
    const stored = await subject.stored.getAction(action.ref);
    expect(stored?.updates.map((update) => update.text)).toEqual(['Sent on Monday']);
  });

  it('says "nothing was saved" only once it has made sure: lost twice, fenced, and indeed not stored', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    const action = await subject.actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Share the pack'), ref, ADA, NOW),
    );
    proxy.failNext({ fault: 'refuse', request: REPLACE, times: 2 });
    await expect(
      subject.actions.updateAction(action.ref, (current) =>
        addUpdate(current, 'Sent on Monday', ADA, NOW),
      ),
    ).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(proxy.stats.refused).toBe(2);
    const stored = await subject.stored.getAction(action.ref);
    expect(stored?.updates).toEqual([]);
  });

  it('an add lost twice is refused with nothing saved, and its ref goes to the next add', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    proxy.failNext({ fault: 'refuse', request: BATCH, times: 2 });
    await expect(
      subject.actions.addAction('CCAG', 3, (ref) => createAction(draft('Lost'), ref, ADA, NOW)),
    ).rejects.toBeInstanceOf(StorageUnavailableError);
    const next = await subject.actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Kept'), ref, ADA, NOW),
    );
    expect(next.ref).toBe('CCAG03-01');
    const stored = await subject.stored.listMeetingActions('CCAG', 3);
    expect(stored.map((action) => action.text)).toEqual(['Kept']);
  });

  it('reports an unknown outcome, not "nothing saved", when storage cannot be asked afterwards', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    const action = await subject.actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Share the pack'), ref, ADA, NOW),
    );
    // The update's read passes; its write is answered into the void; every read-back fails.
    proxy.failNext({ fault: 'dropAnswer', request: REPLACE });
    proxy.failNext({ fault: 'refuse', request: READ, skip: 1, times: 10 });
    const error = await subject.actions
      .updateAction(action.ref, (current) => addUpdate(current, 'Sent on Monday', ADA, NOW))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).not.toBeInstanceOf(StorageUnavailableError);
    expect((error as OutcomeUnknownError).code).toBe('OutcomeUnknown');
    proxy.heal();
    // It was in fact saved, once: the person who looks sees it.
    const stored = await subject.stored.getAction(action.ref);
    expect(stored?.updates.map((update) => update.text)).toEqual(['Sent on Monday']);
  });

  it('an update repeated with the same operation id changes nothing', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    const action = await subject.actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Share the pack'), ref, ADA, NOW),
    );
    const change = (current: typeof action) => addUpdate(current, 'Sent on Monday', ADA, NOW);
    const first = await subject.actions.updateAction(action.ref, change, { operationId: 'op-1' });
    const again = await subject.actions.updateAction(action.ref, change, { operationId: 'op-1' });
    expect(again).toEqual(first);
    expect((await subject.stored.getAction(action.ref))?.updates).toHaveLength(1);
  });

  it('a group set up whose answer is lost is set up once, as asked', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    proxy.failNext({ fault: 'dropAnswer', request: /^POST \S*Groups/ });
    const group = createGroup({ code: 'CCAG', name: 'Cross Code Advisory Group', chairs: [ADA] });
    expect(await subject.groups.createGroupIfMissing(group)).toEqual(group);
    proxy.failNext({ fault: 'dropAnswer', request: REPLACE });
    const renamed = await subject.groups.updateGroup('CCAG', (current) => ({
      ...current,
      name: 'CCAG',
    }));
    expect(renamed.name).toBe('CCAG');
    expect(await subject.storedGroups.getGroup('CCAG')).toEqual(renamed);
  });

  it('an operation claimed whose answer is lost is still this caller’s first claim', async () => {
    const subject = await setUp();
    proxy = subject.proxy;
    proxy.failNext({ fault: 'dropAnswer', request: /^POST \S*Operations/ });
    expect(await subject.operations.begin('conv', 'card-1:addAction', NOW, 60_000)).toEqual({
      first: true,
    });
    const second = await subject.operations.begin('conv', 'card-1:addAction', NOW, 60_000);
    expect(second).toMatchObject({ first: false, record: { state: 'started' } });
  });
});
