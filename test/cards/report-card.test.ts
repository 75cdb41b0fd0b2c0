import type { HeadlineReport, HeadlineReportRow } from '../../core/reports/headline-report';
import { cardBytes } from '../../cards/action-list-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { cardNodes } from '../../cards/card-nodes';
import {
  EMPTY_CELL_TEXT,
  MAX_REPORT_CARD_BYTES,
  buildReportCards,
} from '../../cards/reports/report-card';
import { buildReportPreviewCard, refRanges } from '../../cards/reports/report-preview-card';
import { buttonTitles, shownText } from '../support/bot-harness';
import { expectValidCard } from '../support/card-validator';
import { firstIssue, reissue } from '../documents/captured-meeting';
import { seedReport } from '../documents/seed-model';

const LINKS = ['docx', 'html', 'md', 'tsv'].map((format) => ({
  title: format,
  url: `https://bot.example.org/reports/${'x'.repeat(180)}.${format}`,
}));

function row(
  sequence: number,
  text = `Action number ${sequence}: provide the paper`,
): HeadlineReportRow {
  return {
    ref: `CCAG03-${String(sequence).padStart(3, '0')}`,
    action: text,
    owner: 'Programme (Justin Andrews), Ofgem (Andy MacFaul)',
    due: '23/03/22 (to include in meeting papers)',
    update: `Update: shared with the PMO on ${sequence % 28}/03/22 and discussed at the PSG`,
    state: 'open',
  };
}

function reportWith(actionCount: number, options: Partial<HeadlineReport> = {}): HeadlineReport {
  const rows = Array.from({ length: actionCount }, (_, index) => row(index + 1));
  const areas = ['Minutes and actions review', 'Smart Meters Act Powers', 'Code drafting', 'Other'];
  return {
    title: 'MHHS Cross Code Advisory Group Headline Report',
    groupCode: 'CCAG',
    issueDate: '24/02/22',
    meetingCode: 'CCAG003',
    venue: 'Virtual – MS Teams',
    meetingDateTime: '23 February 2022 1000-1200',
    classification: 'Public',
    actionGroups: areas.map((area, index) => ({
      area,
      rows: rows.filter((_, position) => position % areas.length === index),
    })),
    discussion: [
      {
        area: 'Code drafting',
        blocks: [
          { kind: 'paragraph', text: 'The group discussed the drafting plan (action CCAG03-01).' },
          { kind: 'bulletList', items: ['Seven steps', 'Two workshops'] },
        ],
      },
    ],
    carriedForward: [{ area: 'Other', rows: [{ ...row(9), ref: 'CCAG02-09' }] }],
    version: 1,
    ...options,
  };
}

/** A table of a card as text: its title (the TextBlock before it) and its rows' cells. */
interface ShownTable {
  readonly title: string;
  readonly header: string[];
  readonly rows: string[][];
}

function tablesOf(card: AdaptiveCard): ShownTable[] {
  const tables: ShownTable[] = [];
  card.body.forEach((element, index) => {
    if (element.type !== 'Table') return;
    const before = card.body[index - 1];
    const cells = element.rows.map((tableRow) => tableRow.cells.map(cellText));
    const [header = [], ...rows] = cells;
    tables.push({ title: before?.type === 'TextBlock' ? before.text : '', header, rows });
  });
  return tables;
}

/** What a cell shows: its runs of text one after the other. */
function cellText(cell: unknown): string {
  return cardNodes(cell)
    .filter((node) => node.type === 'TextRun' || node.type === 'TextBlock')
    .map((node) => String(node.text))
    .join('');
}

/** A proactive post as the connector receives it, around one card. */
function messageBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(
    JSON.stringify({
      type: 'message',
      serviceUrl: 'https://smba.trafficmanager.net/emea/a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d/',
      channelId: 'msteams',
      from: { id: `28:${'b'.repeat(36)}`, name: 'Meeting Actions' },
      conversation: { id: `19:${'c'.repeat(32)}@thread.tacv2;messageid=1715009100000` },
      recipient: { id: `29:${'u'.repeat(120)}`, name: 'A member' },
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    }),
  );
}

describe('the report as Adaptive Cards', () => {
  it('fits a short report on one card: one table per section, the header row once', () => {
    const [card, ...rest] = buildReportCards(reportWith(4), { links: LINKS });
    expect(rest).toEqual([]);
    if (!card) throw new Error('no card');
    expectValidCard(card);
    const text = shownText(card);
    expect(text).toContain('MHHS Cross Code Advisory Group Headline Report');
    expect(text).toMatch(/Issue date: [\s\S]*24\/02\/22/);
    expect(text).not.toMatch(/Part \d+ of/);
    const tables = tablesOf(card);
    expect(tables.map((table) => table.title)).toEqual([
      'Actions',
      'Actions Carried Forward',
      'Key Discussion Items',
    ]);
    const actionHeader = ['Area', 'Action Ref', 'Action', 'Owner', 'Due Date', 'Update'];
    expect(tables[0]?.header).toEqual(actionHeader);
    expect(tables[1]?.header).toEqual(actionHeader);
    expect(tables[2]?.header).toEqual(['Area', 'Discussion']);
    expect(tables[0]?.rows.map((cells) => cells.slice(0, 2))).toEqual([
      ['Minutes and actions review', 'CCAG03-001'],
      ['Smart Meters Act Powers', 'CCAG03-002'],
      ['Code drafting', 'CCAG03-003'],
      ['Other', 'CCAG03-004'],
    ]);
    expect(tables[2]?.rows).toEqual([
      [
        'Code drafting',
        'The group discussed the drafting plan (action CCAG03-01).\n\n• Seven steps\n• Two workshops',
      ],
    ]);
    const urls = cardNodes(card).filter((node) => node.type === 'Action.OpenUrl');
    expect(urls.map((node) => node.url)).toEqual(LINKS.map((link) => link.url));
  });

  it('writes the area on the first row of its group and a dash in every cell left empty', () => {
    const [card] = buildReportCards(reissue());
    if (!card) throw new Error('no card');
    const [actions, carried, discussion] = tablesOf(card);
    expect(actions?.rows.map((cells) => cells.slice(0, 2))).toEqual([
      ['Design baseline', 'CCAG04-01'],
      [EMPTY_CELL_TEXT, 'CCAG04-03'],
      [EMPTY_CELL_TEXT, 'CCAG04-07'],
      ['Smart data', 'CCAG04-02'],
      [EMPTY_CELL_TEXT, 'CCAG04-05'],
      ['Other', 'CCAG04-04'],
      [EMPTY_CELL_TEXT, 'CCAG04-06'],
    ]);
    // CCAG04-07 has no update; CCAG04-04 has no due date.
    expect(actions?.rows[2]?.[5]).toBe(EMPTY_CELL_TEXT);
    expect(actions?.rows[5]?.slice(4)).toEqual([
      EMPTY_CELL_TEXT,
      'Cancelled: duplicate of CCAG04-06',
    ]);
    expect(actions?.rows[0]?.[5]).toBe('Done 28/03/22');
    expect(carried?.rows).toEqual([
      [
        'Smart Meters Act Powers',
        'CCAG03-02',
        'Present the seven steps for code drafting and code approval',
        'Ofgem (Andy MacFaul)',
        '23/03/22',
        EMPTY_CELL_TEXT,
      ],
    ]);
    expect(discussion?.rows.map((cells) => cells[0])).toEqual([
      'Design baseline',
      EMPTY_CELL_TEXT,
      'Smart data',
      'Other',
    ]);
    for (const cell of cardNodes(card).filter((node) => node.type === 'TableCell')) {
      expect(cellText(cell).trim()).not.toBe('');
    }
  });

  it('lists on the first card of a re-issue what changed since the version before', () => {
    const cards = buildReportCards({ ...reissue(), actionGroups: reportWith(120).actionGroups });
    expect(cards.length).toBeGreaterThan(1);
    const [first, ...later] = cards.map((card) => shownText(card));
    expect(first).toContain('Changes since version 1');
    expect(first).toContain('Added: CCAG04-07');
    expect(first).toContain(
      'Closed: CCAG03-05 (no longer carried forward), CCAG04-01 (done), CCAG04-04 (cancelled)',
    );
    for (const text of [first, ...later]) expect(text).toContain('Re-issued (v2)');
    for (const text of later) expect(text).not.toContain('Changes since');
    expect(shownText(buildReportCards(firstIssue())[0])).not.toContain('Changes since');
  });

  it('splits a 300-action meeting between rows only: one table per section per card, nothing lost or repeated', () => {
    const report = reportWith(300);
    const cards = buildReportCards(report, { links: LINKS });
    expect(cards.length).toBeGreaterThan(3);
    const refs: string[] = [];
    cards.forEach((card, index) => {
      expectValidCard(card);
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_REPORT_CARD_BYTES);
      expect(messageBytes(card)).toBeLessThan(28 * 1024);
      expect(shownText(card)).toContain(`Part ${index + 1} of ${cards.length}`);
      const links = cardNodes(card).filter((node) => node.type === 'Action.OpenUrl');
      expect(links).toHaveLength(index === cards.length - 1 ? LINKS.length : 0);
      const tables = tablesOf(card);
      const titles = tables.map((table) => table.title.replace(' (continued)', ''));
      expect(new Set(titles).size).toBe(titles.length);
      for (const table of tables) {
        if (table.header.length === 6) refs.push(...table.rows.map((cells) => cells[1] ?? ''));
      }
    });
    const expected = [
      ...report.actionGroups.flatMap((group) => group.rows.map((each) => each.ref)),
      'CCAG02-09',
    ];
    expect(refs).toEqual(expected);
    // A card that goes on with an area names it again, marked, on its first row.
    const second = tablesOf(cards[1] as AdaptiveCard)[0];
    expect(second?.title).toBe('Actions (continued)');
    expect(second?.rows[0]?.[0]).toMatch(/^\S.* \(continued\)$/);
    expect(second?.rows[1]?.[0]).toBe(EMPTY_CELL_TEXT);
  });

  it('says "Re-issued (v2)" on every card of a re-issue', () => {
    const cards = buildReportCards(reportWith(120, { version: 2 }));
    for (const card of cards) expect(shownText(card)).toContain('Re-issued (v2)');
  });

  it('splits a single row too long for one card over marked rows instead of cutting it', () => {
    const huge = '漢字'.repeat(2000) + ' the end';
    const report = reportWith(1);
    const cards = buildReportCards({
      ...report,
      actionGroups: [{ area: 'Long', rows: [{ ...row(1, huge), update: `Update: ${huge}` }] }],
    });
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) {
      expectValidCard(card);
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_REPORT_CARD_BYTES);
    }
    const all = cards.map((card) => shownText(card)).join('');
    expect(all).toContain('the end');
    expect(all).toMatch(/continues below/);
  });

  it('builds every card of the seed and of the captured meeting valid for the official parser', () => {
    for (const report of [seedReport(), firstIssue(), reissue()]) {
      for (const card of buildReportCards(report, { links: LINKS })) expectValidCard(card);
    }
  });

  it('shows user text as typed, never as markdown or a mention', () => {
    const report = reportWith(1);
    const [card] = buildReportCards({
      ...report,
      actionGroups: [
        { area: '**bold**', rows: [row(1, '[click](https://evil.example) <at>Ada</at>')] },
      ],
    });
    const textBlocks = cardNodes(card).filter((node) => node.type === 'TextBlock');
    expect(JSON.stringify(textBlocks)).not.toContain('evil.example');
    expect(shownText(card)).toContain('**bold**');
    expect(shownText(card)).not.toContain('<at>Ada');
  });
});

describe('the report preview card', () => {
  const preview = (report: HeadlineReport) =>
    buildReportPreviewCard({ report, meetingNumber: 4, postTo: 'this channel', parts: 1 });

  it('counts the areas and actions of a meeting captured with interleaved areas', () => {
    const card = preview(reissue());
    expectValidCard(card);
    const text = shownText(card);
    expect(text).toContain(
      '7 actions (1 done, 1 cancelled) in 3 areas, 4 key discussion items, 1 action carried forward.',
    );
    expect(text).toContain('Design baseline\n · 3 actions (CCAG04-01, CCAG04-03, CCAG04-07)');
    expect(text).toContain('Smart data\n · 2 actions (CCAG04-02, CCAG04-05)');
    expect(text).toContain('Changes since version 1');
    expect(text).toContain('Changed: CCAG04-02 (update), CCAG04-03 (due date, update)');
    expect(buttonTitles(card)).toEqual(['Issue report']);
  });

  it('counts the seed as 18 actions in 6 areas', () => {
    expect(shownText(preview(seedReport()))).toContain('18 actions in 6 areas');
  });

  it('shortens runs of consecutive refs', () => {
    expect(refRanges(['CCAG03-05', 'CCAG03-01', 'CCAG03-03', 'CCAG03-04', 'CCAG03-07'])).toBe(
      'CCAG03-01, CCAG03-03 to CCAG03-05, CCAG03-07',
    );
  });
});
