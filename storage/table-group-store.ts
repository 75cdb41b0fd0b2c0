import { odata, type TableClient } from '@azure/data-tables';
import { NotFoundError } from '../core/errors';
import type { Group } from '../core/group';
import type { Meeting } from '../core/meeting';
import type { GroupStore, MeetingStore, WriteOptions } from '../core/stores';
import { GROUP_ROW, meetingRow } from './group-partition';
import {
  checkOperationId,
  readOptional,
  stampOperation,
  updateRow,
  writeRowOnce,
  wroteRow,
} from './optimistic-write';
import { listedRows, listRows } from './partition-query';
import { ReadCache } from './read-cache';
import { storageRead } from './storage-errors';
import { encodeKey } from './table-keys';

/**
 * Groups and their meetings in the Groups table (see group-partition.ts). Both are small, rarely
 * written documents: each row keeps the domain value as JSON beside the columns a query needs.
 */
interface DocumentEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  kind: 'group' | 'meeting';
  schema: 1;
  json: string;
}

/**
 * The date a meeting's report was issued, in its own row (`issueDate|0003`) beside the meeting's,
 * so that editing the meeting (which rewrites its row from the meeting form) never loses it. Not
 * under `report|`, which holds the issued report versions (TableReportStore).
 */
interface ReportIssueEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  kind: 'reportIssue';
  schema: 1;
  issueDate: string;
}

const reportIssueRow = (meetingNumber: number): string =>
  meetingRow(meetingNumber).replace(/^meeting\|/, 'issueDate|');

export interface TableGroupStoreOptions {
  /**
   * How long a group, a meeting and a group's meeting list read are kept in this process (0, the
   * default: not kept). Every request reads them; see read-cache.ts.
   */
  readonly cacheTtlMs?: number;
}

export class TableGroupStore implements GroupStore, MeetingStore {
  private readonly cache: ReadCache<unknown>;

  constructor(
    private readonly table: TableClient,
    options: TableGroupStoreOptions = {},
  ) {
    this.cache = new ReadCache(options.cacheTtlMs ?? 0);
  }

  async getGroup(code: string): Promise<Group | undefined> {
    return this.cached(`group|${code}`, () =>
      this.readDocument<Group>(
        { partitionKey: encodeKey(code), rowKey: GROUP_ROW },
        `read group ${code}`,
      ),
    );
  }

  async createGroupIfMissing(group: Group): Promise<Group> {
    return this.createDocument(
      { partitionKey: encodeKey(group.code), rowKey: GROUP_ROW },
      'group',
      group,
      `set up group ${group.code}`,
      `group|${group.code}`,
    );
  }

  async updateGroup(
    code: string,
    change: (group: Group) => Group,
    options: WriteOptions = {},
  ): Promise<Group> {
    return this.updateDocument(
      { partitionKey: encodeKey(code), rowKey: GROUP_ROW },
      'group',
      change,
      `group ${code}`,
      { cacheKey: `group|${code}`, operationId: checkOperationId(options.operationId) },
    );
  }

  async listGroups(): Promise<Group[]> {
    const filter = odata`RowKey eq ${GROUP_ROW}`;
    const groups = await storageRead('list groups', async () => {
      const found: Group[] = [];
      const listing = this.table.listEntities<DocumentEntity>({ queryOptions: { filter } });
      for await (const entity of listedRows(listing, 'list groups')) {
        if (entity.rowKey === GROUP_ROW) found.push(JSON.parse(entity.json) as Group);
      }
      return found;
    });
    return groups.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  async getMeeting(groupCode: string, meetingNumber: number): Promise<Meeting | undefined> {
    return this.cached(`meeting|${groupCode}|${meetingNumber}`, () =>
      this.readDocument<Meeting>(
        { partitionKey: encodeKey(groupCode), rowKey: meetingRow(meetingNumber) },
        `read meeting ${groupCode} ${meetingNumber}`,
      ),
    );
  }

  async createMeetingIfMissing(meeting: Meeting): Promise<Meeting> {
    this.cache.delete(`meetings|${meeting.groupCode}`);
    return this.createDocument(
      { partitionKey: encodeKey(meeting.groupCode), rowKey: meetingRow(meeting.number) },
      'meeting',
      meeting,
      `set up meeting ${meeting.code}`,
      `meeting|${meeting.groupCode}|${meeting.number}`,
    );
  }

  async updateMeeting(
    groupCode: string,
    meetingNumber: number,
    change: (meeting: Meeting) => Meeting,
    options: WriteOptions = {},
  ): Promise<Meeting> {
    this.cache.delete(`meetings|${groupCode}`);
    return this.updateDocument(
      { partitionKey: encodeKey(groupCode), rowKey: meetingRow(meetingNumber) },
      'meeting',
      change,
      `meeting ${groupCode} ${meetingNumber}`,
      {
        cacheKey: `meeting|${groupCode}|${meetingNumber}`,
        operationId: checkOperationId(options.operationId),
      },
    );
  }

  async listMeetings(groupCode: string): Promise<Meeting[]> {
    return this.cached(`meetings|${groupCode}`, async () => {
      const rows = await listRows<DocumentEntity>(
        this.table,
        encodeKey(groupCode),
        'meeting|',
        'list meetings',
      );
      return rows.map((row) => JSON.parse(row.json) as Meeting);
    });
  }

  async getReportIssueDate(groupCode: string, meetingNumber: number): Promise<string | undefined> {
    const entity = await readOptional<ReportIssueEntity>(
      this.table,
      { partitionKey: encodeKey(groupCode), rowKey: reportIssueRow(meetingNumber) },
      `read the report issue date of ${groupCode} ${meetingNumber}`,
    );
    return entity?.issueDate;
  }

  async recordReportIssueDateIfMissing(
    groupCode: string,
    meetingNumber: number,
    issueDate: string,
  ): Promise<string> {
    const entity: ReportIssueEntity = {
      partitionKey: encodeKey(groupCode),
      rowKey: reportIssueRow(meetingNumber),
      kind: 'reportIssue',
      schema: 1,
      issueDate,
    };
    const operation = `record the report issue date of ${groupCode} ${meetingNumber}`;
    const operationId = checkOperationId(undefined);
    const inserted = await writeRowOnce(
      this.table,
      stampOperation(entity, operationId),
      undefined,
      operation,
      (stored) => wroteRow(stored, operationId),
    );
    if (inserted !== undefined) return issueDate;
    return (await this.getReportIssueDate(groupCode, meetingNumber)) ?? issueDate;
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.cache.get(key, load) as Promise<T>;
  }

  private async readDocument<T>(
    key: { partitionKey: string; rowKey: string },
    operation: string,
  ): Promise<T | undefined> {
    const entity = await readOptional<DocumentEntity>(this.table, key, operation);
    return entity ? (JSON.parse(entity.json) as T) : undefined;
  }

  private async createDocument<T>(
    key: { partitionKey: string; rowKey: string },
    kind: DocumentEntity['kind'],
    value: T,
    operation: string,
    cacheKey: string,
  ): Promise<T> {
    const operationId = checkOperationId(undefined);
    const entity = stampOperation<DocumentEntity>(
      { ...key, kind, schema: 1, json: JSON.stringify(value) },
      operationId,
    );
    this.cache.delete(cacheKey);
    const inserted = await writeRowOnce(this.table, entity, undefined, operation, (stored) =>
      wroteRow(stored, operationId),
    );
    if (inserted !== undefined) {
      this.cache.set(cacheKey, value);
      return value;
    }
    // Someone set it up first: theirs stands, and the caller carries on with it.
    const existing = await this.readDocument<T>(key, operation);
    if (existing === undefined) throw new NotFoundError(`${operation}: it was removed meanwhile`);
    this.cache.set(cacheKey, existing);
    return existing;
  }

  private async updateDocument<T>(
    key: { partitionKey: string; rowKey: string },
    kind: DocumentEntity['kind'],
    change: (value: T) => T,
    what: string,
    options: { readonly cacheKey: string; readonly operationId: string },
  ): Promise<T> {
    this.cache.delete(options.cacheKey);
    try {
      const stored = await updateRow<DocumentEntity>(
        this.table,
        key,
        `update ${what}`,
        (entity) => ({
          ...key,
          kind,
          schema: 1,
          json: JSON.stringify(change(JSON.parse(entity.json) as T)),
        }),
        { operationId: options.operationId },
      );
      const updated = JSON.parse(stored.json) as T;
      this.cache.set(options.cacheKey, updated);
      return updated;
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(`There is no ${what}.`);
      throw error;
    }
  }
}
