import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { CARD_VERBS } from '../../cards/card-verbs';
import { ADA, GRACE, MEETING_CHAT_ID, MEETING_ID, TENANT_ID, message } from '../support/activities';
import { launchChromium } from '../support/chromium';
import { ConnectorStub } from '../support/connector-stub';
import { startTestApp, type TestApp } from '../support/test-app';
import { LocalEntra } from '../tab/local-entra';
import { FORM, invoke } from '../tab/panel-fixture';
import { routeTeamsTestHost } from '../tab/teams-test-host';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
/** Teams' meeting side panel is 320 px wide. */
const PANEL_WIDTH = 320;
const PANEL_HEIGHT = 2400;

jest.setTimeout(90_000);

const THEMES = [
  { theme: 'default', name: 'light', dark: false },
  { theme: 'dark', name: 'dark', dark: true },
  { theme: 'contrast', name: 'high contrast', dark: true },
] as const;

describe('the side panel at 320 px in the Teams themes (headless Chromium)', () => {
  let connector: ConnectorStub;
  let entra: LocalEntra;
  let subject: TestApp;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    connector = await ConnectorStub.start();
    entra = await LocalEntra.start();
    subject = await startTestApp(entra.settings());
    connector.members = [ADA, GRACE];
    const serviceUrl = connector.serviceUrl;
    await subject.post(message('help', 'meetingChat', { serviceUrl }));
    await subject.post(invoke(serviceUrl, CARD_VERBS.addAction, FORM));
    await subject.post(
      invoke(serviceUrl, CARD_VERBS.addAction, {
        area: 'Smart Meters Act Powers',
        text: 'Present the seven steps for code drafting and code approval at next CCAG',
        owner: 'Ofgem (Andy MacFaul), Programme (Ada Lovelace)',
        due: '16/03/22 (to include in meeting papers)',
        confirmPast: 'true',
      }),
    );
    await subject.post(
      invoke(serviceUrl, CARD_VERBS.addDiscussion, {
        area: 'Smart Meters Act Powers',
        text: 'Ofgem presented SMAP.\n\n- lead times\n- parliamentary recess (action CCAG03-02)',
      }),
    );
    browser = await launchChromium();
  });
  beforeEach(async () => {
    // bypassCSP lets the test inject axe-core; the page itself allows only its own scripts.
    // Tall enough for the whole panel in one screenshot; British dates in the date pickers.
    context = await browser.newContext({
      bypassCSP: true,
      viewport: { width: 360, height: PANEL_HEIGHT + 20 },
      locale: 'en-GB',
    });
    await context.exposeFunction('testToken', () => entra.token(ADA.aadObjectId));
  });
  afterEach(async () => context.close());
  afterAll(async () => {
    await browser?.close();
    await subject?.app.stop();
    await connector?.stop();
    await entra?.stop();
  });

  async function openPanel(theme: string): Promise<{ page: Page; frame: Frame }> {
    await routeTeamsTestHost(context, subject.app.url, {
      chatId: MEETING_CHAT_ID,
      meetingId: MEETING_ID,
      tenantId: TENANT_ID,
      userObjectId: ADA.aadObjectId,
      userName: ADA.name,
      theme,
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
    });
    const page = await context.newPage();
    await page.goto('https://teams.microsoft.com/test-host');
    const frame = await (await page.waitForSelector('#panel')).contentFrame();
    if (!frame) throw new Error('no panel frame');
    await frame.getByText('CCAG03-01').first().waitFor({ timeout: 15_000 });
    return { page, frame };
  }

  const cardOf = (frame: Frame, ref: string): Locator =>
    frame.locator('li.card-surface', { hasText: ref });

  it.each(THEMES)(
    'in the $name theme: follows Teams, fits 320 px, its buttons work and axe finds nothing serious',
    async ({ theme, name, dark }) => {
      const { page, frame } = await openPanel(theme);
      expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      const background = await frame.evaluate(
        () => getComputedStyle(document.body).backgroundColor,
      );
      expect(luminance(background) < 0.2).toBe(dark);

      // The add form is on top, and adds through the bot; the next form keeps the area.
      const form = frame.locator('.form-card');
      const text = `Circulate the ${name} theme notes`;
      await form.getByRole('textbox', { name: /^Action\b/ }).fill(text);
      await form.getByRole('textbox', { name: /^Owner\b/ }).fill('Programme (Ada Lovelace)');
      await form.getByRole('button', { name: 'Add action' }).click();
      const status = frame.locator('.panel-header [role="status"]');
      const added = await eventually(async () => {
        const said = (await status.textContent()) ?? '';
        if (/^Nothing was added/.test(said)) throw new Error(`the form was refused: ${said}`);
        return /^Added (CCAG03-\d+)/.exec(said)?.[1];
      });
      const ref = added;
      await cardOf(frame, ref).waitFor();

      // The buttons chat has: Mark done, then Reopen, Change due date (words), Add update.
      await cardOf(frame, ref).getByRole('button', { name: 'Mark done' }).click();
      await cardOf(frame, ref).getByText('Marked done by Ada Lovelace').waitFor();
      await cardOf(frame, ref).getByRole('button', { name: 'Reopen' }).click();
      await cardOf(frame, ref).getByText('Reopened by Ada Lovelace').waitFor();
      await cardOf(frame, ref).getByRole('button', { name: 'Change due date' }).click();
      await cardOf(frame, ref)
        .getByRole('textbox', { name: /^New due date/ })
        .fill('15 Jan 2027');
      await cardOf(frame, ref).getByRole('button', { name: 'Save due date' }).click();
      await cardOf(frame, ref).getByText('Due date: 15/01/27').waitFor();
      await cardOf(frame, ref).getByRole('button', { name: 'Add update' }).click();
      await cardOf(frame, ref)
        .getByRole('textbox', { name: /^Update/ })
        .fill('Notes drafted');
      await cardOf(frame, ref).getByRole('button', { name: 'Save update' }).click();
      await cardOf(frame, ref).getByText('Update: Notes drafted').waitFor();

      // Nothing is cut off or scrolls sideways at 320 px.
      const overflow = await frame.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        widest: Math.max(
          ...Array.from(document.querySelectorAll('button, input, textarea, .card-surface')).map(
            (node) => node.getBoundingClientRect().right,
          ),
        ),
      }));
      expect(overflow.page).toBeLessThanOrEqual(0);
      expect(overflow.widest).toBeLessThanOrEqual(PANEL_WIDTH);

      // An open small form is part of what people see: check and photograph the panel with one.
      await cardOf(frame, 'CCAG03-01').getByRole('button', { name: 'Change due date' }).click();
      await frame.evaluate(() => window.scrollTo(0, 0));
      await page
        .locator('#panel')
        .screenshot({ path: path.join(ARTIFACTS, `side-panel-${theme}.png`) });
      expect(await seriousViolations(frame)).toEqual([]);
    },
  );

  it('switches theme when Teams does, without reloading', async () => {
    const { page, frame } = await openPanel('default');
    const before = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.evaluate(() =>
      (window as unknown as { changeTheme(t: string): void }).changeTheme('dark'),
    );
    await eventually(async () =>
      (await frame.evaluate(() => document.documentElement.dataset.theme)) === 'dark'
        ? true
        : undefined,
    );
    const after = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(luminance(before)).toBeGreaterThan(0.8);
    expect(luminance(after)).toBeLessThan(0.2);
    // The cards follow too: their text takes the theme's foreground colour.
    const cardText = await frame
      .locator('.ac-textBlock[role="heading"]')
      .first()
      .evaluate((node) => getComputedStyle(node).color);
    expect(luminance(cardText)).toBeGreaterThan(0.8);
  });
});

/** What `probe` gives once it gives something, polling for up to 15 seconds. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function seriousViolations(frame: Frame): Promise<string[]> {
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await frame.addScriptTag({ content: axeSource });
  return frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (ctx: Document) => Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.nodes
            .slice(0, 3)
            .map((node) => JSON.stringify(node.target))
            .join(', ')}`,
      );
  });
}

/** Relative luminance (0 black … 1 white) of a CSS `rgb(…)` colour. */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}
