import { gunzipSync, gzipSync } from 'node:zlib';
import type { TableClient } from '@azure/data-tables';
import { ValidationError } from '../core/errors';
import type { HeadlineReport } from '../core/reports/headline-report';
import type { IssuedReport, IssuedReportSummary } from '../core/reports/issued-report';
import type { Person } from '../core/person';
import type { ReportStore, WriteOptions } from '../core/stores';
import { counterRow, meetingReportsPrefix, reportRow } from './group-partition';
import { readJsonColumns, writeJsonColumns } from './json-columns';
import { NumberedInserts } from './numbered-inserts';
import { checkOperationId, readOptional } from './optimistic-write';
import { listedRows, rangeFilter } from './partition-query';
import { storageRead } from './storage-errors';
import { encodeKey } from './table-keys';

interface ReportEntity extends Record<string, unknown> {
  partitionKey: string;
  rowKey: string;
  kind: 'report';
  schema: 1;
  version: number;
  issuedAt: string;
  issuedByJson: string;
  /** How the `report…` columns hold the HeadlineReport: JSON, gzipped, base64, split. */
  reportEncoding: 'gzip-base64';
}

const SUMMARY_COLUMNS = ['version', 'issuedAt', 'issuedByJson'];

/**
 * Issued headline reports in the Groups table, in the group's partition: `report|0003|0001` is
 * CCAG003's first issue, allocated through the `counter|report|0003` row in the same transaction
 * as the report's insert. The report is kept as issued (a snapshot), gzipped and split over
 * string columns, so a 500-action report fits one entity.
 */
export class TableReportStore implements ReportStore {
  private readonly inserts: NumberedInserts;

  constructor(private readonly table: TableClient) {
    // A report is large (up to ~400K characters): one per transaction.
    this.inserts = new NumberedInserts(table, { maxRowsPerTransaction: 1 });
  }

  async issueReport(
    groupCode: string,
    meetingNumber: number,
    build: (version: number) => IssuedReport,
    options: WriteOptions = {},
  ): Promise<IssuedReport> {
    const partitionKey = encodeKey(groupCode);
    return this.inserts.insert<IssuedReport>(
      { partitionKey, rowKey: counterRow('report', meetingNumber) },
      'issue report',
      {
        operationId: checkOperationId(options.operationId),
        build: (version) => {
          const issued = build(version);
          if (issued.version !== version) {
            throw new Error(`issueReport: built version ${issued.version}, allocated ${version}`);
          }
          return { row: entityOf(issued, partitionKey, meetingNumber), value: issued };
        },
      },
    );
  }

  async getReport(
    groupCode: string,
    meetingNumber: number,
    version: number,
  ): Promise<IssuedReport | undefined> {
    if (!Number.isInteger(version) || version < 1) return undefined;
    const entity = await readOptional<ReportEntity>(
      this.table,
      { partitionKey: encodeKey(groupCode), rowKey: reportRow(meetingNumber, version) },
      'read report',
    );
    if (!entity) return undefined;
    const packed = readJsonColumns<string>(entity, 'report');
    const report = JSON.parse(gunzipSync(Buffer.from(packed, 'base64')).toString('utf8'));
    return { ...summaryOf(entity, groupCode, meetingNumber), report: report as HeadlineReport };
  }

  async listReports(groupCode: string, meetingNumber: number): Promise<IssuedReportSummary[]> {
    const partitionKey = encodeKey(groupCode);
    const prefix = meetingReportsPrefix(meetingNumber);
    const filter = rangeFilter(partitionKey, prefix);
    return storageRead('list reports', async () => {
      const summaries: IssuedReportSummary[] = [];
      // Only the small columns travel: a list never downloads the reports.
      const entities = this.table.listEntities<ReportEntity>({
        queryOptions: { filter, select: ['PartitionKey', 'RowKey', ...SUMMARY_COLUMNS] },
      });
      for await (const entity of listedRows(entities, 'list reports')) {
        // Checked again on arrival, as partition-query.ts explains.
        if (entity.partitionKey !== partitionKey) continue;
        if (!String(entity.rowKey ?? '').startsWith(prefix)) continue;
        summaries.push(summaryOf(entity, groupCode, meetingNumber));
      }
      return summaries.sort((a, b) => a.version - b.version);
    });
  }
}

function entityOf(issued: IssuedReport, partitionKey: string, meetingNumber: number): ReportEntity {
  const packed = gzipSync(Buffer.from(JSON.stringify(issued.report), 'utf8')).toString('base64');
  let columns: Record<string, unknown>;
  try {
    columns = writeJsonColumns('report', packed, `The report of ${issued.report.meetingCode}`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(
      `The report of ${issued.report.meetingCode} is too large to store as one issue ` +
        `(${packed.length} characters compressed). Shorten the longest actions or discussion items.`,
      'report',
    );
  }
  return {
    partitionKey,
    rowKey: reportRow(meetingNumber, issued.version),
    kind: 'report',
    schema: 1,
    version: issued.version,
    issuedAt: issued.issuedAt,
    issuedByJson: JSON.stringify(issued.issuedBy),
    reportEncoding: 'gzip-base64',
    ...columns,
  };
}

function summaryOf(
  entity: Partial<ReportEntity>,
  groupCode: string,
  meetingNumber: number,
): IssuedReportSummary {
  return {
    groupCode,
    meetingNumber,
    version: Number(entity.version),
    issuedAt: String(entity.issuedAt),
    issuedBy: JSON.parse(String(entity.issuedByJson)) as Person,
  };
}
