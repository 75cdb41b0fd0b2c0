import type { IssuedReport, IssuedReportSummary } from '../../core/reports/issued-report';
import type { ReportStore } from '../../core/stores';
import { counterRow, meetingReportsPrefix, reportRow } from '../group-partition';
import { encodeKey } from '../table-keys';
import type { MemoryTable } from './memory-table';
import { insertWithNextNumber } from './memory-writes';

/** Issued headline reports in memory, versioned per meeting as TableReportStore versions them. */
export class MemoryReportStore implements ReportStore {
  constructor(private readonly table: MemoryTable) {}

  async issueReport(
    groupCode: string,
    meetingNumber: number,
    build: (version: number) => IssuedReport,
  ): Promise<IssuedReport> {
    const partitionKey = encodeKey(groupCode);
    return insertWithNextNumber(
      this.table,
      { partitionKey, rowKey: counterRow('report', meetingNumber) },
      (version) => {
        const issued = build(version);
        if (issued.version === version) return issued;
        throw new Error(`issueReport: built version ${issued.version}, allocated ${version}`);
      },
      (version) => ({ partitionKey, rowKey: reportRow(meetingNumber, version) }),
    );
  }

  async getReport(
    groupCode: string,
    meetingNumber: number,
    version: number,
  ): Promise<IssuedReport | undefined> {
    if (!Number.isInteger(version) || version < 1) return undefined;
    const stored = this.table.get<IssuedReport>({
      partitionKey: encodeKey(groupCode),
      rowKey: reportRow(meetingNumber, version),
    })?.value;
    return stored && { ...summaryOf(stored, groupCode, meetingNumber), report: stored.report };
  }

  async listReports(groupCode: string, meetingNumber: number): Promise<IssuedReportSummary[]> {
    return this.table
      .range<IssuedReport>(encodeKey(groupCode), meetingReportsPrefix(meetingNumber))
      .map((row) => summaryOf(row.value, groupCode, meetingNumber))
      .sort((a, b) => a.version - b.version);
  }
}

function summaryOf(
  issued: IssuedReport,
  groupCode: string,
  meetingNumber: number,
): IssuedReportSummary {
  return {
    groupCode,
    meetingNumber,
    version: issued.version,
    issuedAt: issued.issuedAt,
    issuedBy: issued.issuedBy,
  };
}
