import { NotFoundError, ValidationError } from '../../core/errors';
import { MemoryTable } from '../../storage/memory/memory-table';
import { insertWithNextNumber, updateRow } from '../../storage/memory/memory-writes';

/**
 * How the in-memory twins model Table Storage's races, pinned where the contract suites can only
 * see outcomes: on Azurite the interleaving depends on timing, here it is exact.
 */
const AT = { partitionKey: 'CCAG', rowKey: 'group' };
const missing = () => new NotFoundError('missing');

describe('MemoryTable and its optimistic writes', () => {
  it('three changes at once: each is re-applied once per writer that got in first, and all are kept', async () => {
    const table = new MemoryTable();
    table.insert(AT, { names: [] as string[] });
    const calls: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        updateRow<{ names: string[] }>(
          table,
          AT,
          (row) => {
            calls.push(name);
            return { names: [...row.names, name] };
          },
          missing,
        ),
      ),
    );
    expect(calls).toEqual(['a', 'b', 'c', 'b', 'c', 'c']);
    expect(table.get<{ names: string[] }>(AT)?.value.names).toEqual(['a', 'b', 'c']);
  });

  it('a change that throws when re-applied stops there and writes nothing more', async () => {
    const table = new MemoryTable();
    table.insert(AT, { state: 'open' });
    const close = () =>
      updateRow<{ state: string }>(
        table,
        AT,
        (row) => {
          if (row.state !== 'open') throw new ValidationError('already done');
          return { state: 'done' };
        },
        missing,
      );
    const outcomes = await Promise.allSettled([close(), close()]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect(table.get(AT)?.value).toEqual({ state: 'done' });
  });

  it('a batch with one stale write applies none of it', () => {
    const table = new MemoryTable();
    const etag = table.insert(AT, { n: 1 }) ?? '';
    table.replace(AT, { n: 2 }, etag);
    const other = { partitionKey: 'CCAG', rowKey: 'other' };
    expect(
      table.batch([
        { kind: 'insert', at: other, value: { n: 1 } },
        { kind: 'replace', at: AT, value: { n: 3 }, etag },
      ]),
    ).toBe(false);
    expect(table.get(other)).toBeUndefined();
    expect(table.get(AT)?.value).toEqual({ n: 2 });
  });

  it('numbers handed out at once are consecutive, and a lost race builds again', async () => {
    const table = new MemoryTable();
    const counter = { partitionKey: 'CCAG', rowKey: 'counter|action|0003' };
    const built: number[] = [];
    const numbers = await Promise.all(
      [1, 2, 3].map(() =>
        insertWithNextNumber(
          table,
          counter,
          (next) => {
            built.push(next);
            return next;
          },
          (next) => ({ partitionKey: 'CCAG', rowKey: `action|${next}` }),
        ),
      ),
    );
    expect(numbers).toEqual([1, 2, 3]);
    expect(built).toEqual([1, 1, 1, 2, 2, 3]);
    expect(table.range('CCAG', 'action|').map((row) => row.value)).toEqual([1, 2, 3]);
  });
});
