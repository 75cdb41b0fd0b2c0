import JSZip from 'jszip';
import {
  REPORT_LABELS,
  actionTableCells,
  type HeadlineReport,
} from '../../core/reports/headline-report';
import { DOCX_FONT, renderDocx } from '../../documents/docx-report';
import { seedActionRows } from '../fixtures/seed-report';
import { reissue } from './captured-meeting';
import { seedReport } from './seed-model';

/** One part of the package, e.g. `word/document.xml`, as text; '' when it is missing. */
async function part(docx: Buffer, name: string): Promise<string> {
  return (await (await JSZip.loadAsync(docx)).file(name)?.async('string')) ?? '';
}

/** The text of each paragraph of an XML part (header, footer, body), fields left out. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p(?:>|\s[^>]*>)([\s\S]*?)<\/w:p>/g)].map((match) =>
    [...(match[1] ?? '').matchAll(/<w:tab\/>|<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((text) => (text[0] === '<w:tab/>' ? '\t' : decodeXml(text[1] ?? '')))
      .join(''),
  );
}

/** The parts a section's header and footer references point to, e.g. `word/header1.xml`. */
async function headerAndFooter(docx: Buffer): Promise<{ header: string; footer: string }> {
  const document = await part(docx, 'word/document.xml');
  const rels = await part(docx, 'word/_rels/document.xml.rels');
  const target = (kind: 'header' | 'footer') => {
    const id = new RegExp(`<w:${kind}Reference [^>]*w:type="default"[^>]*r:id="([^"]+)"`).exec(
      document,
    )?.[1];
    const file = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    return file ? `word/${file}` : '';
  };
  return { header: await part(docx, target('header')), footer: await part(docx, target('footer')) };
}

/** The text of every cell of every table in a Word document, paragraphs joined by `\n`. */
async function readTables(docx: Buffer): Promise<string[][][]> {
  const xml = await part(docx, 'word/document.xml');
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

  it('has a header naming group, meeting, issue date and classification on every page', async () => {
    const docx = await renderDocx(reissue());
    const { header, footer } = await headerAndFooter(docx);
    expect(paragraphs(header)).toEqual([
      'MHHS Cross Code Advisory Group Headline Report · CCAG004 · Issue date 30/03/22 ' +
        '(version 2) · Classification: Public',
    ]);
    expect(paragraphs(footer)).toEqual(['Classification: Public\tPage  of ']);
  });

  it('numbers the pages with Word fields: "Page {PAGE} of {NUMPAGES}" in the footer', async () => {
    const { footer } = await headerAndFooter(await renderDocx(seedReport()));
    const fields = [...footer.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((match) =>
      (match[1] ?? '').trim(),
    );
    expect(fields).toEqual(['PAGE', 'NUMPAGES']);
    expect(footer.match(/<w:fldChar w:fldCharType="(begin|separate|end)"\/>/g)).toHaveLength(6);
  });

  it('sets one font for the whole document, headings included', async () => {
    const styles = await part(await renderDocx(seedReport()), 'word/styles.xml');
    const defaults = /<w:docDefaults>([\s\S]*?)<\/w:docDefaults>/.exec(styles)?.[1] ?? '';
    expect(defaults).toContain(`<w:rFonts w:ascii="${DOCX_FONT}" w:cs="${DOCX_FONT}"`);
    for (const style of ['Title', 'Heading1']) {
      const definition = new RegExp(`<w:style [^>]*w:styleId="${style}"[\\s\\S]*?</w:style>`).exec(
        styles,
      )?.[0];
      expect(definition).toContain(`w:ascii="${DOCX_FONT}"`);
    }
  });

  it('reads back grouped by area, states and reasons in the Update column, and the changes since v1', async () => {
    const report = reissue();
    const docx = await renderDocx(report);
    const [, actions, carried, discussion] = await readTables(docx);
    expect(actions?.slice(1)).toEqual(actionTableCells(report.actionGroups));
    // The area is written once, in a cell merged down its group's rows.
    expect(
      actions
        ?.slice(1)
        .map((cells) => cells[0])
        .filter((area) => area !== ''),
    ).toEqual(['Design baseline', 'Smart data', 'Other']);
    const updates = Object.fromEntries(
      (actions ?? []).slice(1).map((cells) => [cells.at(-5) ?? '', cells.at(-1) ?? '']),
    );
    expect(updates).toMatchObject({
      'CCAG04-01': 'Done 28/03/22',
      'CCAG04-03': 'Due date moved from 30/03/22: waiting for the M6 change request decision',
      'CCAG04-04': 'Cancelled: duplicate of CCAG04-06',
    });
    expect(carried?.slice(1).map((cells) => cells[1])).toEqual(['CCAG03-02']);
    // Two items of one area share the area's cell, merged down.
    expect(discussion?.slice(1).map((cells) => cells[0])).toEqual([
      'Design baseline',
      '',
      'Smart data',
      'Other',
    ]);
    const body = paragraphs(await part(docx, 'word/document.xml'));
    expect(body).toEqual(
      expect.arrayContaining([
        'Issue date: 30/03/22 (version 2)',
        'Changes since version 1',
        'Added: CCAG04-07',
        'Closed: CCAG03-05 (no longer carried forward), CCAG04-01 (done), CCAG04-04 (cancelled)',
        'Changed: CCAG04-02 (update), CCAG04-03 (due date, update)',
      ]),
    );
  });
});
