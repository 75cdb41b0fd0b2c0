import { RestError } from '@azure/data-tables';
import {
  ConflictError,
  NotFoundError,
  OutcomeUnknownError,
  PreconditionFailedError,
  StorageUnavailableError,
  ValidationError,
} from '../../core/errors';
import { toDomainError, toWriteError } from '../../storage/storage-errors';
import { decodeKey, encodeKey } from '../../storage/table-keys';
import { TableStorage } from '../../storage/table-storage';
import { testConnectionString, uniqueTablePrefix } from '../support/test-storage';

describe('TableStorage on Azurite', () => {
  it('creates its tables, and creating them again at the next start-up is harmless', async () => {
    const storage = new TableStorage(
      { connectionString: testConnectionString() },
      { tablePrefix: uniqueTablePrefix() },
    );
    await storage.ensureTables();
    await storage.ensureTables();
    const table = storage.table('conversations');
    await table.createEntity({ partitionKey: 'p', rowKey: 'r' });
    await expect(table.getEntity('p', 'r')).resolves.toMatchObject({ partitionKey: 'p' });
  });

  it('turns what Azurite answers into the project errors', async () => {
    const storage = new TableStorage(
      { connectionString: testConnectionString() },
      { tablePrefix: uniqueTablePrefix() },
    );
    await storage.ensureTables();
    const table = storage.table('conversations');
    const created = await table.createEntity({ partitionKey: 'p', rowKey: 'r', n: 1 });

    const fault = async (call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (error) {
        return toDomainError(error, 'test');
      }
      throw new Error('expected the call to fail');
    };
    expect(await fault(() => table.getEntity('p', 'missing'))).toBeInstanceOf(NotFoundError);
    expect(
      await fault(() => table.createEntity({ partitionKey: 'p', rowKey: 'r' })),
    ).toBeInstanceOf(ConflictError);
    await table.updateEntity({ partitionKey: 'p', rowKey: 'r', n: 2 }, 'Replace', {
      etag: created.etag,
    });
    expect(
      await fault(() =>
        table.updateEntity({ partitionKey: 'p', rowKey: 'r', n: 3 }, 'Replace', {
          etag: created.etag,
        }),
      ),
    ).toBeInstanceOf(PreconditionFailedError);
  });

  it('reports unreachable storage as unavailable', async () => {
    const storage = new TableStorage(
      { connectionString: testConnectionString().replace(/:\d+\//, ':1/') },
      { tablePrefix: uniqueTablePrefix(), timeoutMs: 1000 },
    );
    await expect(storage.ping()).rejects.toBeInstanceOf(StorageUnavailableError);
  });

  it('passes the project errors through unchanged', () => {
    const error = new ValidationError('bad');
    expect(toDomainError(error, 'x')).toBe(error);
    expect(toDomainError(new RestError('boom', { statusCode: 503 }), 'x')).toBeInstanceOf(
      StorageUnavailableError,
    );
  });
});

describe('what a failed write means', () => {
  const sent = (code: string) => new RestError('socket', { code });
  it.each([
    ['a reset after the request left', sent('ECONNRESET'), OutcomeUnknownError],
    [
      'no answer in time',
      Object.assign(new Error('aborted'), { name: 'AbortError' }),
      OutcomeUnknownError,
    ],
    ['a 500 from the service', new RestError('boom', { statusCode: 500 }), OutcomeUnknownError],
    ['a refused connection', sent('ECONNREFUSED'), StorageUnavailableError],
    ['an unknown host', sent('ENOTFOUND'), StorageUnavailableError],
    ['503 server busy', new RestError('busy', { statusCode: 503 }), StorageUnavailableError],
    ['429 throttled', new RestError('slow down', { statusCode: 429 }), StorageUnavailableError],
    ['400 refused as sent', new RestError('bad', { statusCode: 400 }), StorageUnavailableError],
    ['412 someone else wrote', new RestError('etag', { statusCode: 412 }), PreconditionFailedError],
    ['409 it exists', new RestError('exists', { statusCode: 409 }), ConflictError],
  ])('%s', (_name, error, kind) => {
    const mapped = toWriteError(error, 'add action');
    expect(mapped).toBeInstanceOf(kind);
    // "Nothing was saved" and "maybe saved" are never the same answer.
    if (kind === OutcomeUnknownError) expect(mapped).not.toBeInstanceOf(StorageUnavailableError);
  });

  it('a failed read saved nothing, whatever the failure', () => {
    expect(toDomainError(sent('ECONNRESET'), 'read action')).toBeInstanceOf(
      StorageUnavailableError,
    );
  });
});

describe('table keys', () => {
  it.each([
    '19:ops42@thread.tacv2;messageid=1715000000000',
    'a/b\\c#d?e',
    'tab\tnew\nline\u0001',
    "O'Brien (Ofgem)",
    'émoji 🎉',
  ])('encodes %j into a legal key and back', (value) => {
    const key = encodeKey(value);
    // Encoded keys are plain ASCII without the characters Azure forbids in keys.
    expect(key).toMatch(/^[A-Za-z0-9%._~-]+$/);
    expect(decodeKey(key)).toBe(value);
  });

  it('refuses a value too long for a key', () => {
    expect(() => encodeKey('x'.repeat(600))).toThrow(RangeError);
  });
});
