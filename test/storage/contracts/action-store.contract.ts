import { addUpdate, createAction, markDone } from '../../../core/action';
import { parseActionRef } from '../../../core/action-ref';
import { formatDueDate, parseDueDate } from '../../../core/due-date';
import { NotFoundError, ValidationError } from '../../../core/errors';
import { formatOwners, parseOwners } from '../../../core/owner';
import type { ActionStore } from '../../../core/stores';
import { seedActionRows } from '../../fixtures/seed-report';
import { ADA, GRACE, NOW, actionAt, draft, scribbleOn, type OpenStore } from './contract-fixtures';

/** What every ActionStore does (core/stores.ts), run against each implementation. */
export function actionStoreContract(implementation: string, open: OpenStore<ActionStore>): void {
  describe(`ActionStore contract: ${implementation}`, () => {
    let actions: ActionStore;
    beforeEach(async () => {
      actions = await open();
    });

    it('twenty members adding at once get CCAG03-01 … CCAG03-20, and no action is lost', async () => {
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

    it('an add repeated under its operation id, after it or at the same moment, stores one action and answers each with it', async () => {
      const add = (text: string, operationId?: string) =>
        actions.addAction(
          'CCAG',
          3,
          (ref) => createAction(draft(text), ref, ADA, NOW),
          operationId ? { operationId } : {},
        );
      const first = await add('Share the pack', 'op-addAction-click1');
      const again = await add('Share the pack', 'op-addAction-click1');
      expect(again).toEqual(first);
      // A double click and a second member's add land together: two actions, not three.
      const [twice, once, other] = await Promise.all([
        add('Book the room', 'op-addAction-click2'),
        add('Book the room', 'op-addAction-click2'),
        add('Send the minutes', 'op-addAction-click3'),
      ]);
      expect(once).toEqual(twice);
      expect([twice!.ref, other!.ref].sort()).toEqual(['CCAG03-02', 'CCAG03-03']);
      const stored = await actions.listMeetingActions('CCAG', 3);
      expect(stored.map((action) => action.ref)).toEqual(['CCAG03-01', 'CCAG03-02', 'CCAG03-03']);
      expect(stored[0]?.text).toBe('Share the pack');
      // An add without an id is always a new one; the same id in another meeting is another add.
      expect((await add('Share the pack')).ref).toBe('CCAG03-04');
      const elsewhere = await actions.addAction(
        'CCAG',
        4,
        (ref) => createAction(draft('Share the pack'), ref, ADA, NOW),
        { operationId: 'op-addAction-click1' },
      );
      expect(elsewhere.ref).toBe('CCAG04-01');
    });

    it('two people updating one action at once both keep their update', async () => {
      const action = await actions.addAction('CCAG', 3, (ref) =>
        createAction(draft('Share the pack'), ref, ADA, NOW),
      );
      await Promise.all([
        actions.updateAction(action.ref, (current) => addUpdate(current, 'from Ada', ADA, NOW)),
        actions.updateAction(action.ref, (current) => addUpdate(current, 'from Grace', GRACE, NOW)),
      ]);
      const stored = await actions.getAction(action.ref);
      expect(stored?.updates.map((update) => update.text).sort()).toEqual([
        'from Ada',
        'from Grace',
      ]);
      expect(stored?.history.filter((entry) => entry.change.kind === 'updateAdded')).toHaveLength(
        2,
      );
    });

    it('a change that became invalid meanwhile is refused and changes nothing', async () => {
      const action = await actions.addAction('CCAG', 3, (ref) =>
        createAction(draft('x'), ref, ADA, NOW),
      );
      await actions.updateAction(action.ref, (current) => markDone(current, ADA, NOW));
      await expect(
        actions.updateAction(action.ref, (current) => markDone(current, GRACE, NOW)),
      ).rejects.toBeInstanceOf(ValidationError);
      expect((await actions.getAction(action.ref))?.history).toHaveLength(2);
    });

    it('of two people marking one action done at once, one succeeds and the other is refused', async () => {
      const action = await actions.addAction('CCAG', 3, (ref) =>
        createAction(draft('x'), ref, ADA, NOW),
      );
      const outcomes = await Promise.allSettled([
        actions.updateAction(action.ref, (current) => markDone(current, ADA, NOW)),
        actions.updateAction(action.ref, (current) => markDone(current, GRACE, NOW)),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = outcomes.find((outcome) => outcome.status === 'rejected');
      expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
      const stored = await actions.getAction(action.ref);
      expect(stored?.state).toBe('done');
      expect(stored?.history.map((entry) => entry.change.kind)).toEqual([
        'created',
        'stateChanged',
      ]);
    });

    it('answers an unknown ref with nothing, and refuses to update it', async () => {
      expect(await actions.getAction('CCAG03-99')).toBeUndefined();
      expect(await actions.getAction('not a ref')).toBeUndefined();
      await expect(actions.updateAction('CCAG03-99', (a) => a)).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(actions.updateAction('not a ref', (a) => a)).rejects.toBeInstanceOf(
        ValidationError,
      );
    });

    it('finds an action by its ref whatever its case', async () => {
      const action = await actions.addAction('CCAG', 3, (ref) =>
        createAction(draft('x'), ref, ADA, NOW),
      );
      expect(await actions.getAction('ccag03-01')).toEqual(action);
    });

    it('lists a meeting’s actions in ref order and a group’s open actions without other groups', async () => {
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

    it('orders refs by number, not by text: CCAG03-09, CCAG03-10, CCAG03-100, then CCAG10-01', async () => {
      for (const ref of ['CCAG10-01', 'CCAG03-100', 'CCAG03-10', 'CCAG03-09']) {
        expect(await actions.importAction(actionAt(ref))).toBe(true);
      }
      expect((await actions.listMeetingActions('CCAG', 3)).map((a) => a.ref)).toEqual([
        'CCAG03-09',
        'CCAG03-10',
        'CCAG03-100',
      ]);
      expect((await actions.listOpenActions('CCAG')).map((a) => a.ref)).toEqual([
        'CCAG03-09',
        'CCAG03-10',
        'CCAG03-100',
        'CCAG10-01',
      ]);
    });

    it('imports an action under its own ref once, and numbers the next one after it', async () => {
      const imported = actionAt('CCAG03-18', 'imported');
      expect(await actions.importAction(imported)).toBe(true);
      expect(await actions.importAction({ ...imported, text: 'imported again' })).toBe(false);
      expect((await actions.getAction('CCAG03-18'))?.text).toBe('imported');
      const next = await actions.addAction('CCAG', 3, (r) =>
        createAction(draft('next'), r, ADA, NOW),
      );
      expect(next.ref).toBe('CCAG03-19');
    });

    it('an import below the next ref leaves the numbering where it was', async () => {
      await actions.addAction('CCAG', 3, (ref) => createAction(draft('one'), ref, ADA, NOW));
      await actions.addAction('CCAG', 3, (ref) => createAction(draft('two'), ref, ADA, NOW));
      await actions.importAction(actionAt('CCAG03-05'));
      expect(await actions.importAction(actionAt('CCAG03-04'))).toBe(true);
      const next = await actions.addAction('CCAG', 3, (r) =>
        createAction(draft('next'), r, ADA, NOW),
      );
      expect(next.ref).toBe('CCAG03-06');
    });

    it('of the same action imported twice at once, exactly one import stores it', async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, () => actions.importAction(actionAt('CCAG03-07'))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await actions.listMeetingActions('CCAG', 3)).toHaveLength(1);
    });

    it('refuses to import an action whose ref is not a ref', async () => {
      await expect(
        actions.importAction({ ...actionAt('CCAG03-01'), ref: 'not a ref' }),
      ).rejects.toBeInstanceOf(ValidationError);
    });

    it('keeps any text exactly', async () => {
      const text = `Quotes ' " and \\ back / slash # ? emoji 🎉\nsecond line\ttab`;
      const action = await actions.addAction('CCAG', 3, (ref) =>
        createAction(draft(text, { area: "O'Brien's area" }), ref, ADA, NOW),
      );
      expect(await actions.getAction(action.ref)).toEqual(action);
      expect(await actions.listMeetingActions('CCAG', 3)).toEqual([action]);
    });

    it('a caller changing what it passed in or got back never changes the stored action', async () => {
      const imported = actionAt('CCAG03-01', 'as imported');
      await actions.importAction(imported);
      scribbleOn(imported);
      const read = await actions.getAction('CCAG03-01');
      scribbleOn(read);
      const [listed] = await actions.listMeetingActions('CCAG', 3);
      scribbleOn(listed);
      const updated = await actions.updateAction('CCAG03-01', (a) => addUpdate(a, 'u', ADA, NOW));
      scribbleOn(updated);
      expect(await actions.getAction('CCAG03-01')).toEqual(
        addUpdate(actionAt('CCAG03-01', 'as imported'), 'u', ADA, NOW),
      );
    });

    it('stores the seed’s 18 actions through the domain API and reads them back identical', async () => {
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
}
