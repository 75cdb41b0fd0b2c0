import { ValidationError } from '../../core/errors';
import { TableOperationStore } from '../../storage/table-operation-store';
import { freshTableStorage } from '../support/test-storage';
import { operationStoreContract } from './operation-store.contract';

operationStoreContract('TableOperationStore on Azurite', async () => {
  const storage = await freshTableStorage();
  return new TableOperationStore(storage.table('operations'));
});

describe('TableOperationStore keys', () => {
  it('refuses a key outside 1–200 letters, digits and ":_-."', async () => {
    const store = new TableOperationStore((await freshTableStorage()).table('operations'));
    const at = new Date('2022-03-30T09:00:00Z');
    await expect(store.begin('conv', 'has space', at, 1000)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(store.begin('conv', 'x'.repeat(201), at, 1000)).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await store.begin('conv', `${'x'.repeat(190)}:a_b-c.d`, at, 1000)).toEqual({
      first: true,
    });
  });

  it('takes any conversation id as a scope', async () => {
    const store = new TableOperationStore((await freshTableStorage()).table('operations'));
    const scope = '19:ops42@thread.tacv2;messageid=1715000000000/#?';
    const at = new Date('2022-03-30T09:00:00Z');
    expect(await store.begin(scope, 'k', at, 1000)).toEqual({ first: true });
    expect(await store.get(scope, 'k')).toMatchObject({ state: 'started' });
  });
});
