import { createHash } from 'node:crypto';
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type {
  ReminderClaim,
  ReminderClaimState,
  ReminderClaims,
  ReminderKey,
} from '../core/reminders/reminder-stores';
import {
  newOperationId,
  readOptional,
  stampOperation,
  writeRowOnce,
  wroteRow,
} from './optimistic-write';
import { storageRead } from './storage-errors';
import { encodeKey } from './table-keys';
import { listedRows } from './partition-query';

/**
 * The Reminders table: one row per reminder (target × action occurrence). PartitionKey = the
 * occurrence's local date, RowKey = `<target>|<ref>|<rule>` encoded. Every state change is a
 * conditional write — an insert for the first claim, If-Match with the ETag read for the rest —
 * so of two instances racing for one reminder exactly one wins, and a claim is taken over only
 * once it has expired. Each write carries its own operation id: a write whose answer was lost is
 * read back and recognised, not taken for another instance's.
 */
interface ClaimEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  ref: string;
  ruleId: string;
  targetKey: string;
  state: ReminderClaimState;
  claimedBy?: string;
  claimedUntil?: string;
  attempts: number;
  reason?: string;
  sentAt?: string;
  destination?: string;
  resendAfter?: string;
  unknowns?: number;
}

export class TableReminderClaims implements ReminderClaims {
  constructor(private readonly table: TableClient) {}

  async claim(
    key: ReminderKey,
    by: string,
    now: Date,
    leaseMs: number,
  ): Promise<ReminderClaim | undefined> {
    const row = rowOf(key);
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const existing = await readOptional<ClaimEntity>(this.table, row, 'read reminder claim');
    if (!existing) {
      const entity: ClaimEntity = {
        ...row,
        ref: key.ref,
        ruleId: key.ruleId,
        targetKey: key.targetKey,
        state: 'claimed',
        claimedBy: by,
        claimedUntil: until,
        attempts: 0,
      };
      return this.write(entity, undefined, 'claim reminder');
    }
    if (existing.state === 'sent') return undefined;
    const held =
      existing.state === 'claimed' && String(existing.claimedUntil ?? '') > now.toISOString();
    if (held) return undefined;
    if (existing.state === 'unknown') {
      // May have arrived: sent again only once the policy's wait is over, and only if it allows.
      const resendAfter = String(existing.resendAfter ?? '');
      if (resendAfter === '' || resendAfter > now.toISOString()) return undefined;
    }
    // Failed, unknown and due again, or claimed by an instance that did not finish in time.
    const entity: ClaimEntity = {
      ...stripMeta(existing),
      state: 'claimed',
      claimedBy: by,
      claimedUntil: until,
    };
    delete entity.resendAfter;
    return this.write(entity, existing.etag, 'take over reminder claim');
  }

  async markSent(
    key: ReminderKey,
    claim: ReminderClaim,
    now: Date,
    destination: string,
  ): Promise<boolean> {
    const current = await this.current(key, claim);
    if (!current) return false;
    const entity: ClaimEntity = {
      ...current,
      state: 'sent',
      attempts: current.attempts + 1,
      sentAt: now.toISOString(),
      destination,
    };
    delete entity.reason;
    delete entity.claimedUntil;
    return (await this.write(entity, claim.etag, 'mark reminder sent')) !== undefined;
  }

  async markFailed(
    key: ReminderKey,
    claim: ReminderClaim,
    _now: Date,
    reason: string,
  ): Promise<boolean> {
    const current = await this.current(key, claim);
    if (!current) return false;
    const entity: ClaimEntity = {
      ...current,
      state: 'failed',
      attempts: current.attempts + 1,
      reason: reason.slice(0, 1000),
    };
    delete entity.claimedUntil;
    return (await this.write(entity, claim.etag, 'mark reminder failed')) !== undefined;
  }

  async markUnknown(
    key: ReminderKey,
    claim: ReminderClaim,
    now: Date,
    reason: string,
    resendAfter?: Date,
  ): Promise<boolean> {
    const current = await this.current(key, claim);
    if (!current) return false;
    const entity: ClaimEntity = {
      ...current,
      state: 'unknown',
      attempts: current.attempts + 1,
      unknowns: Number(current.unknowns ?? 0) + 1,
      reason: reason.slice(0, 1000),
      sentAt: now.toISOString(),
    };
    delete entity.claimedUntil;
    if (resendAfter) entity.resendAfter = resendAfter.toISOString();
    else delete entity.resendAfter;
    return (await this.write(entity, claim.etag, 'mark reminder outcome unknown')) !== undefined;
  }

  async get(key: ReminderKey): Promise<ReminderClaim | undefined> {
    const entity = await readOptional<ClaimEntity>(this.table, rowOf(key), 'read reminder claim');
    return entity ? claimOf(stripMeta(entity), entity.etag) : undefined;
  }

  /** Every claim of one day, for tests and the command line. */
  async listDay(date: string): Promise<Array<ReminderClaim & { ref: string; targetKey: string }>> {
    return storageRead('list reminder claims', async () => {
      const claims: Array<ReminderClaim & { ref: string; targetKey: string }> = [];
      const rows = this.table.listEntities<ClaimEntity>({
        queryOptions: { filter: odata`PartitionKey eq ${date}` },
      });
      for await (const row of listedRows(rows, 'list reminder claims')) {
        if (row.partitionKey !== date) continue; // checked again on arrival (partition-query.ts)
        claims.push({
          ...claimOf(stripMeta(row), row.etag),
          ref: row.ref,
          targetKey: row.targetKey,
        });
      }
      return claims;
    });
  }

  private async current(key: ReminderKey, claim: ReminderClaim): Promise<ClaimEntity | undefined> {
    const entity = await readOptional<ClaimEntity>(this.table, rowOf(key), 'read reminder claim');
    if (!entity || entity.etag !== claim.etag) return undefined;
    return stripMeta(entity);
  }

  /** Inserts (`etag` undefined) or replaces the claim; undefined when another write won. */
  private async write(
    entity: ClaimEntity,
    etag: string | undefined,
    operation: string,
  ): Promise<ReminderClaim | undefined> {
    const operationId = newOperationId();
    const written = await writeRowOnce(
      this.table,
      stampOperation(entity, operationId),
      etag,
      operation,
      (stored) => wroteRow(stored, operationId),
    );
    return written === undefined ? undefined : claimOf(entity, written);
  }
}

function rowOf(key: ReminderKey): { partitionKey: string; rowKey: string } {
  // A body's name can be long; past a key's size its hash names the target instead.
  const target =
    key.targetKey.length > 200
      ? `h:${createHash('sha256').update(key.targetKey).digest('hex')}`
      : key.targetKey;
  return { partitionKey: key.date, rowKey: encodeKey(`${target}|${key.ref}|${key.ruleId}`) };
}

function stripMeta(entity: TableEntityResult<ClaimEntity> | ClaimEntity): ClaimEntity {
  const {
    etag: _etag,
    timestamp: _timestamp,
    ...rest
  } = entity as ClaimEntity & {
    etag?: string;
    timestamp?: string;
  };
  return { ...rest, attempts: Number(rest.attempts ?? 0) };
}

function claimOf(entity: ClaimEntity, etag: string): ReminderClaim {
  return {
    state: entity.state,
    attempts: Number(entity.attempts ?? 0),
    etag,
    ...(entity.claimedBy ? { by: entity.claimedBy } : {}),
    ...(entity.claimedUntil ? { until: entity.claimedUntil } : {}),
    ...(entity.reason ? { reason: entity.reason } : {}),
    ...(entity.sentAt ? { sentAt: entity.sentAt } : {}),
    ...(entity.destination ? { destination: entity.destination } : {}),
    ...(entity.resendAfter ? { resendAfter: entity.resendAfter } : {}),
    ...(entity.unknowns ? { unknowns: Number(entity.unknowns) } : {}),
  };
}
