import { createAction } from '../../../core/action';
import { StorageUnavailableError, ValidationError } from '../../../core/errors';
import { RetentionSweep } from '../../../core/retention/retention-sweep';
import { MemoryActionStore } from '../../../storage/memory/memory-action-store';
import { MemoryAddReceiptStore } from '../../../storage/memory/memory-add-receipt-store';
import { MemoryOperationStore } from '../../../storage/memory/memory-operation-store';
import { MemoryStorage } from '../../../storage/memory/memory-table';
import { ADA, NOW, draft } from '../../storage/contracts/contract-fixtures';

const T0 = new Date('2022-03-16T09:00:00.000Z');
const days = (n: number) => new Date(T0.getTime() + n * 24 * 3600_000);

function stores() {
  const storage = new MemoryStorage();
  const groups = storage.table('groups');
  let clock = T0;
  const actions = new MemoryActionStore(groups, { now: () => clock });
  return {
    operations: new MemoryOperationStore(storage.table('operations')),
    receipts: new MemoryAddReceiptStore(groups),
    actions,
    addAt: (at: Date, operationId: string) => {
      clock = at;
      return actions.addAction('CCAG', 3, (ref) => createAction(draft('x'), ref, ADA, NOW), {
        operationId,
      });
    },
  };
}

describe('the retention sweep', () => {
  it('forgets the operations and add receipts older than the window and keeps the younger', async () => {
    const { operations, receipts, actions, addAt } = stores();
    await operations.begin('19:chat', 'card-1:markDone', T0, 60_000);
    await operations.finish('19:chat', 'card-1:markDone', { done: true }, T0);
    await operations.begin('19:chat', 'card-2:markDone', days(25), 60_000);
    await addAt(T0, 'card-3:addAction');
    await addAt(days(25), 'card-4:addAction');

    const sweep = new RetentionSweep({
      operations,
      receipts,
      retentionDays: 30,
      now: () => days(31),
    });

    expect(await sweep.run()).toEqual({
      cutoff: days(1).toISOString(),
      retentionDays: 30,
      forgotten: { operations: 1, receipts: 1 },
      failures: [],
    });
    expect(await operations.get('19:chat', 'card-2:markDone')).toBeDefined();
    expect(await actions.listMeetingActions('CCAG', 3)).toHaveLength(2);
    expect((await sweep.run()).forgotten).toEqual({ operations: 0, receipts: 0 });
  });

  it('sweeps the receipts when forgetting operations fails, and says which failed', async () => {
    const { receipts, addAt } = stores();
    await addAt(T0, 'card-3:addAction');
    const down = new StorageUnavailableError('forget old operations: Table Storage is unavailable');
    const sweep = new RetentionSweep({
      operations: { forgetBefore: () => Promise.reject(down) },
      receipts,
      retentionDays: 30,
      now: () => days(31),
    });

    const report = await sweep.run();
    expect(report.forgotten).toEqual({ receipts: 1 });
    expect(report.failures).toEqual([{ records: 'operations', error: down }]);
  });

  it.each([0, 6, 7.5, 3651, Number.NaN])('refuses a window of %p days', (retentionDays) => {
    const { operations, receipts } = stores();
    expect(() => new RetentionSweep({ operations, receipts, retentionDays })).toThrow(
      ValidationError,
    );
  });
});
