import { buildHeadlineReport } from '../../core/reports/headline-report';
import { importedReportToDomain, parseReportImport } from '../../documents/import/report-import';
import { renderTsv } from '../../documents/tsv-report';
import { SEED_TEXT, seedActionRows } from '../fixtures/seed-report';
import { reissue } from './captured-meeting';
import { IMPORTED_AT, IMPORTER, logicalRows, seedDomain, seedReport } from './seed-model';

/** The seed's domain with the first action's cells replaced, as a report. */
function seedWithFirstAction(change: Record<string, unknown>) {
  const domain = seedDomain();
  const [meeting] = domain.meetings;
  const [first, ...rest] = domain.actions;
  if (!meeting || !first) throw new Error('the seed has a meeting and actions');
  return buildHeadlineReport({
    group: domain.group,
    meeting,
    actions: [{ ...first, ...change }, ...rest],
    discussionItems: domain.discussionItems,
    issueDate: '2022-02-24',
  });
}

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

  it('marks a re-issue as the other formats do, lists the changes, and still imports', () => {
    const text = renderTsv(reissue());
    const lines = text.split('\n');
    expect(lines).toContain('Issue date: 30/03/22 (version 2)');
    expect(lines).toContain(
      [
        'Changes since version 1',
        'Added: CCAG04-07',
        'Closed: CCAG03-05 (no longer carried forward), CCAG04-01 (done), CCAG04-04 (cancelled)',
        'Changed: CCAG04-02 (update), CCAG04-03 (due date, update)',
      ].join('\t'),
    );
    const parsed = parseReportImport(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.report.header.issueDate).toBe('2022-03-30');
    expect(parsed.report.actions.map((row) => row.ref)).toEqual(
      reissue()
        .actionGroups.flatMap((group) => group.rows.map((row) => row.ref))
        .concat('CCAG03-02'),
    );
  });

  it('writes each area once, in the order areas first came up, with states and reasons', () => {
    const rows = renderTsv(reissue())
      .split('\n')
      .map((line) => line.split('\t'))
      .filter((cells) => /^CCAG04-\d{2}$/.test(cells[2] ?? ''));
    expect(rows.map(([, area, ref, , , , update]) => [area, ref, update])).toEqual([
      ['Design baseline', 'CCAG04-01', 'Done 28/03/22'],
      ['', 'CCAG04-03', 'Due date moved from 30/03/22: waiting for the M6 change request decision'],
      ['', 'CCAG04-07', ''],
      ['Smart data', 'CCAG04-02', 'Update: All three owners confirmed'],
      ['', 'CCAG04-05', ''],
      ['Other', 'CCAG04-04', 'Cancelled: duplicate of CCAG04-06'],
      ['', 'CCAG04-06', ''],
    ]);
  });

  it('starts a cell a spreadsheet would run as a formula with a quote, and imports it back as typed', () => {
    const report = seedWithFirstAction({
      area: '=cmd|/C calc!A0',
      text: '+SUM(A1:A3)',
      owners: [{ display: '@Programme' }],
    });
    // The Update cell of a report starts with "Update:" or a state; a crafted one is quoted too.
    const rows = renderTsv({
      ...report,
      actionGroups: report.actionGroups.map((group, index) =>
        index === 0
          ? { ...group, rows: group.rows.map((row) => ({ ...row, update: '-5 days late' })) }
          : group,
      ),
    })
      .split('\n')
      .map((line) => line.split('\t'));
    const row = rows.find((cells) => cells[2] === 'CCAG03-01');
    expect(row).toEqual([
      'Actions',
      "'=cmd|/C calc!A0",
      'CCAG03-01',
      "'+SUM(A1:A3)",
      "'@Programme",
      '23/03/22',
      "'-5 days late",
    ]);
    const parsed = parseReportImport(rows.map((cells) => cells.join('\t')).join('\n'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.report.actions[0]).toMatchObject({
      ref: 'CCAG03-01',
      draft: {
        area: '=cmd|/C calc!A0',
        text: '+SUM(A1:A3)',
        owners: [expect.objectContaining({ display: '@Programme' })],
        update: '-5 days late',
      },
    });
  });

  it('needs no quote anywhere in the seed, so the seed comes back cell for cell', () => {
    // No cell of the seed starts with = + - @ (its bullets start with "•", its lists with "<ul"),
    // so quoting changes nothing there; the fidelity test above pins that.
    const cells = SEED_TEXT.split('\n').flatMap((line) => line.split('\t'));
    expect(cells.filter((cell) => /^\s*[=+\-@]/.test(cell))).toEqual([]);
    expect(
      renderTsv(seedReport())
        .split(/[\t\n]/)
        .filter((cell) => cell.startsWith("'")),
    ).toEqual([]);
  });
});
