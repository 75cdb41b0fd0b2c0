import type {
  ReminderClaim,
  ReminderClaims,
  ReminderKey,
} from '../../core/reminders/reminder-stores';
import { roundTrip, type MemoryRow, type MemoryTable } from './memory-table';

/** A claim as kept: what the claim shows but its ETag, and which reminder it is. */
type StoredClaim = Omit<ReminderClaim, 'etag'> & Omit<ReminderKey, 'date'>;

/**
 * Reminder claims in memory, each state change a conditional write on the ETag read, as in
 * TableReminderClaims: of two instances racing for one reminder exactly one wins, and a claim is
 * taken over only once it has expired.
 */
export class MemoryReminderClaims implements ReminderClaims {
  constructor(private readonly table: MemoryTable) {}

  async claim(
    key: ReminderKey,
    by: string,
    now: Date,
    leaseMs: number,
  ): Promise<ReminderClaim | undefined> {
    const at = claimAt(key);
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const existing = this.table.get<StoredClaim>(at);
    await roundTrip();
    if (!existing) {
      const { date: _date, ...reminder } = key;
      const claimed: StoredClaim = { ...reminder, state: 'claimed', by, until, attempts: 0 };
      const etag = this.table.insert(at, claimed);
      return etag === undefined ? undefined : claimOf(claimed, etag);
    }
    const { value } = existing;
    if (value.state === 'sent') return undefined;
    if (value.state === 'claimed' && String(value.until ?? '') > now.toISOString())
      return undefined;
    // Failed, or claimed by an instance that did not finish in time: take it over.
    const taken: StoredClaim = { ...value, state: 'claimed', by, until };
    const etag = this.table.replace(at, taken, existing.etag);
    return etag === undefined ? undefined : claimOf(taken, etag);
  }

  async markSent(
    key: ReminderKey,
    claim: ReminderClaim,
    now: Date,
    destination: string,
  ): Promise<boolean> {
    return this.mark(key, claim, ({ reason: _reason, until: _until, ...value }) => ({
      ...value,
      state: 'sent',
      attempts: value.attempts + 1,
      sentAt: now.toISOString(),
      destination,
    }));
  }

  async markFailed(
    key: ReminderKey,
    claim: ReminderClaim,
    _now: Date,
    reason: string,
  ): Promise<boolean> {
    return this.mark(key, claim, ({ until: _until, ...value }) => ({
      ...value,
      state: 'failed',
      attempts: value.attempts + 1,
      reason: reason.slice(0, 1000),
    }));
  }

  async get(key: ReminderKey): Promise<ReminderClaim | undefined> {
    const row = this.table.get<StoredClaim>(claimAt(key));
    return row && claimOf(row.value, row.etag);
  }

  /** Every claim of one day, as TableReminderClaims lists them (for tests and the command line). */
  async listDay(date: string): Promise<Array<ReminderClaim & { ref: string; targetKey: string }>> {
    return this.table.range<StoredClaim>(date).map((row: MemoryRow<StoredClaim>) => ({
      ...claimOf(row.value, row.etag),
      ref: row.value.ref,
      targetKey: row.value.targetKey,
    }));
  }

  private async mark(
    key: ReminderKey,
    claim: ReminderClaim,
    change: (current: StoredClaim) => StoredClaim,
  ): Promise<boolean> {
    const at = claimAt(key);
    const current = this.table.get<StoredClaim>(at);
    await roundTrip();
    if (!current || current.etag !== claim.etag) return false;
    return this.table.replace(at, change(current.value), claim.etag) !== undefined;
  }
}

function claimAt(key: ReminderKey) {
  // Table Storage keys the same way (target, ref and rule joined), hashing a target too long for
  // a key; a memory key has no such limit.
  return { partitionKey: key.date, rowKey: `${key.targetKey}|${key.ref}|${key.ruleId}` };
}

function claimOf(stored: StoredClaim, etag: string): ReminderClaim {
  const { ref: _ref, ruleId: _ruleId, targetKey: _targetKey, ...claim } = stored;
  return { ...claim, etag };
}
