import { buildHeadlineReport } from '../../core/reports/headline-report';
import { importedReportToDomain, parseReportImport } from '../../documents/import/report-import';
import { renderTsv } from '../../documents/tsv-report';
import { SEED_TEXT, seedActionRows } from '../fixtures/seed-report';
import { IMPORTED_AT, IMPORTER, logicalRows, seedDomain, seedReport } from './seed-model';

describe('the tab-separated report', () => {
  it('reproduces the seed cell for cell: header, every action and every discussion item', () => {
    const rendered = renderTsv(seedReport());
    expect(logicalRows(rendered)).toEqual(logicalRows(SEED_TEXT));
  });

  it('writes every action cell of the seed exactly, without normalising anything', () => {
    const rendered = renderTsv(seedReport())
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((cells) => /^CCAG\d{2}-\d{2}$/.test(cells[2] ?? ''));
    const seed = seedActionRows();
    expect(rendered).toHaveLength(18);
    rendered.forEach(([, area, ref, action, owner, due, update], index) => {
      const expected = seed[index];
      expect({ ref, action, owner, due, update }).toEqual({
        ref: expected?.ref,
        action: expected?.action,
        owner: expected?.owner,
        due: expected?.due,
        update: expected?.update,
      });
      // The area is written on the first row of its group only.
      const previousArea = index > 0 ? seed[index - 1]?.area : undefined;
      expect(area).toBe(expected?.area === previousArea ? '' : expected?.area);
    });
  });

  it("writes the seed's header lines exactly", () => {
    const lines = renderTsv(seedReport()).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'MHHS Cross Code Advisory Group Headline Report',
        'Issue date: 24/02/22',
        'Meeting Number\tCCAG003\tVenue\tVirtual – MS Teams',
        'Meeting Date and Time\t23 February 2022 1000-1200\tClassification\tPublic',
        '\tArea\tAction Ref\tAction\tOwner\tDue Date\tUpdate',
        '\tArea\tDiscussion',
      ]),
    );
  });

  it('imports back to the same actions and discussion items', () => {
    const parsed = parseReportImport(renderTsv(seedReport()));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const again = importedReportToDomain(parsed.report, IMPORTER, IMPORTED_AT);
    const original = seedDomain();
    expect(again.actions).toEqual(original.actions);
    expect(again.discussionItems).toEqual(original.discussionItems);
    expect(again.meetings).toEqual(original.meetings);
  });

  it('keeps every row on one line when user text holds tabs or line breaks', () => {
    const domain = seedDomain();
    const [meeting] = domain.meetings;
    if (!meeting) throw new Error('no meeting');
    const [first, ...rest] = domain.actions;
    if (!first) throw new Error('no action');
    const report = buildHeadlineReport({
      group: domain.group,
      meeting,
      actions: [{ ...first, text: 'Line one\nline\ttwo' }, ...rest],
      discussionItems: [],
      issueDate: '2022-02-24',
    });
    const row = renderTsv(report)
      .split('\n')
      .find((line) => line.includes('CCAG03-01'));
    expect(row?.split('\t')).toEqual([
      'Actions',
      'Minutes and actions review',
      'CCAG03-01',
      'Line one line two',
      'Programme (Justin Andrews)',
      '23/03/22',
      '',
    ]);
  });
});
