import type { IssuedReport } from '../../../core/reports/issued-report';
import type { ReportStore } from '../../../core/stores';
import { seedReport } from '../../documents/seed-model';
import { ADA, GRACE, scribbleOn, type OpenStore } from './contract-fixtures';

function issued(version: number, by = ADA, meetingNumber = 3): IssuedReport {
  return {
    groupCode: 'CCAG',
    meetingNumber,
    version,
    report: { ...seedReport(), version },
    issuedAt: `2022-02-2${4 + version}T09:00:00.000Z`,
    issuedBy: { ...by },
  };
}

function summaries(...versions: number[]) {
  return versions.map((version) => {
    const { report: _report, ...summary } = issued(version);
    return summary;
  });
}

/** What every ReportStore does (core/stores.ts), run against each implementation. */
export function reportStoreContract(implementation: string, open: OpenStore<ReportStore>): void {
  describe(`ReportStore contract: ${implementation}`, () => {
    let reports: ReportStore;
    beforeEach(async () => {
      reports = await open();
    });

    it('two chairs issuing at once get v1 and v2, never the same version twice', async () => {
      const both = await Promise.all([
        reports.issueReport('CCAG', 3, (version) => issued(version, ADA)),
        reports.issueReport('CCAG', 3, (version) => issued(version, GRACE)),
      ]);
      expect(both.map((report) => report.version).sort()).toEqual([1, 2]);
      const listed = await reports.listReports('CCAG', 3);
      expect(listed.map((summary) => summary.version)).toEqual([1, 2]);
      expect(listed.map((summary) => summary.issuedBy.name).sort()).toEqual([
        'Ada Lovelace',
        'Grace Hopper',
      ]);
    });

    it('reads each version back as it was issued; a version never issued is nothing', async () => {
      const first = await reports.issueReport('CCAG', 3, (version) => issued(version));
      await reports.issueReport('CCAG', 3, (version) => ({
        ...issued(version),
        report: { ...seedReport(), version, title: 'Re-issued' },
      }));
      expect(await reports.getReport('CCAG', 3, 1)).toEqual(first);
      expect((await reports.getReport('CCAG', 3, 2))?.report.title).toBe('Re-issued');
      for (const version of [0, 3, 1.5, -1]) {
        expect(await reports.getReport('CCAG', 3, version)).toBeUndefined();
      }
      expect(await reports.getReport('CCAG', 4, 1)).toBeUndefined();
    });

    it('lists a meeting’s versions oldest first, without the reports, and no other meeting’s', async () => {
      for (let i = 0; i < 3; i++) await reports.issueReport('CCAG', 3, (v) => issued(v));
      await reports.issueReport('CCAG', 4, (v) => issued(v, ADA, 4));
      const listed = await reports.listReports('CCAG', 3);
      expect(listed).toEqual(summaries(1, 2, 3));
      expect(listed[0]).not.toHaveProperty('report');
      expect(await reports.listReports('TAG', 3)).toEqual([]);
    });

    it('a report built with another version than allocated is refused and nothing is issued', async () => {
      await expect(reports.issueReport('CCAG', 3, () => issued(7))).rejects.toThrow(/version/);
      expect(await reports.listReports('CCAG', 3)).toEqual([]);
    });

    it('a caller changing what it got back never changes the issued report', async () => {
      const first = await reports.issueReport('CCAG', 3, (version) => issued(version));
      scribbleOn(first);
      scribbleOn(await reports.getReport('CCAG', 3, 1));
      scribbleOn((await reports.listReports('CCAG', 3))[0]);
      expect(await reports.getReport('CCAG', 3, 1)).toEqual(issued(1));
    });
  });
}
