import { importedReportToDomain, parseReportImport } from '../../../documents/import/report-import';
import { SEED_TEXT, seedActionRows } from '../../fixtures/seed-report';

const by = { id: 'cli', name: 'Administrator (command line)' };
const now = new Date('2022-02-24T09:00:00Z');

function parsed(text: string, format?: 'tsv' | 'csv') {
  const result = parseReportImport(text, format ? { format } : {});
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  return result.report;
}

function csvLine(cells: readonly string[]): string {
  return cells
    .map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .join(',');
}

const HEADING = '\tArea\tAction Ref\tAction\tOwner\tDue Date\tUpdate';

describe('importing a headline report', () => {
  it('accepts every line of the seed: its header, 18 actions and 5 discussion items', () => {
    const report = parsed(SEED_TEXT);
    expect(report.header).toEqual({
      groupName: 'MHHS Cross Code Advisory Group',
      issueDate: '2022-02-24',
      meetingCode: 'CCAG003',
      venue: 'Virtual – MS Teams',
      meetingDateTime: '23 February 2022 1000-1200',
      start: '2022-02-23T10:00:00.000Z',
      end: '2022-02-23T12:00:00.000Z',
      classification: 'Public',
    });
    expect(report.actions.map((row) => [row.line, row.ref])).toEqual(
      seedActionRows().map((row, index) => [
        SEED_TEXT.split('\n').findIndex((line) => line.includes(`\t${row.ref}\t`)) + 1,
        seedActionRows()[index]?.ref,
      ]),
    );
    expect(report.discussion.map((row) => [row.line, row.area])).toEqual([
      [33, 'Minutes and actions review'],
      [34, 'Smart Meter Act Powers'],
      [35, 'CCAG Feedback on M6 and M8'],
      [38, 'Code Body Assumptions Review'],
      [39, 'Horizon Scanning Log'],
    ]);
  });

  it('keeps areas as written, a blank area continuing the one above across blank lines', () => {
    const areas = parsed(SEED_TEXT).actions.map((row) => row.draft.area);
    expect(areas).toEqual(seedActionRows().map((row) => row.area));
    expect(areas[16]).toBe('Other');
  });

  it('keeps owners, due-date notes and updates exactly', () => {
    const rows = parsed(SEED_TEXT).actions;
    const byRef = new Map(rows.map((row) => [row.ref, row.draft]));
    expect(byRef.get('CCAG03-02')?.owners.map((owner) => owner.display)).toEqual([
      'Ofgem (Andy MacFaul)',
      'Programme (Andrew Margan)',
    ]);
    expect(byRef.get('CCAG03-14')?.owners.map((owner) => owner.display)).toEqual([
      'Programme (Andrew Margan, PMO)',
    ]);
    expect(byRef.get('CCAG03-04')?.due).toEqual({
      date: '2022-03-16',
      note: 'to include in meeting papers',
    });
    expect(byRef.get('CCAG03-08')?.update).toBe(
      'Dependency has been submitted to the RAID Management Framework',
    );
    expect(byRef.get('CCAG03-01')?.update).toBeUndefined();
  });

  it("turns the seed's stray markup into paragraphs and bullets, joining the continued item", () => {
    const [, smart, feedback] = parsed(SEED_TEXT).discussion;
    expect(smart?.text).toMatch(
      /^Andy MacFaul \(Ofgem\) presented .* from the CCAG:\n\n- SMAP gives powers .*\(e\.g\. parliamentary activation\)\.$/s,
    );
    const lines = feedback?.text.split('\n') ?? [];
    expect(lines.filter((line) => line.startsWith('- ')).map((line) => line.slice(0, 30))).toEqual([
      '- General support for mini-con',
      '- Resourcing challenges and un',
      '- Queries on qualification pro',
      "- Whether parties' DBT could s",
    ]);
    expect(feedback?.text).not.toMatch(/<|•/);
  });

  it('reads CSV with the same columns and header lines', () => {
    const seed = parsed(SEED_TEXT);
    const csv = [
      csvLine(['MHHS Cross Code Advisory Group Headline Report']),
      csvLine(['Issue date: 24/02/22']),
      csvLine(['Meeting Number', 'CCAG003', 'Venue', 'Virtual – MS Teams']),
      csvLine(['Meeting Date and Time', '23 February 2022 1000-1200', 'Classification', 'Public']),
      '',
      csvLine(['Area', 'Action Ref', 'Action', 'Owner', 'Due Date', 'Update']),
      ...seedActionRows().map((row) =>
        csvLine([row.area, row.ref, row.action, row.owner, row.due, row.update]),
      ),
      '',
      csvLine(['Area', 'Discussion']),
      ...seed.discussion.map((row) => csvLine([row.area, row.text])),
    ].join('\r\n');
    const report = parsed(csv, 'csv');
    expect(report.header).toEqual(seed.header);
    expect(report.actions.map((row) => [row.ref, row.draft])).toEqual(
      seed.actions.map((row) => [row.ref, row.draft]),
    );
    expect(report.discussion.map((row) => [row.area, row.text])).toEqual(
      seed.discussion.map((row) => [row.area, row.text]),
    );
    // The second item spans lines 28-30 (a paragraph, a blank line, a bullet): the third starts
    // on line 31, where it is in the file, not on the 29th record.
    expect(report.discussion.map((row) => row.line)).toEqual([27, 28, 31, 39, 40]);
  });

  it('reads a CSV cell quoted against formulas back as typed, and leaves other quotes alone', () => {
    const csv = [
      csvLine(['Area', 'Action Ref', 'Action', 'Owner', 'Due Date', 'Update']),
      csvLine(["'=Other", 'CCAG03-01', "'+SUM(A1)", "'@Programme", '23/03/22', "'-2 days late"]),
      csvLine(['Other', 'CCAG03-02', "'Tis the season", 'Chris Welby', '', "''=not a formula"]),
    ].join('\n');
    const [first, second] = parsed(csv, 'csv').actions;
    expect(first?.draft).toMatchObject({
      area: '=Other',
      text: '+SUM(A1)',
      owners: [expect.objectContaining({ display: '@Programme' })],
      update: '-2 days late',
    });
    expect(second?.draft).toMatchObject({ text: "'Tis the season", update: "'=not a formula" });
  });

  it("reads a re-issue's version note and changes line without taking them for data", () => {
    const text = [
      'MHHS Cross Code Advisory Group Headline Report',
      'Issue date: 30/03/22 (version 2)',
      'Meeting Number\tCCAG004\tVenue\tVirtual – MS Teams',
      'Changes since version 1\tAdded: CCAG04-07\tClosed: CCAG04-01 (done)',
      HEADING,
      'Actions\tOther\tCCAG04-07\tPublish the summary\tREC (Ann Perry)\t13/04/22\t',
    ].join('\n');
    const report = parsed(text);
    expect(report.header).toMatchObject({ issueDate: '2022-03-30', meetingCode: 'CCAG004' });
    expect(report.actions.map((row) => row.ref)).toEqual(['CCAG04-07']);
  });

  it('reads a meeting date and time left empty (never set) as not known', () => {
    const text = [
      'Meeting Number\tCCAG004\tVenue\tVirtual – MS Teams',
      'Meeting Date and Time\t\tClassification\tPublic',
      HEADING,
      'Actions\tOther\tCCAG04-01\tBook a room\tProgramme (PMO)\t\t',
    ].join('\n');
    const { header } = parsed(text);
    expect(header).toMatchObject({ meetingCode: 'CCAG004', classification: 'Public' });
    expect(header.start).toBeUndefined();
  });

  it('decodes the entities the original document left in discussion cells', () => {
    const text = [
      'Meeting Number\tCCAG003',
      '\tArea\tDiscussion',
      'Key Discussion Items\tOther\t<p>R&amp;D &lt;draft&gt;&nbsp;plan &eacute;t&eacute; &#8211; AT&T</p>',
    ].join('\n');
    expect(parsed(text).discussion[0]?.text).toBe('R&D <draft> plan été – AT&T');
  });

  it('reports every bad line with its number and reason, and imports nothing', () => {
    const text = [
      'CCAG Headline Report',
      HEADING,
      '\t\tCCAG03-01\tNo area yet\tChris Welby\t23/03/22\t',
      '\tOther\tCCAG3-1x\tBad ref\tChris Welby\t23/03/22\t',
      '\t\tCCAG03-03\tImpossible date\tChris Welby\t31/02/22\t',
      '\t\tCCAG03-04\t\tChris Welby\t23/03/22\t',
      '\t\tCCAG03-05\tFine\tChris Welby\t23/03/22\t',
      '\t\tCCAG03-05\tDuplicate\tChris Welby\t23/03/22\t',
    ].join('\n');
    const result = parseReportImport(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { line: 3, reason: expect.stringContaining('before any area') },
      { line: 4, reason: '"CCAG3-1x" is not an action ref like CCAG03-01.' },
      { line: 5, reason: '31/02/22 is not a date: February 2022 has 28 days.' },
      { line: 6, reason: 'Action is required.' },
      { line: 8, reason: 'CCAG03-05 is also on line 7.' },
    ]);
  });

  it('reports bad header lines and discussion rows too', () => {
    const text = [
      'Issue date: 24/13/22',
      'Meeting Number\tCCAG\tVenue\tVirtual',
      'Meeting Date and Time\tFebruary the 23rd',
      'Chair\tSomeone',
      '\tArea\tDiscussion',
      'Key Discussion Items\t\tNo area',
      '\tSome area\t',
    ].join('\n');
    const result = parseReportImport(text);
    if (result.ok) throw new Error('expected errors');
    expect(result.errors.map((error) => error.line)).toEqual([1, 2, 3, 4, 6, 7, 7]);
  });

  it('refuses a file with no table at all', () => {
    expect(parseReportImport('Just some notes\n')).toEqual({
      ok: false,
      errors: [
        { line: 1, reason: expect.stringContaining('not a header line') },
        { line: 1, reason: expect.stringContaining('no table') },
      ],
    });
  });

  it('reports a CSV that cannot be read at the line where it breaks', () => {
    const result = parseReportImport('Area,Action Ref\n"unclosed,quote\n', { format: 'csv' });
    expect(result).toEqual({
      ok: false,
      errors: [{ line: expect.any(Number), reason: expect.stringContaining('not valid CSV') }],
    });
  });

  it('creates the group, meeting, actions under their refs and discussion items', () => {
    const domain = importedReportToDomain(parsed(SEED_TEXT), by, now);
    expect(domain.group).toMatchObject({ code: 'CCAG', name: 'MHHS Cross Code Advisory Group' });
    expect(domain.meetings).toEqual([
      expect.objectContaining({
        code: 'CCAG003',
        start: '2022-02-23T10:00:00.000Z',
        end: '2022-02-23T12:00:00.000Z',
        venue: 'Virtual – MS Teams',
        classification: 'Public',
        state: 'reportIssued',
      }),
    ]);
    expect(domain.issueDate).toBe('2022-02-24');
    expect(domain.actions.map((action) => action.ref)).toEqual(
      seedActionRows().map((row) => row.ref),
    );
    expect(domain.actions.find((action) => action.ref === 'CCAG03-16')?.updates).toEqual([
      { at: now.toISOString(), by, text: 'Shared alongside CCAG Headline Report 24/02/22' },
    ]);
    expect(domain.discussionItems.map((item) => [item.order, item.meetingCode])).toEqual([
      [1, 'CCAG003'],
      [2, 'CCAG003'],
      [3, 'CCAG003'],
      [4, 'CCAG003'],
      [5, 'CCAG003'],
    ]);
  });

  it('imports an action log without a header, under the meetings its refs name', () => {
    const log = parsed(
      [
        csvLine(['Area', 'Action Ref', 'Action', 'Owner', 'Due Date', 'Update']),
        csvLine(['Other', 'CCAG02-04', 'Older action', 'Code bodies', '', '']),
        csvLine(['', 'CCAG03-01', 'Newer action', 'Code bodies', '23/03/22', '']),
      ].join('\n'),
      'csv',
    );
    expect(() => importedReportToDomain(log, by, now)).toThrow(/give the group name/);
    const domain = importedReportToDomain(log, by, now, { groupName: 'CCAG' });
    expect(domain.meetings.map((meeting) => meeting.code)).toEqual(['CCAG002', 'CCAG003']);
    expect(domain.actions.map((action) => action.meetingCode)).toEqual(['CCAG002', 'CCAG003']);
  });
});
