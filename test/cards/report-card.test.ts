import type { HeadlineReport, HeadlineReportRow } from '../../core/reports/headline-report';
import { cardBytes } from '../../cards/action-list-card';
import { cardNodes } from '../../cards/card-nodes';
import { MAX_REPORT_CARD_BYTES, buildReportCards } from '../../cards/reports/report-card';
import { shownText } from '../support/bot-harness';
import { expectValidCard } from '../support/card-validator';

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

describe('the report as Adaptive Cards', () => {
  it('fits a short report on one card with tables, the header and the document links', () => {
    const [card, ...rest] = buildReportCards(reportWith(4), { links: LINKS });
    expect(rest).toEqual([]);
    expectValidCard(card);
    const text = shownText(card);
    expect(text).toContain('MHHS Cross Code Advisory Group Headline Report');
    expect(text).toMatch(/Issue date: [\s\S]*24\/02\/22/);
    expect(text).toContain('Actions Carried Forward');
    expect(text).toContain('Key Discussion Items');
    expect(text).toContain('• Seven steps');
    expect(text).not.toMatch(/Part \d+ of/);
    const tables = cardNodes(card).filter((node) => node.type === 'Table');
    expect(tables.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(tables[0])).toMatch(
      /Area[\s\S]*Action Ref[\s\S]*Action[\s\S]*Owner[\s\S]*Due Date[\s\S]*Update/,
    );
    const urls = cardNodes(card).filter((node) => node.type === 'Action.OpenUrl');
    expect(urls.map((node) => node.url)).toEqual(LINKS.map((link) => link.url));
  });

  it('splits a 300-action meeting into valid cards under the limit, "Part n of m", nothing lost', () => {
    const report = reportWith(300);
    const cards = buildReportCards(report, { links: LINKS });
    expect(cards.length).toBeGreaterThan(3);
    const all = cards.map((card) => shownText(card)).join('\n');
    cards.forEach((card, index) => {
      expectValidCard(card);
      expect(cardBytes(card)).toBeLessThanOrEqual(MAX_REPORT_CARD_BYTES);
      expect(shownText(card)).toContain(`Part ${index + 1} of ${cards.length}`);
      const links = cardNodes(card).filter((node) => node.type === 'Action.OpenUrl');
      expect(links).toHaveLength(index === cards.length - 1 ? LINKS.length : 0);
    });
    for (let sequence = 1; sequence <= 300; sequence++) {
      expect(all).toContain(row(sequence).action);
    }
    expect(all).toMatch(/\(continued\)/);
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
