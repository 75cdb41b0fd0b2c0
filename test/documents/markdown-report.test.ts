import { type HeadlineReport } from '../../core/reports/headline-report';
import { escapeMarkdown, renderMarkdown } from '../../documents/markdown-report';
import { seedActionRows } from '../fixtures/seed-report';
import { reissue } from './captured-meeting';
import { seedReport } from './seed-model';

describe('the Markdown report', () => {
  it("holds every one of the seed's refs, owners and due dates exactly", () => {
    const markdown = renderMarkdown(seedReport());
    for (const row of seedActionRows()) {
      expect(markdown).toContain(`| ${row.ref} |`);
      expect(markdown).toContain(`| ${row.owner} |`);
      expect(markdown).toContain(`| ${row.due} |`);
      if (row.update) expect(markdown).toContain(`| ${row.update} |`);
    }
  });

  it('lays out the header and the tables with the area once per group', () => {
    const lines = renderMarkdown(seedReport()).split('\n');
    expect(lines.slice(0, 7)).toEqual([
      '# MHHS Cross Code Advisory Group Headline Report',
      '',
      'Issue date: 24/02/22',
      '',
      '| Meeting Number | CCAG003 | Venue | Virtual – MS Teams |',
      '| --- | --- | --- | --- |',
      '| Meeting Date and Time | 23 February 2022 1000-1200 | Classification | Public |',
    ]);
    expect(lines).toContain('| Area | Action Ref | Action | Owner | Due Date | Update |');
    expect(lines.filter((line) => line.startsWith('| Smart Meters Act Powers |'))).toHaveLength(1);
    expect(lines.filter((line) => line.startsWith('|  | CCAG03-0'))).toHaveLength(6);
    expect(lines).toContain('## Key Discussion Items');
    const feedback = lines.find((line) => line.startsWith('| CCAG Feedback on M6 and M8 |'));
    expect(feedback?.split('<br>• ')).toHaveLength(5);
  });

  it('escapes pipes and Markdown characters in user text so a cell cannot break out', () => {
    const seed = seedReport();
    const [group] = seed.actionGroups;
    const [row] = group?.rows ?? [];
    if (!group || !row) throw new Error('the seed has actions');
    const report: HeadlineReport = {
      ...seed,
      actionGroups: [
        { area: 'A | B', rows: [{ ...row, action: '**bold** _x_ [link](http://x) <script>' }] },
      ],
    };
    const line = renderMarkdown(report)
      .split('\n')
      .find((text) => text.includes('CCAG03-01'));
    expect(line).toBe(
      '| A \\| B | CCAG03-01 | \\*\\*bold\\*\\* \\_x\\_ \\[link\\](http://x) \\<script\\> | ' +
        'Programme (Justin Andrews) | 23/03/22 |  |',
    );
    expect(escapeMarkdown('a\nb &amp; c & d')).toBe('a<br>b &amp;amp; c & d');
  });

  it('marks a re-issue, lists what changed, and writes each area once with states and reasons', () => {
    const lines = renderMarkdown(reissue()).split('\n');
    expect(lines).toContain('Issue date: 30/03/22 (version 2)');
    const changes = lines.indexOf('## Changes since version 1');
    expect(lines.slice(changes + 2, changes + 5)).toEqual([
      '- Added: CCAG04-07',
      '- Closed: CCAG03-05 (no longer carried forward), CCAG04-01 (done), CCAG04-04 (cancelled)',
      '- Changed: CCAG04-02 (update), CCAG04-03 (due date, update)',
    ]);
    expect(lines.filter((line) => /^\| [^ |]/.test(line) && line.includes('| CCAG04-'))).toEqual([
      '| Design baseline | CCAG04-01 | Circulate the design baseline change log | Programme (PMO) | 30/03/22 | Done 28/03/22 |',
      '| Smart data | CCAG04-02 | Confirm who owns each smart data interface | Ofgem (Andy MacFaul) | 06/04/22 | Update: All three owners confirmed |',
      '| Other | CCAG04-04 | Book a room for the April meeting | Programme (PMO) |  | Cancelled: duplicate of CCAG04-06 |',
    ]);
    expect(lines).toContain(
      '|  | The M6 change request affects the baseline (action CCAG04-03). |',
    );
  });
});
