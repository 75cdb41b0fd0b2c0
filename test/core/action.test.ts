import {
  addUpdate,
  cancel,
  changeArea,
  changeDueDate,
  changeOwners,
  compareActionsByRef,
  createAction,
  editText,
  isActionOverdue,
  latestUpdate,
  markDone,
  reopen,
  type Action,
} from '../../core/action';
import { formatActionRef, parseActionRef } from '../../core/action-ref';
import { formatDueDate, parseDueDate } from '../../core/due-date';
import { ValidationError } from '../../core/errors';
import { formatOwners, ownerForTeamsUser, parseOwners } from '../../core/owner';
import { seedActionRows } from '../fixtures/seed-report';

const alice = { id: '29:alice', aadObjectId: 'aad-alice', name: 'Alice Chair' };
const bob = { id: '29:bob', name: 'Bob Member' };
const t0 = new Date('2022-02-23T10:15:00Z');
const t1 = new Date('2022-02-24T09:00:00Z');
const t2 = new Date('2022-02-25T09:00:00Z');

function newAction(): Action {
  return createAction(
    {
      area: 'Smart Meters Act Powers',
      text: 'Present the seven steps for code drafting',
      owners: parseOwners('Ofgem (Andy MacFaul), Programme (Andrew Margan)'),
      due: parseDueDate('23/03/22'),
    },
    { groupCode: 'CCAG', meetingNumber: 3, sequence: 2 },
    alice,
    t0,
  );
}

describe('creating an action', () => {
  it('a new action is open, in the meeting its ref names, with a created entry', () => {
    const action = newAction();
    expect(action).toMatchObject({
      ref: 'CCAG03-02',
      groupCode: 'CCAG',
      meetingCode: 'CCAG003',
      state: 'open',
      due: { date: '2022-03-23' },
      updates: [],
      createdBy: alice,
      createdAt: '2022-02-23T10:15:00.000Z',
    });
    expect(action.history).toEqual([
      { at: '2022-02-23T10:15:00.000Z', by: alice, change: { kind: 'created' } },
    ]);
  });

  it('an update given with the draft becomes the first update and is in the history', () => {
    const action = createAction(
      { area: 'Other', text: 'Fix typos', owners: parseOwners('Programme (PMO)'), update: 'Done' },
      { groupCode: 'CCAG', meetingNumber: 3, sequence: 16 },
      bob,
      t0,
    );
    expect(action.updates).toEqual([{ at: t0.toISOString(), by: bob, text: 'Done' }]);
    expect(action.history.map((entry) => entry.change.kind)).toEqual(['created', 'updateAdded']);
  });

  it('the seed’s 18 actions are created and print back as the report shows them', () => {
    const rows = seedActionRows();
    const actions = rows.map((row) =>
      createAction(
        {
          area: row.area,
          text: row.action,
          owners: parseOwners(row.owner),
          due: parseDueDate(row.due),
          update: row.update.replace(/^Update: /, ''),
        },
        parseActionRef(row.ref)!,
        alice,
        t0,
      ),
    );
    const printed = [...actions]
      .reverse()
      .sort(compareActionsByRef)
      .map((action) => {
        const update = latestUpdate(action);
        return {
          area: action.area,
          ref: action.ref,
          action: action.text,
          owner: formatOwners(action.owners),
          due: formatDueDate(action.due),
          update: update ? `Update: ${update.text}` : '',
        };
      });
    expect(printed).toEqual(rows);
  });

  it('refuses a draft without owners, naming the owner field', () => {
    expect(() =>
      createAction(
        { area: 'Other', text: 'x', owners: [] },
        { groupCode: 'CCAG', meetingNumber: 3, sequence: 1 },
        alice,
        t0,
      ),
    ).toThrow(expect.objectContaining({ field: 'owner' }));
  });

  it('refuses an invalid clock reading rather than recording "Invalid Date"', () => {
    expect(() =>
      createAction(
        { area: 'Other', text: 'x', owners: parseOwners('PMO') },
        { groupCode: 'CCAG', meetingNumber: 3, sequence: 1 },
        alice,
        new Date(Number.NaN),
      ),
    ).toThrow(ValidationError);
  });
});

describe('changing an action', () => {
  it('each change returns a new action and appends exactly one history entry', () => {
    const created = newAction();
    const updated = addUpdate(created, 'Drafted; circulating next week', bob, t1);
    const moved = changeDueDate(updated, parseDueDate('30/03/22'), bob, t1, 'Waiting for Ofgem');
    const edited = editText(moved, 'Present the seven steps', alice, t1);
    const rearea = changeArea(edited, 'SMAP', alice, t1);
    const reowned = changeOwners(rearea, parseOwners('Ofgem (Andy MacFaul)'), alice, t1);
    const done = markDone(reowned, bob, t2);
    const reopened = reopen(done, alice, t2, 'Not finished');
    const cancelled = cancel(reopened, alice, t2, 'Superseded');

    const chain = [created, updated, moved, edited, rearea, reowned, done, reopened, cancelled];
    chain.forEach((action, index) => expect(action.history).toHaveLength(index + 1));
    expect(created.history).toHaveLength(1);
    expect(created.updates).toHaveLength(0);

    expect(cancelled.history.map((entry) => entry.change)).toEqual([
      { kind: 'created' },
      { kind: 'updateAdded', text: 'Drafted; circulating next week' },
      {
        kind: 'dueDateChanged',
        from: { date: '2022-03-23' },
        to: { date: '2022-03-30' },
        reason: 'Waiting for Ofgem',
      },
      {
        kind: 'textEdited',
        from: 'Present the seven steps for code drafting',
        to: 'Present the seven steps',
      },
      { kind: 'areaChanged', from: 'Smart Meters Act Powers', to: 'SMAP' },
      {
        kind: 'ownersChanged',
        from: parseOwners('Ofgem (Andy MacFaul), Programme (Andrew Margan)'),
        to: parseOwners('Ofgem (Andy MacFaul)'),
      },
      { kind: 'stateChanged', from: 'open', to: 'done' },
      { kind: 'stateChanged', from: 'done', to: 'open', reason: 'Not finished' },
      { kind: 'stateChanged', from: 'open', to: 'cancelled', reason: 'Superseded' },
    ]);
    expect(cancelled.history[6]).toMatchObject({ by: bob, at: t2.toISOString() });
  });

  it('updates are appended and the latest is the last added', () => {
    const action = addUpdate(addUpdate(newAction(), 'first', bob, t1), 'second', alice, t2);
    expect(action.updates.map((update) => update.text)).toEqual(['first', 'second']);
    expect(latestUpdate(action)).toEqual({ at: t2.toISOString(), by: alice, text: 'second' });
    expect(latestUpdate(newAction())).toBeUndefined();
  });

  it('a done action still takes updates', () => {
    const action = addUpdate(
      markDone(newAction(), bob, t1),
      'Shared alongside the report',
      bob,
      t2,
    );
    expect(latestUpdate(action)?.text).toBe('Shared alongside the report');
  });

  it('an empty update is refused', () => {
    expect(() => addUpdate(newAction(), '  ', bob, t1)).toThrow(
      new ValidationError('Update is required.', 'update'),
    );
  });

  it('the due date can be removed, and the history keeps what it was', () => {
    const action = changeDueDate(newAction(), undefined, bob, t1);
    expect(action.due).toBeUndefined();
    expect('due' in action).toBe(false);
    expect(action.history[1]?.change).toEqual({
      kind: 'dueDateChanged',
      from: { date: '2022-03-23' },
    });
  });

  it('moving the due date to the date it already has is refused', () => {
    expect(() => changeDueDate(newAction(), parseDueDate('23/03/22'), bob, t1)).toThrow(
      new ValidationError('CCAG03-02 already due 23/03/22.', 'due'),
    );
  });

  it('a new due note alone counts as a change', () => {
    const action = changeDueDate(newAction(), parseDueDate('23/03/22 (in papers)'), bob, t1);
    expect(formatDueDate(action.due)).toBe('23/03/22 (in papers)');
  });

  it('unchanged text, area or owners are refused', () => {
    const action = newAction();
    expect(() => editText(action, action.text, alice, t1)).toThrow(ValidationError);
    expect(() => changeArea(action, action.area, alice, t1)).toThrow(ValidationError);
    expect(() => changeOwners(action, parseOwners(formatOwners(action.owners)), alice, t1)).toThrow(
      ValidationError,
    );
  });

  it('naming the Teams user behind an owner is a change of owners', () => {
    const andy = { id: '29:andy', name: 'Andy MacFaul' };
    const action = changeOwners(newAction(), [ownerForTeamsUser(andy)], alice, t1);
    expect(action.owners[0]?.teamsUsers).toEqual([andy]);
  });
});

describe('illegal transitions', () => {
  const open = newAction();
  const done = markDone(open, bob, t1);
  const cancelled = cancel(open, alice, t1);

  it('marking a cancelled action done is refused and says a chair can reopen it', () => {
    expect(() => markDone(cancelled, bob, t2)).toThrow(
      new ValidationError(
        'CCAG03-02 was cancelled, so it cannot be marked done; a chair can reopen it first.',
        'state',
      ),
    );
  });

  it('reopening an open action is refused', () => {
    expect(() => reopen(open, bob, t2)).toThrow(new ValidationError('CCAG03-02 is already open.'));
  });

  it('marking a done action done again is refused', () => {
    expect(() => markDone(done, bob, t2)).toThrow('CCAG03-02 is already done.');
  });

  it('cancelling a done or cancelled action is refused', () => {
    expect(() => cancel(done, alice, t2)).toThrow(
      'CCAG03-02 is done; reopen it before cancelling it.',
    );
    expect(() => cancel(cancelled, alice, t2)).toThrow('CCAG03-02 is already cancelled.');
  });

  it('a cancelled action takes no updates or edits until reopened', () => {
    expect(() => addUpdate(cancelled, 'x', bob, t2)).toThrow(
      'CCAG03-02 was cancelled; a chair must reopen it before you add an update.',
    );
    expect(() => editText(cancelled, 'x', alice, t2)).toThrow(ValidationError);
    expect(() => changeOwners(cancelled, parseOwners('PMO'), alice, t2)).toThrow(ValidationError);
    expect(addUpdate(reopen(cancelled, alice, t2), 'back', bob, t2).state).toBe('open');
  });

  it('the due date of a done action cannot be moved until it is reopened', () => {
    expect(() => changeDueDate(done, parseDueDate('30/03/22'), bob, t2)).toThrow(
      'CCAG03-02 is done; reopen it to change its due date.',
    );
  });

  it('a refused change leaves the action as it was', () => {
    const before = JSON.stringify(cancelled);
    expect(() => markDone(cancelled, bob, t2)).toThrow();
    expect(JSON.stringify(cancelled)).toBe(before);
  });
});

describe('overdue actions', () => {
  it('an open action past its due date is overdue; a done one is not', () => {
    const action = newAction();
    const late = new Date('2022-03-24T12:00:00Z');
    expect(isActionOverdue(action, late)).toBe(true);
    expect(isActionOverdue(markDone(action, bob, t1), late)).toBe(false);
  });
});

it('refs of created actions print the same as formatActionRef', () => {
  expect(newAction().ref).toBe(
    formatActionRef({ groupCode: 'CCAG', meetingNumber: 3, sequence: 2 }),
  );
});
