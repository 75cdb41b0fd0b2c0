import { createHash } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { ConflictError, PreconditionFailedError } from '../core/errors';
import type { SendBudget } from '../core/send-budget';
import { readOptional } from './optimistic-write';
import { storageWrite, UnsettledWriteError } from './storage-errors';
import { encodeKey } from './table-keys';
import { BoundedMap } from '../core/bounded-map';

/**
 * The SendBudget table: the requests every instance has taken per key (a tenant, a conversation)
 * per second. PartitionKey = the key; RowKey = the second modulo {@link RING}, so a key keeps at
 * most that many rows for ever: a row holding an older second is stale and starts again from 0.
 * Every grant is a conditional write (an insert, or If-Match with the ETag read), so two
 * instances taking from one second never both get its last requests.
 *
 * When storage applied a write but its answer was lost, the SDK's retry sees 412/409 and this
 * store reads again and takes again: the lost grant is never used, so the budget errs low, never
 * high.
 */
const RING = 8;
const MAX_ATTEMPTS = 6;

interface BudgetEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  second: number;
  used: number;
}

/** Budget rows remembered (a few per conversation recently sent to); the rest are read again. */
const MAX_KNOWN_ROWS = 5000;

export class TableSendBudget implements SendBudget {
  /** What this instance last wrote per row: tried first, which saves a read when no one raced. */
  private readonly known = new BoundedMap<{ second: number; used: number; etag: string }>({
    most: MAX_KNOWN_ROWS,
  });

  constructor(private readonly table: TableClient) {}

  async take(key: string, second: number, limit: number, wanted: number): Promise<number> {
    if (wanted <= 0 || limit <= 0) return 0;
    const row = rowOf(key, second);
    const cacheKey = `${row.partitionKey}|${row.rowKey}`;
    let current = this.known.get(cacheKey);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (!current) {
        const stored = await readOptional<BudgetEntity>(this.table, row, 'read send budget');
        if (!stored) {
          const granted = Math.min(wanted, limit);
          const etag = await this.insert({ ...row, second, used: granted });
          if (etag !== undefined) {
            this.known.set(cacheKey, { second, used: granted, etag });
            return granted;
          }
          continue; // another instance inserted it first: read it
        }
        current = { second: Number(stored.second), used: Number(stored.used), etag: stored.etag };
      }
      // A row from a later second: that instance's clock is ahead; treat this second as spent.
      if (current.second > second) return 0;
      const used = current.second === second ? current.used : 0;
      const granted = Math.min(wanted, limit - used);
      if (granted <= 0) {
        this.known.set(cacheKey, current);
        return 0;
      }
      const etag = await this.replace({ ...row, second, used: used + granted }, current.etag);
      if (etag !== undefined) {
        this.known.set(cacheKey, { second, used: used + granted, etag });
        return granted;
      }
      current = undefined; // someone else wrote meanwhile: read again
    }
    return 0;
  }

  private async insert(entity: BudgetEntity): Promise<string | undefined> {
    try {
      const result = await storageWrite('take send budget', () => this.table.createEntity(entity));
      return result.etag ?? '';
    } catch (error) {
      // A lost answer reads as a lost race: the slot is read again, so it is never overspent.
      if (error instanceof ConflictError || error instanceof UnsettledWriteError) return undefined;
      throw error;
    }
  }

  private async replace(entity: BudgetEntity, etag: string): Promise<string | undefined> {
    try {
      const result = await storageWrite('take send budget', () =>
        this.table.updateEntity(entity, 'Replace', { etag }),
      );
      return result.etag ?? '';
    } catch (error) {
      if (error instanceof PreconditionFailedError || error instanceof UnsettledWriteError) {
        return undefined;
      }
      throw error;
    }
  }
}

function rowOf(key: string, second: number): { partitionKey: string; rowKey: string } {
  // Channel thread ids can be long; past a key's size their hash names them instead.
  const name = key.length > 200 ? `h:${createHash('sha256').update(key).digest('hex')}` : key;
  return { partitionKey: encodeKey(name), rowKey: String(second % RING) };
}
