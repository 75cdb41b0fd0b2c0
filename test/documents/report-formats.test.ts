import JSZip from 'jszip';
import { createAction, type Action } from '../../core/action';
import { createDiscussionItem } from '../../core/discussion-item';
import { createGroup } from '../../core/group';
import { buildHeadlineReport } from '../../core/reports/headline-report';
import { createMeeting } from '../../core/meeting';
import { parseOwners } from '../../core/owner';
import {
  REPORT_FORMAT_NAMES,
  REPORT_FORMATS,
  reportFileName,
  reportFormat,
} from '../../documents/report-formats';
import { seedReport } from './seed-model';

const by = { id: '29:sec', name: 'Secretariat' };
const now = new Date('2022-02-23T11:00:00Z');

function bigReport(count: number) {
  const actions: Action[] = Array.from({ length: count }, (_, index) =>
    createAction(
      {
        area: `Area ${Math.floor(index / 7) + 1}`,
        text: `Action number ${index + 1} | with a pipe & <angle> text`,
        owners: parseOwners('Programme (PMO), Code bodies'),
        due: { date: '2022-03-23', note: 'to include in meeting papers' },
        update: index % 3 === 0 ? `Update ${index + 1}` : undefined,
      },
      { groupCode: 'CCAG', meetingNumber: 3, sequence: index + 1 },
      by,
      now,
    ),
  );
  return buildHeadlineReport({
    group: createGroup({ code: 'CCAG', name: 'MHHS Cross Code Advisory Group' }),
    meeting: createMeeting({ groupCode: 'CCAG', number: 3, start: '2022-02-23T10:00:00Z' }),
    actions,
    discussionItems: [
      createDiscussionItem(
        { area: 'Other', text: 'Para\n- one\n- two' },
        { meetingCode: 'CCAG003', order: 1 },
        by,
        now,
      ),
    ],
    issueDate: '2022-02-24',
  });
}

describe('report formats', () => {
  it('maps each format name to a renderer, an extension and a content type', () => {
    expect(REPORT_FORMAT_NAMES.map((name) => [name, REPORT_FORMATS[name].extension])).toEqual([
      ['docx', 'docx'],
      ['html', 'html'],
      ['md', 'md'],
      ['tsv', 'tsv'],
    ]);
    expect(reportFormat(' DOCX ').contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(reportFormat('html').contentType).toBe('text/html; charset=utf-8');
    expect(() => reportFormat('pdf')).toThrow(
      '"pdf" is not a report format; use one of docx, html, md, tsv.',
    );
    expect(reportFileName({ ...seedReport(), version: 2 }, reportFormat('md'))).toBe(
      'CCAG003-headline-report-v2.md',
    );
  });

  it.each(REPORT_FORMAT_NAMES)('renders a 500-action report as %s', async (name) => {
    const report = bigReport(500);
    const document = await REPORT_FORMATS[name].render(report);
    const text =
      name === 'docx'
        ? ((await (await JSZip.loadAsync(document)).file('word/document.xml')?.async('string')) ??
          '')
        : document.toString('utf8');
    expect(text).toContain('CCAG03-01');
    expect(text).toContain('CCAG03-500');
    expect(text.match(/CCAG03-\d+/g)?.length).toBeGreaterThanOrEqual(500);
  });
});
