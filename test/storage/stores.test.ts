import { addUpdate, createAction, markDone, type ActionDraft } from '../../core/action';
import { parseActionRef } from '../../core/action-ref';
import { createDiscussionItem } from '../../core/discussion-item';
import { formatDueDate, parseDueDate } from '../../core/due-date';
import { NotFoundError, ValidationError } from '../../core/errors';
import { createGroup } from '../../core/group';
import { createMeeting } from '../../core/meeting';
import { formatOwners, parseOwners } from '../../core/owner';
import type { Person } from '../../core/person';
import { TableActionStore } from '../../storage/table-action-store';
import { TableBindingStore } from '../../storage/table-binding-store';
import { TableDiscussionStore } from '../../storage/table-discussion-store';
import { TableGroupStore } from '../../storage/table-group-store';
import { seedActionRows } from '../fixtures/seed-report';
import { freshTableStorage } from '../support/test-storage';

const ADA: Person = { id: '29:ada', name: 'Ada Lovelace', aadObjectId: 'aad-ada' };
const GRACE: Person = { id: '29:grace', name: 'Grace Hopper', aadObjectId: 'aad-grace' };
const NOW = new Date('2022-02-23T11:00:00Z');

function draft(text: string, overrides: Partial<ActionDraft> = {}): ActionDraft {
  return {
    area: 'Horizon Scanning',
    text,
    owners: parseOwners('Programme (PMO)'),
    due: parseDueDate('23/03/22'),
    ...overrides,
  };
}

async function stores() {
  const storage = await freshTableStorage();
  const table = storage.table('groups');
  return {
    actions: new TableActionStore(table),
    groups: new TableGroupStore(table),
    discussion: new TableDiscussionStore(table),
    bindings: new TableBindingStore(storage.table('conversations')),
  };
}

describe('action store on Azurite', () => {
  it('twenty members adding at once get CCAG03-01 … CCAG03-20, and no action is lost', async () => {
    const { actions } = await stores();
    const added = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        actions.addAction('CCAG', 3, (ref) =>
          createAction(draft(`action ${index}`), ref, ADA, NOW),
        ),
      ),
    );
    const refs = added.map((action) => action.ref).sort();
    expect(refs).toEqual(
      Array.from({ length: 20 }, (_, i) => `CCAG03-${String(i + 1).padStart(2, '0')}`),
    );
    const stored = await actions.listMeetingActions('CCAG', 3);
    expect(stored.map((action) => action.ref)).toEqual(refs);
    expect(new Set(stored.map((action) => action.text)).size).toBe(20);
  });

  it('two people updating one action at once both keep their update', async () => {
    const { actions } = await stores();
    const action = await actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('Share the pack'), ref, ADA, NOW),
    );
    await Promise.all([
      actions.updateAction(action.ref, (current) => addUpdate(current, 'from Ada', ADA, NOW)),
      actions.updateAction(action.ref, (current) => addUpdate(current, 'from Grace', GRACE, NOW)),
    ]);
    const stored = await actions.getAction(action.ref);
    expect(stored?.updates.map((update) => update.text).sort()).toEqual(['from Ada', 'from Grace']);
    expect(stored?.history.filter((entry) => entry.change.kind === 'updateAdded')).toHaveLength(2);
  });

  it('a change that became invalid meanwhile is refused and changes nothing', async () => {
    const { actions } = await stores();
    const action = await actions.addAction('CCAG', 3, (ref) =>
      createAction(draft('x'), ref, ADA, NOW),
    );
    await actions.updateAction(action.ref, (current) => markDone(current, ADA, NOW));
    await expect(
      actions.updateAction(action.ref, (current) => markDone(current, GRACE, NOW)),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await actions.getAction(action.ref))?.history).toHaveLength(2);
  });

  it('answers an unknown ref with nothing, and refuses to update it', async () => {
    const { actions } = await stores();
    expect(await actions.getAction('CCAG03-99')).toBeUndefined();
    expect(await actions.getAction('not a ref')).toBeUndefined();
    await expect(actions.updateAction('CCAG03-99', (a) => a)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists a meeting’s actions in ref order and a group’s open actions without other groups', async () => {
    const { actions } = await stores();
    for (let i = 0; i < 12; i++) {
      await actions.addAction('CCAG', 3, (ref) => createAction(draft(`m3 ${i}`), ref, ADA, NOW));
    }
    await actions.addAction('CCAG', 4, (ref) => createAction(draft('m4'), ref, ADA, NOW));
    await actions.addAction('TAG', 3, (ref) => createAction(draft('other group'), ref, ADA, NOW));
    await actions.updateAction('CCAG03-02', (a) => markDone(a, ADA, NOW));

    const meeting3 = await actions.listMeetingActions('CCAG', 3);
    expect(meeting3.map((a) => a.ref)).toEqual(
      Array.from({ length: 12 }, (_, i) => `CCAG03-${String(i + 1).padStart(2, '0')}`),
    );
    const open = await actions.listOpenActions('CCAG');
    expect(open).toHaveLength(12);
    expect(open.map((a) => a.ref)).not.toContain('CCAG03-02');
    expect(open.map((a) => a.ref)).toContain('CCAG04-01');
    expect(open.every((a) => a.groupCode === 'CCAG')).toBe(true);
  });

  it('imports an action under its own ref once, and numbers the next one after it', async () => {
    const { actions } = await stores();
    const ref = parseActionRef('CCAG03-18');
    if (!ref) throw new Error('bad ref');
    const imported = createAction(draft('imported'), ref, ADA, NOW);
    expect(await actions.importAction(imported)).toBe(true);
    expect(await actions.importAction(imported)).toBe(false);
    const next = await actions.addAction('CCAG', 3, (r) =>
      createAction(draft('next'), r, ADA, NOW),
    );
    expect(next.ref).toBe('CCAG03-19');
  });

  it('keeps any text exactly, and refuses a change once an action would outgrow an entity', async () => {
    const { actions } = await stores();
    const text = `Quotes ' " and \\ back / slash # ? emoji 🎉\nsecond line\ttab`;
    const action = await actions.addAction('CCAG', 3, (ref) =>
      createAction(draft(text, { area: "O'Brien's area" }), ref, ADA, NOW),
    );
    const stored = await actions.getAction(action.ref);
    expect(stored).toEqual(action);

    const long = 'u'.repeat(4000);
    let refused: unknown;
    for (let i = 0; i < 200 && !refused; i++) {
      try {
        await actions.updateAction(action.ref, (a) =>
          addUpdate(a, `${i} ${long}`.slice(0, 4000), ADA, NOW),
        );
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(ValidationError);
    const after = await actions.getAction(action.ref);
    expect(after?.text).toBe(text);
    expect(after?.updates.length).toBeGreaterThan(50);
  });

  it('stores the seed’s 18 actions through the domain API and reads them back identical', async () => {
    const { actions } = await stores();
    for (const row of seedActionRows()) {
      const ref = parseActionRef(row.ref);
      if (!ref) throw new Error(row.ref);
      const action = createAction(
        {
          area: row.area,
          text: row.action,
          owners: parseOwners(row.owner),
          due: parseDueDate(row.due),
          update: row.update.replace(/^Update: /, ''),
        },
        ref,
        ADA,
        NOW,
      );
      expect(await actions.importAction(action)).toBe(true);
    }
    const stored = await actions.listMeetingActions('CCAG', 3);
    expect(
      stored.map((action) => ({
        area: action.area,
        ref: action.ref,
        action: action.text,
        owner: formatOwners(action.owners),
        due: formatDueDate(action.due),
        update: action.updates.length
          ? `Update: ${action.updates[action.updates.length - 1]?.text}`
          : '',
      })),
    ).toEqual(seedActionRows());
  });
});

describe('group, meeting, discussion and binding stores on Azurite', () => {
  it('sets a group up once when two members race to do it', async () => {
    const { groups } = await stores();
    const [a, b] = await Promise.all([
      groups.createGroupIfMissing(createGroup({ code: 'CCAG', name: 'First name', chairs: [ADA] })),
      groups.createGroupIfMissing(
        createGroup({ code: 'CCAG', name: 'Second name', chairs: [GRACE] }),
      ),
    ]);
    expect(a).toEqual(b);
    expect(await groups.getGroup('CCAG')).toEqual(a);
  });

  it('keeps both of two concurrent meeting edits', async () => {
    const { groups } = await stores();
    await groups.createMeetingIfMissing(createMeeting({ groupCode: 'CCAG', number: 3 }));
    await Promise.all([
      groups.updateMeeting('CCAG', 3, (m) => ({ ...m, title: 'CCAG003' })),
      groups.updateMeeting('CCAG', 3, (m) => ({ ...m, venue: 'Room 1' })),
    ]);
    expect(await groups.getMeeting('CCAG', 3)).toMatchObject({ title: 'CCAG003', venue: 'Room 1' });
    await groups.createMeetingIfMissing(createMeeting({ groupCode: 'CCAG', number: 1 }));
    expect((await groups.listMeetings('CCAG')).map((m) => m.number)).toEqual([1, 3]);
  });

  it('numbers discussion items 1, 2, 3 … when added at once', async () => {
    const { discussion } = await stores();
    await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((text) =>
        discussion.addDiscussionItem('CCAG', 3, (order) =>
          createDiscussionItem(
            { area: 'Other', text },
            { meetingCode: 'CCAG003', order },
            ADA,
            NOW,
          ),
        ),
      ),
    );
    const items = await discussion.listDiscussionItems('CCAG', 3);
    expect(items.map((item) => item.order)).toEqual([1, 2, 3, 4, 5]);
    expect(items.map((item) => item.text).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('binds a conversation to a group and meeting', async () => {
    const { bindings } = await stores();
    const id = '19:meeting_ZmFrZW1lZXRpbmc@thread.v2';
    expect(await bindings.getBinding(id)).toBeUndefined();
    await bindings.bind(id, { groupCode: 'CCAG', meetingNumber: 3 });
    expect(await bindings.getBinding(id)).toEqual({ groupCode: 'CCAG', meetingNumber: 3 });
    await bindings.bind(id, { groupCode: 'CCAG' });
    expect(await bindings.getBinding(id)).toEqual({ groupCode: 'CCAG' });
  });
});
