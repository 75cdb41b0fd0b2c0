import { type HeadlineReport } from '../../core/reports/headline-report';
import { escapeHtml, renderHtml } from '../../documents/html-report';
import { reissue } from './captured-meeting';
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

  it("escapes every HTML special character with the entities library's rules", () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
  });

  it('prints the running header and "Page n of m" in every page margin, and the same header on screen', () => {
    const html = renderHtml(reissue());
    const header =
      'MHHS Cross Code Advisory Group Headline Report · CCAG004 · Issue date 30/03/22 ' +
      '(version 2) · Classification: Public';
    expect(html).toContain(`@top-left { content: "${header}";`);
    expect(html).toContain('@bottom-left { content: "Classification: Public";');
    expect(html).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
    expect(html).toContain(`<p class="running-header">${header}</p>`);
    expect(html).toContain('<p>Issue date: 30/03/22 (version 2)</p>');
  });

  it('cannot end the style element or the CSS string with a group name or classification', () => {
    const html = renderHtml({
      ...seedReport(),
      title: '"; } body { display: none } </style><script>alert(1)</script> Headline Report',
      classification: 'Public\\"',
    });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).not.toMatch(/<\/?(style|script)/i);
    const topLeft = /@top-left \{ content: ("(?:[^"\\]|\\.)*");/.exec(style)?.[1];
    expect(topLeft).toContain('\\22 ; } body { display: none } \\3c /style\\3e ');
    expect(html).not.toContain('<script>');
  });

  it('lists what a re-issue changed, marks closed rows, and groups areas once', () => {
    const html = renderHtml(reissue());
    expect(html).toContain('<h2 id="changes">Changes since version 1</h2>');
    expect(html).toContain('<li>Added: CCAG04-07</li>');
    expect(html).toContain(
      '<tr class="state-done"><th scope="rowgroup" rowspan="3">Design baseline</th>',
    );
    expect(html).toContain(
      '<tr class="state-cancelled"><th scope="rowgroup" rowspan="2">Other</th>',
    );
    expect(html).toContain('<td>Cancelled: duplicate of CCAG04-06</td>');
    expect(html.match(/scope="rowgroup"/g)).toHaveLength(4);
    expect(html).toContain('<th scope="row" rowspan="2">Design baseline</th>');
  });
});
