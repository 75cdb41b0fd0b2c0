import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { buildReportCards } from '../../cards/reports/report-card';
import { startPlayground, type PlaygroundProcess } from '../../host/playground';
import { reissue } from '../documents/captured-meeting';
import { seedReport } from '../documents/seed-model';
import { launchChromium } from '../support/chromium';
import { PlaygroundDriver } from '../support/playground-driver';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const ADAPTIVECARDS_JS = require.resolve('adaptivecards/dist/adaptivecards.min.js');

// Bounded, and above the sum of one Playground case's waits on a loaded machine.
jest.setTimeout(360_000);

const LINKS = ['Word (.docx)', 'Web page (.html)', 'Markdown (.md)', 'Tab-separated (.tsv)'].map(
  (title, index) => ({ title, url: `https://bot.example.org/reports/${index}${'x'.repeat(200)}` }),
);

/**
 * The report cards measured: the captured meeting's re-issue (interleaved areas, empty updates,
 * done and cancelled actions, a carried-forward table, the changes since v1), the seed, and the
 * seed split over cards small enough that areas and sections continue from card to card.
 */
const REPORTS: Record<string, AdaptiveCard[]> = {
  captured: buildReportCards(reissue(), { links: LINKS }),
  seed: buildReportCards(seedReport(), { links: LINKS }),
  'seed-split': buildReportCards(seedReport(), { links: LINKS, maxBytes: 9 * 1024 }),
};

/** What the measurement found in one rendered card. */
interface CardMeasure {
  readonly tables: number;
  readonly rows: number;
  /** Every cell that is not under its header cell, or a row with another number of cells. */
  readonly problems: string[];
}

/**
 * Runs in the page: for every table of every card, the header row's cells, then each row's cells,
 * by their ARIA roles (both renderers draw a Table as role=table/row/columnheader/cell). A cell
 * sits under its header when its horizontal middle lies within the header cell's x range.
 */
function measureCards(cards: Element[]): CardMeasure[] {
  const own = (scope: Element, selector: string, owner: string) =>
    Array.from(scope.querySelectorAll(selector)).filter((node) => node.closest(owner) === scope);
  return cards.map((card, cardIndex) => {
    const problems: string[] = [];
    let rows = 0;
    const tables = Array.from(card.querySelectorAll('[role="table"]'));
    tables.forEach((tableElement, tableIndex) => {
      const [header, ...body] = own(tableElement, '[role="row"]', '[role="table"]');
      const heads = header ? own(header, '[role="columnheader"]', '[role="row"]') : [];
      const where = `card ${cardIndex + 1} table ${tableIndex + 1}`;
      if (heads.length < 2) problems.push(`${where}: no header row`);
      body.forEach((row, rowIndex) => {
        rows += 1;
        const cells = own(row, '[role="cell"]', '[role="row"]');
        if (cells.length !== heads.length) {
          problems.push(
            `${where} row ${rowIndex + 1}: ${cells.length} cells, ${heads.length} headers`,
          );
        }
        cells.forEach((cell, column) => {
          const head = heads[column]?.getBoundingClientRect();
          const box = cell.getBoundingClientRect();
          const middle = (box.left + box.right) / 2;
          const text = (cell as HTMLElement).innerText.trim();
          if (!head || middle < head.left - 1 || middle > head.right + 1) {
            problems.push(
              `${where} row ${rowIndex + 1} "${text.slice(0, 20)}": x ${Math.round(box.left)}–` +
                `${Math.round(box.right)} is not under header ${column + 1} ` +
                `(${Math.round(head?.left ?? -1)}–${Math.round(head?.right ?? -1)})`,
            );
          }
          if (text === '') problems.push(`${where} row ${rowIndex + 1} cell ${column + 1}: empty`);
        });
      });
    });
    return { tables: tables.length, rows, problems };
  });
}

function expectAligned(measures: readonly CardMeasure[], cards: readonly AdaptiveCard[]): void {
  expect(measures).toHaveLength(cards.length);
  const expectedRows = cards.map(
    (card) =>
      JSON.stringify(card).match(/"type":"TableRow"/g)!.length -
      JSON.stringify(card).match(/"type":"Table"/g)!.length,
  );
  expect(measures.map((measure) => measure.rows)).toEqual(expectedRows);
  expect(measures.flatMap((measure) => measure.problems)).toEqual([]);
}

describe('the report cards, rendered in Chromium and measured', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('split as expected: the seed-split report continues areas and sections over cards', () => {
    expect(REPORTS.captured).toHaveLength(1);
    expect(REPORTS['seed-split']!.length).toBeGreaterThan(2);
    const text = JSON.stringify(REPORTS['seed-split']);
    expect(text).toContain('(continued)');
    expect(text).toContain('Part 1 of');
  });

  describe.each([720, 360])('by the official adaptivecards renderer, %i px wide', (width) => {
    let page: Page;
    beforeAll(async () => {
      page = await browser.newPage({ viewport: { width: width + 40, height: 1000 } });
      await page.setContent('<!DOCTYPE html><html><body style="margin:20px"></body></html>');
      await page.addScriptTag({ path: ADAPTIVECARDS_JS });
    });
    afterAll(async () => {
      await page?.close();
    });

    it.each(Object.keys(REPORTS))(
      'puts every cell of the %s report under its header',
      async (name) => {
        const cards = REPORTS[name]!;
        await page.evaluate(
          ({ cards, width }) => {
            const library = (window as unknown as { AdaptiveCards: typeof import('adaptivecards') })
              .AdaptiveCards;
            document.body.replaceChildren();
            for (const json of cards) {
              const card = new library.AdaptiveCard();
              card.parse(json);
              const holder = document.createElement('div');
              holder.className = 'report-card';
              holder.style.cssText = `width:${width}px;margin-bottom:24px;border:1px solid #ccc`;
              holder.appendChild(card.render() as HTMLElement);
              document.body.appendChild(holder);
            }
          },
          { cards, width },
        );
        const measured = await page.locator('.report-card').evaluateAll(measureCards);
        expectAligned(measured, cards);
        await page.screenshot({
          path: path.join(ARTIFACTS, `report-cards-official-${width}-${name}.png`),
          fullPage: true,
        });
      },
    );
  });

  describe('in the Agents Playground (delivered as the bot’s replies)', () => {
    let bot: ReplyingBot | undefined;
    let playground: PlaygroundProcess | undefined;

    beforeAll(async () => {
      bot = await startReplyingBot();
      playground = await startPlayground({ botEndpoint: bot.endpoint, port: 0, timeoutMs: 60_000 });
    });
    afterAll(async () => {
      // The Playground first (it is what calls the bot), then the bot; each even if one fails.
      try {
        await playground?.stop();
      } finally {
        await bot?.close();
      }
    });

    it.each(Object.keys(REPORTS))(
      'puts every cell of the %s report under its header',
      async (name) => {
        const cards = REPORTS[name]!;
        const driver = await PlaygroundDriver.open(browser, playground!.url, { timeoutMs: 60_000 });
        try {
          // Tall enough that each card is drawn whole for its screenshot.
          await driver.page.setViewportSize({ width: 1400, height: 4000 });
          await driver.sendMessage(name);
          // This message's cards only; a loaded machine gets a minute plus 15 s a card.
          const rendered = await driver
            .waitForNewCards(cards.length, 60_000 + 15_000 * cards.length)
            .catch((error: unknown) => {
              throw new Error(`${String(error)}\nReplies that failed: ${bot!.errors.join('; ')}`);
            });
          expectAligned(await rendered.evaluateAll(measureCards), cards);
          for (let index = 0; index < cards.length; index++) {
            await rendered.nth(index).screenshot({
              path: path.join(ARTIFACTS, `report-cards-playground-${name}-${index + 1}.png`),
            });
          }
          expect(driver.consoleErrors).toEqual([]);
          expect(bot!.errors).toEqual([]);
        } finally {
          await driver.close();
        }
      },
    );
  });
});

/** The reply bot, and how to stop it for good: no new requests, none in flight, no replies. */
interface ReplyingBot {
  readonly endpoint: string;
  /** Replies the Playground did not take (a test reports them rather than just timing out). */
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * A bot that answers a message naming one of {@link REPORTS} with that report's cards, one reply
 * each, as the app posts an issued report: the Playground then draws them as Teams would.
 * Once closed it refuses what still reaches it and posts nothing more.
 */
async function startReplyingBot(): Promise<ReplyingBot> {
  const stopped = new AbortController();
  const replies = new Set<Promise<void>>();
  const errors: string[] = [];
  const server = http.createServer((request, response) => {
    if (stopped.signal.aborted) {
      response.statusCode = 503;
      response.setHeader('Connection', 'close');
      response.end();
      return;
    }
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (!response.writableEnded) {
        response.statusCode = 200;
        response.end();
      }
      if (stopped.signal.aborted) return;
      const sent = reply(parseActivity(body), stopped.signal)
        .catch((error: unknown) => {
          if (!stopped.signal.aborted) errors.push(String(error));
        })
        .finally(() => replies.delete(sent));
      replies.add(sent);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/api/messages`,
    errors,
    close: async () => {
      stopped.abort();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.allSettled([closed, ...replies]);
    },
  };
}

function parseActivity(body: string): IncomingActivity {
  try {
    return JSON.parse(body || '{}') as IncomingActivity;
  } catch {
    return {};
  }
}

interface IncomingActivity {
  type?: string;
  id?: string;
  text?: string;
  serviceUrl?: string;
  conversation?: { id: string };
  from?: unknown;
  recipient?: unknown;
}

async function reply(activity: IncomingActivity, signal: AbortSignal): Promise<void> {
  const cards = REPORTS[(activity.text ?? '').trim()];
  if (activity.type !== 'message' || !cards || !activity.conversation) return;
  const base = String(activity.serviceUrl).replace(/\/$/, '');
  const url =
    `${base}/v3/conversations/${encodeURIComponent(activity.conversation.id)}` +
    `/activities/${encodeURIComponent(activity.id ?? '')}`;
  for (const [index, card] of cards.entries()) {
    const posted = await fetch(url, {
      method: 'POST',
      signal,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        from: activity.recipient,
        recipient: activity.from,
        conversation: activity.conversation,
        replyToId: activity.id,
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
      }),
    });
    if (!posted.ok) throw new Error(`the Playground refused reply ${index + 1}: ${posted.status}`);
  }
}
