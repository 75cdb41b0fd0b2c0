import { markDone } from '../../../core/action';
import type { DueIndex } from '../../../core/reminders/reminder-stores';
import { ADA, NOW, actionAt, type OpenStore } from './contract-fixtures';

/** What every DueIndex does (core/reminders/reminder-stores.ts), run against each implementation. */
export function dueIndexContract(implementation: string, open: OpenStore<DueIndex>): void {
  describe(`DueIndex contract: ${implementation}`, () => {
    let index: DueIndex;
    beforeEach(async () => {
      index = await open();
    });

    it('lists the open actions due by a date, oldest first and by ref within a day', async () => {
      await index.record(actionAt('CCAG03-02', 'b', '2022-03-16'));
      await index.record(actionAt('TAG01-01', 'c', '2022-03-30'));
      await index.record(actionAt('CCAG03-01', 'a', '2022-03-16'));
      await index.record(actionAt('CCAG02-05', 'd', '2022-03-02'));
      await index.record(actionAt('CCAG03-03', 'no due date'));
      expect(await index.listDueBy('2022-03-16')).toEqual([
        { dueDate: '2022-03-02', ref: 'CCAG02-05', groupCode: 'CCAG' },
        { dueDate: '2022-03-16', ref: 'CCAG03-01', groupCode: 'CCAG' },
        { dueDate: '2022-03-16', ref: 'CCAG03-02', groupCode: 'CCAG' },
      ]);
      expect((await index.listDueBy('2022-12-31')).map((entry) => entry.ref)).toContain('TAG01-01');
      expect(await index.listDueBy('2022-03-01')).toEqual([]);
    });

    it('follows an action: a moved due date moves its entry, a closed action leaves the index', async () => {
      const action = actionAt('CCAG03-01', 'a', '2022-03-16');
      await index.record(action);
      const moved = { ...action, due: { date: '2022-04-06' } };
      await index.record(moved, action);
      expect(await index.listDueBy('2022-12-31')).toEqual([
        { dueDate: '2022-04-06', ref: 'CCAG03-01', groupCode: 'CCAG' },
      ]);
      const done = markDone(moved, ADA, NOW);
      await index.record(done, moved);
      expect(await index.listDueBy('2022-12-31')).toEqual([]);
      // Recorded twice (a retried write) it is still listed once.
      await index.record(action);
      await index.record(action);
      expect(await index.listDueBy('2022-12-31')).toHaveLength(1);
    });

    it('removes an entry, and removing it again is harmless', async () => {
      await index.record(actionAt('CCAG03-01', 'a', '2022-03-16'));
      const entry = { dueDate: '2022-03-16', ref: 'CCAG03-01', groupCode: 'CCAG' };
      await index.remove(entry);
      await index.remove(entry);
      expect(await index.listDueBy('2022-12-31')).toEqual([]);
    });
  });
}
