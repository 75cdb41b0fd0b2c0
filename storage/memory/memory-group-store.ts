import { NotFoundError } from '../../core/errors';
import type { Group } from '../../core/group';
import type { Meeting } from '../../core/meeting';
import type { GroupStore, MeetingStore } from '../../core/stores';
import { GROUP_ROW, meetingRow } from '../group-partition';
import { encodeKey } from '../table-keys';
import type { MemoryTable } from './memory-table';
import { insertIfMissing, updateRow } from './memory-writes';

const reportIssueRow = (meetingNumber: number): string =>
  meetingRow(meetingNumber).replace(/^meeting\|/, 'issueDate|');

/** Groups and their meetings in memory, under the keys TableGroupStore uses. */
export class MemoryGroupStore implements GroupStore, MeetingStore {
  constructor(private readonly table: MemoryTable) {}

  async getGroup(code: string): Promise<Group | undefined> {
    return this.table.get<Group>(groupAt(code))?.value;
  }

  async createGroupIfMissing(group: Group): Promise<Group> {
    return insertIfMissing(this.table, groupAt(group.code), group);
  }

  async updateGroup(code: string, change: (group: Group) => Group): Promise<Group> {
    return updateRow(
      this.table,
      groupAt(code),
      change,
      () => new NotFoundError(`There is no group ${code}.`),
    );
  }

  async listGroups(): Promise<Group[]> {
    const groups = this.table.scan<Group>((at) => at.rowKey === GROUP_ROW).map((row) => row.value);
    return groups.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  }

  async getMeeting(groupCode: string, meetingNumber: number): Promise<Meeting | undefined> {
    return this.table.get<Meeting>(meetingAt(groupCode, meetingNumber))?.value;
  }

  async createMeetingIfMissing(meeting: Meeting): Promise<Meeting> {
    return insertIfMissing(this.table, meetingAt(meeting.groupCode, meeting.number), meeting);
  }

  async updateMeeting(
    groupCode: string,
    meetingNumber: number,
    change: (meeting: Meeting) => Meeting,
  ): Promise<Meeting> {
    return updateRow(
      this.table,
      meetingAt(groupCode, meetingNumber),
      change,
      () => new NotFoundError(`There is no meeting ${groupCode} ${meetingNumber}.`),
    );
  }

  async listMeetings(groupCode: string): Promise<Meeting[]> {
    return this.table.range<Meeting>(encodeKey(groupCode), 'meeting|').map((row) => row.value);
  }

  async getReportIssueDate(groupCode: string, meetingNumber: number): Promise<string | undefined> {
    return this.table.get<string>(issueDateAt(groupCode, meetingNumber))?.value;
  }

  async recordReportIssueDateIfMissing(
    groupCode: string,
    meetingNumber: number,
    issueDate: string,
  ): Promise<string> {
    return insertIfMissing(this.table, issueDateAt(groupCode, meetingNumber), issueDate);
  }
}

function groupAt(code: string) {
  return { partitionKey: encodeKey(code), rowKey: GROUP_ROW };
}

function meetingAt(groupCode: string, meetingNumber: number) {
  return { partitionKey: encodeKey(groupCode), rowKey: meetingRow(meetingNumber) };
}

function issueDateAt(groupCode: string, meetingNumber: number) {
  return { partitionKey: encodeKey(groupCode), rowKey: reportIssueRow(meetingNumber) };
}
