import JSZip from 'jszip';
import {
  REPORT_LABELS,
  actionTableCells,
  type HeadlineReport,
} from '../../core/reports/headline-report';
import { renderDocx } from '../../documents/docx-report';
import { seedActionRows } from '../fixtures/seed-report';
import { seedReport } from './seed-model';

/** The text of every cell of every table in a Word document, paragraphs joined by `\n`. */
async function readTables(docx: Buffer): Promise<string[][][]> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const all = (text: string, pattern: RegExp): string[] =>
    [...text.matchAll(pattern)].map((match) => match[1] ?? '');
  return all(xml, /<w:tbl>([\s\S]*?)<\/w:tbl>/g).map((table) =>
    all(table, /<w:tr>([\s\S]*?)<\/w:tr>/g).map((row) =>
      all(row, /<w:tc>([\s\S]*?)<\/w:tc>/g).map((cell) =>
        all(cell, /<w:p(?:>|\s[^>]*>)([\s\S]*?)<\/w:p>/g)
          .map((paragraph) =>
            [...paragraph.matchAll(/<w:br\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
              .map((match) => (match[0] === '<w:br/>' ? '\n' : decodeXml(match[1] ?? '')))
              .join(''),
          )
          .join('\n'),
      ),
    ),
  );
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('the Word report', () => {
  it('holds the header, the six-column Actions table and the discussion, read back from the .docx', async () => {
    const report = seedReport();
    const docx = await renderDocx(report);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const [header, actions, discussion, ...others] = await readTables(docx);
    expect(others).toEqual([]);
    expect(header).toEqual([
      ['Meeting Number', 'CCAG003', 'Venue', 'Virtual – MS Teams'],
      ['Meeting Date and Time', '23 February 2022 1000-1200', 'Classification', 'Public'],
    ]);
    expect(actions?.[0]).toEqual([...REPORT_LABELS.actionColumns]);
    expect(actions?.slice(1)).toEqual(actionTableCells(report.actionGroups));
    expect(discussion?.[0]).toEqual([...REPORT_LABELS.discussionColumns]);
    expect(discussion?.slice(1)).toEqual(
      report.discussion.map((item) => [
        item.area,
        item.blocks
          .flatMap((block) => (block.kind === 'paragraph' ? [block.text] : block.items))
          .join('\n'),
      ]),
    );
  });

  it("prints all 18 of the seed's refs, owners, due dates with notes and updates exactly", async () => {
    const [, actions] = await readTables(await renderDocx(seedReport()));
    const cells = (actions ?? []).slice(1).map(([, ref, , owner, due, update]) => ({
      ref,
      owner,
      due,
      update,
    }));
    expect(cells).toEqual(
      seedActionRows().map(({ ref, owner, due, update }) => ({ ref, owner, due, update })),
    );
    expect(cells.find((row) => row.ref === 'CCAG03-04')?.due).toBe(
      '16/03/22 (to include in meeting papers)',
    );
  });

  it('writes bullets as list paragraphs and line breaks as breaks, user text escaped', async () => {
    const report: HeadlineReport = {
      ...seedReport(),
      discussion: [
        {
          area: 'A <b>&</b> area',
          blocks: [
            { kind: 'paragraph', text: 'First line\nsecond line' },
            { kind: 'bulletList', items: ['<script>alert(1)</script>'] },
          ],
        },
      ],
    };
    const docx = await renderDocx(report);
    const [, , discussion] = await readTables(docx);
    expect(discussion?.[1]).toEqual([
      'A <b>&</b> area',
      'First line\nsecond line\n<script>alert(1)</script>',
    ]);
    const xml =
      (await (await JSZip.loadAsync(docx)).file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('&lt;script&gt;');
    expect(xml).toMatch(/<w:numPr>/);
  });
});
