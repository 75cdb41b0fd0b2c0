import { createAction, type ActionDraft } from '../../core/action';
import { parseActionRef } from '../../core/action-ref';
import { createDiscussionItem } from '../../core/discussion-item';
import { ValidationError } from '../../core/errors';
import { parseOwners } from '../../core/owner';
import type { Person } from '../../core/person';
import { IndexedActionStore } from '../../storage/indexed-action-store';
import { TableActionStore } from '../../storage/table-action-store';
import { TableDiscussionStore } from '../../storage/table-discussion-store';
import { TableDueIndex } from '../../storage/table-due-index';
import { freshTableStorage } from '../support/test-storage';
import { tablesThroughProxy } from './through-proxy';

const ADA: Person = { id: '29:ada', name: 'Ada Lovelace' };
const NOW = new Date('2022-02-23T11:00:00Z');
const draft = (text: string): ActionDraft => ({
  area: 'Horizon Scanning',
  text,
  owners: parseOwners('Programme (PMO)'),
  due: { date: '2022-03-23' },
});
const refsUpTo = (count: number) =>
  Array.from({ length: count }, (_, i) => `CCAG03-${String(i + 1).padStart(2, '0')}`);

describe('refs under a burst (Azurite)', () => {
  it('a hundred adds at once from two instances get CCAG03-01 … CCAG03-100: none reused, none lost', async () => {
    const table = (await freshTableStorage()).table('groups');
    const instances = [new TableActionStore(table), new TableActionStore(table)];
    const added = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        instances[i % 2]!.addAction('CCAG', 3, (ref) =>
          createAction(draft(`action ${i}`), ref, ADA, NOW),
        ),
      ),
    );
    expect(added.map((action) => action.ref).sort()).toEqual(refsUpTo(100).sort());
    const stored = await instances[0]!.listMeetingActions('CCAG', 3);
    expect(stored.map((action) => action.ref)).toEqual(refsUpTo(100));
    expect(new Set(stored.map((action) => action.text)).size).toBe(100);
    // Each was told the ref its action is stored under.
    for (const action of added) {
      expect(stored.find((candidate) => candidate.ref === action.ref)?.text).toBe(action.text);
    }
    // And both instances go on numbering after each other.
    const next = await Promise.all(
      instances.map((store, i) =>
        store.addAction('CCAG', 3, (ref) => createAction(draft(`later ${i}`), ref, ADA, NOW)),
      ),
    );
    expect(next.map((action) => action.ref).sort()).toEqual(['CCAG03-101', 'CCAG03-102']);
  });

  it('an invalid add in a burst is refused alone and takes no ref', async () => {
    const actions = new TableActionStore((await freshTableStorage()).table('groups'));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        actions.addAction('CCAG', 3, (ref) =>
          createAction(draft(i % 7 === 3 ? '' : `action ${i}`), ref, ADA, NOW),
        ),
      ),
    );
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused).toHaveLength(4);
    for (const outcome of refused) expect(outcome.reason).toBeInstanceOf(ValidationError);
    const stored = await actions.listMeetingActions('CCAG', 3);
    expect(stored.map((action) => action.ref)).toEqual(refsUpTo(26));
  });

  it('an import during a burst moves the numbering past its ref, and no ref is used twice', async () => {
    const table = (await freshTableStorage()).table('groups');
    const actions = new TableActionStore(table);
    const importer = new TableActionStore(table);
    const imported = createAction(draft('imported'), parseActionRef('CCAG03-40')!, ADA, NOW);
    const [, ...added] = await Promise.all([
      importer.importAction(imported),
      ...Array.from({ length: 20 }, (_, i) =>
        actions.addAction('CCAG', 3, (ref) => createAction(draft(`action ${i}`), ref, ADA, NOW)),
      ),
    ]);
    const refs = (await actions.listMeetingActions('CCAG', 3)).map((action) => action.ref);
    expect(new Set(refs).size).toBe(21);
    expect(refs).toContain('CCAG03-40');
    expect(added).toHaveLength(20);
    const after = await actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('after'), ref, ADA, NOW),
    );
    expect(after.ref > refs[refs.length - 1]!).toBe(true);
  });

  it('fifty discussion items at once from two instances take places 1 … 50', async () => {
    const table = (await freshTableStorage()).table('groups');
    const instances = [new TableDiscussionStore(table), new TableDiscussionStore(table)];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        instances[i % 2]!.addDiscussionItem('CCAG', 3, (order) =>
          createDiscussionItem(
            { area: 'Other', text: `item ${i}` },
            { meetingCode: 'CCAG003', order },
            ADA,
            NOW,
          ),
        ),
      ),
    );
    const items = await instances[1]!.listDiscussionItems('CCAG', 3);
    expect(items.map((item) => item.order)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(items.map((item) => item.text)).size).toBe(50);
  });

  it('a click delivered to two instances at once adds one action, and both answer with it', async () => {
    const table = (await freshTableStorage()).table('groups');
    const instances = [new TableActionStore(table), new TableActionStore(table)];
    // Other members' adds in the same moment, so the repeat meets a busy counter too.
    const others = Array.from({ length: 6 }, (_, i) =>
      instances[i % 2]!.addAction('CCAG', 3, (ref) =>
        createAction(draft(`other ${i}`), ref, ADA, NOW),
      ),
    );
    const clicks = instances.map((store) =>
      store.addAction('CCAG', 3, (ref) => createAction(draft('Share the pack'), ref, ADA, NOW), {
        operationId: 'op-addAction-once',
      }),
    );
    const [a, b] = await Promise.all(clicks);
    await Promise.all(others);
    expect(b).toEqual(a);
    const stored = await instances[0]!.listMeetingActions('CCAG', 3);
    expect(stored.map((action) => action.ref)).toEqual(refsUpTo(7));
    expect(stored.filter((action) => action.text === 'Share the pack')).toHaveLength(1);
  });

  it('an add with a due date costs two storage round trips once the meeting’s counter is known', async () => {
    const { proxy, faulty } = await tablesThroughProxy();
    try {
      const actions = new IndexedActionStore(
        new TableActionStore(faulty.table('groups')),
        new TableDueIndex(faulty.table('dueIndex')),
        () => {},
      );
      // Under an operation id, as a click adds: its receipt goes in the same transaction.
      let click = 0;
      const add = (text: string) =>
        actions.addAction('CCAG', 3, (ref) => createAction(draft(text), ref, ADA, NOW), {
          operationId: `op-addAction-${++click}`,
        });
      await add('first');
      const before = proxy.stats.requests;
      for (let i = 0; i < 5; i++) await add(`action ${i}`);
      // The index entry, then one transaction with the counter, the action and its receipt.
      expect((proxy.stats.requests - before) / 5).toBe(2);
    } finally {
      await proxy.stop();
    }
  });
});
