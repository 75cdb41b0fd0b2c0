import { type HeadlineReport } from '../../core/reports/headline-report';
import { escapeHtml, renderHtml } from '../../documents/html-report';
import { seedReport } from './seed-model';

describe('the HTML report', () => {
  it('is a complete page in English with print rules that start each section on a page', () => {
    const html = renderHtml(seedReport());
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en-GB">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(
      '<title>MHHS Cross Code Advisory Group Headline Report – CCAG003</title>',
    );
    expect(html).toMatch(
      /@media print \{[\s\S]*?\.report-section \+ \.report-section \{ break-before: page; \}/,
    );
    expect(html.match(/<section class="report-section"/g)).toHaveLength(2);
    expect(html).toMatch(/<\/html>\n$/);
  });

  it('has every cell of the seed, with headers scoped and captions on each table', () => {
    const report = seedReport();
    const html = renderHtml(report);
    for (const group of report.actionGroups) {
      expect(html).toContain(
        `<th scope="rowgroup" rowspan="${group.rows.length}">${escapeHtml(group.area)}</th>`,
      );
      for (const row of group.rows) {
        expect(html).toContain(
          `<td class="ref">${row.ref}</td><td>${escapeHtml(row.action)}</td>` +
            `<td>${escapeHtml(row.owner)}</td><td class="due">${escapeHtml(row.due)}</td>` +
            `<td>${escapeHtml(row.update)}</td>`,
        );
      }
    }
    for (const item of report.discussion) {
      expect(html).toContain(`<th scope="row">${escapeHtml(item.area)}</th>`);
      for (const block of item.blocks) {
        if (block.kind === 'paragraph') expect(html).toContain(`<p>${escapeHtml(block.text)}</p>`);
        else
          for (const bullet of block.items)
            expect(html).toContain(`<li>${escapeHtml(bullet)}</li>`);
      }
    }
    expect(html).toContain('<th scope="row">Meeting Number</th><td>CCAG003</td>');
    expect(html).toContain('<th scope="col">Action Ref</th>');
    expect(html.match(/<caption>/g)).toHaveLength(3);
    expect(html.match(/<ul>/g)).toHaveLength(2);
  });

  it('escapes <script> and quotes in every piece of user text', () => {
    const seed = seedReport();
    const [group] = seed.actionGroups;
    const [row] = group?.rows ?? [];
    if (!group || !row) throw new Error('the seed has actions');
    const script = '<script>alert("x")</script>';
    const report: HeadlineReport = {
      ...seed,
      title: `${script} Headline Report`,
      venue: script,
      actionGroups: [
        {
          area: script,
          rows: [
            { ...row, action: script, owner: script, due: script, update: `Update: ${script}` },
          ],
        },
      ],
      discussion: [
        {
          area: script,
          blocks: [
            { kind: 'paragraph', text: script },
            { kind: 'bulletList', items: [script] },
          ],
        },
      ],
    };
    const html = renderHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});
