import type { TableClient } from '@azure/data-tables';
import { ConflictError, NotFoundError } from '../core/errors';
import type { Group } from '../core/group';
import type { Meeting } from '../core/meeting';
import type { GroupStore, MeetingStore } from '../core/stores';
import { GROUP_ROW, meetingRow } from './group-partition';
import { readOptional, updateRow } from './optimistic-write';
import { listRows } from './partition-query';
import { storageCall } from './storage-errors';
import { encodeKey, odataString } from './table-keys';

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

export class TableGroupStore implements GroupStore, MeetingStore {
  constructor(private readonly table: TableClient) {}

  async getGroup(code: string): Promise<Group | undefined> {
    return this.readDocument<Group>(
      { partitionKey: encodeKey(code), rowKey: GROUP_ROW },
      `read group ${code}`,
    );
  }

  async createGroupIfMissing(group: Group): Promise<Group> {
    return this.createDocument(
      { partitionKey: encodeKey(group.code), rowKey: GROUP_ROW },
      'group',
      group,
      `set up group ${group.code}`,
    );
  }

  async updateGroup(code: string, change: (group: Group) => Group): Promise<Group> {
    return this.updateDocument(
      { partitionKey: encodeKey(code), rowKey: GROUP_ROW },
      'group',
      change,
      `group ${code}`,
    );
  }

  async listGroups(): Promise<Group[]> {
    const filter = `RowKey eq ${odataString(GROUP_ROW)}`;
    const groups = await storageCall('list groups', async () => {
      const found: Group[] = [];
      for await (const entity of this.table.listEntities<DocumentEntity>({
        queryOptions: { filter },
      })) {
        if (entity.rowKey === GROUP_ROW) found.push(JSON.parse(entity.json) as Group);
      }
      return found;
    });
    return groups.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  async getMeeting(groupCode: string, meetingNumber: number): Promise<Meeting | undefined> {
    return this.readDocument<Meeting>(
      { partitionKey: encodeKey(groupCode), rowKey: meetingRow(meetingNumber) },
      `read meeting ${groupCode} ${meetingNumber}`,
    );
  }

  async createMeetingIfMissing(meeting: Meeting): Promise<Meeting> {
    return this.createDocument(
      { partitionKey: encodeKey(meeting.groupCode), rowKey: meetingRow(meeting.number) },
      'meeting',
      meeting,
      `set up meeting ${meeting.code}`,
    );
  }

  async updateMeeting(
    groupCode: string,
    meetingNumber: number,
    change: (meeting: Meeting) => Meeting,
  ): Promise<Meeting> {
    return this.updateDocument(
      { partitionKey: encodeKey(groupCode), rowKey: meetingRow(meetingNumber) },
      'meeting',
      change,
      `meeting ${groupCode} ${meetingNumber}`,
    );
  }

  async listMeetings(groupCode: string): Promise<Meeting[]> {
    const rows = await listRows<DocumentEntity>(
      this.table,
      encodeKey(groupCode),
      'meeting|',
      'list meetings',
    );
    return rows.map((row) => JSON.parse(row.json) as Meeting);
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
    try {
      await storageCall(operation, () => this.table.createEntity(entity));
      return issueDate;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return (await this.getReportIssueDate(groupCode, meetingNumber)) ?? issueDate;
    }
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
  ): Promise<T> {
    const entity: DocumentEntity = { ...key, kind, schema: 1, json: JSON.stringify(value) };
    try {
      await storageCall(operation, () => this.table.createEntity(entity));
      return value;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone set it up first: theirs stands, and the caller carries on with it.
      const existing = await this.readDocument<T>(key, operation);
      if (existing === undefined) throw error;
      return existing;
    }
  }

  private async updateDocument<T>(
    key: { partitionKey: string; rowKey: string },
    kind: DocumentEntity['kind'],
    change: (value: T) => T,
    what: string,
  ): Promise<T> {
    let updated: T | undefined;
    try {
      await updateRow<DocumentEntity>(this.table, key, `update ${what}`, (entity) => {
        updated = change(JSON.parse(entity.json) as T);
        return { ...key, kind, schema: 1, json: JSON.stringify(updated) };
      });
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(`There is no ${what}.`);
      throw error;
    }
    return updated as T;
  }
}
