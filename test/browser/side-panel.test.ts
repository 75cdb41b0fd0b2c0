import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Frame } from 'playwright-core';
import { CARD_VERBS } from '../../cards/card-verbs';
import { ADA, GRACE, MEETING_CHAT_ID, MEETING_ID, TENANT_ID, message } from '../support/activities';
import { launchChromium } from '../support/chromium';
import { ConnectorStub } from '../support/connector-stub';
import { startTestApp, type TestApp } from '../support/test-app';
import { LocalEntra } from '../tab/local-entra';
import { PANEL_ORIGIN, routeTeamsTestHost } from '../tab/teams-test-host';
import { FORM, invoke } from '../tab/panel-fixture';

jest.setTimeout(60000);

describe('the meeting side panel in headless Chromium', () => {
  let connector: ConnectorStub;
  let entra: LocalEntra;
  let subject: TestApp;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    connector = await ConnectorStub.start();
    entra = await LocalEntra.start();
    subject = await startTestApp(entra.settings());
    connector.members = [ADA, GRACE];
    await subject.post(message('help', 'meetingChat', { serviceUrl: connector.serviceUrl }));
    await subject.post(invoke(connector.serviceUrl, CARD_VERBS.addAction, FORM));
    browser = await launchChromium();
  });
  beforeEach(async () => {
    // bypassCSP lets the test inject axe-core; the page itself allows only its own scripts.
    context = await browser.newContext({ bypassCSP: true });
    await routeTeamsTestHost(context, subject.app.url, {
      chatId: MEETING_CHAT_ID,
      meetingId: MEETING_ID,
      tenantId: TENANT_ID,
      userObjectId: ADA.aadObjectId,
    });
    await context.exposeFunction('testToken', () => entra.token(ADA.aadObjectId));
  });
  afterEach(async () => context.close());
  afterAll(async () => {
    await browser?.close();
    await subject.app.stop();
    await connector.stop();
    await entra.stop();
  });

  async function panelFrame(): Promise<Frame> {
    const page = await context.newPage();
    await page.goto('https://teams.microsoft.com/test-host');
    const handle = await page.waitForSelector('#panel');
    const frame = await handle.contentFrame();
    if (!frame) throw new Error('no panel frame');
    return frame;
  }

  it('in the Teams test host: shows the actions, adds one through the form, and sees the bot’s change', async () => {
    const frame = await panelFrame();
    await frame.getByText('CCAG03-01').waitFor({ timeout: 15000 });
    await frame.getByRole('heading', { name: FORM.area }).first().waitFor();

    const form = frame.locator('.form-card');
    await form.getByRole('textbox', { name: /^Action\b/ }).fill('Share the PSG paper pack');
    await form.getByRole('textbox', { name: /^Owner\b/ }).fill('Programme (Ada Lovelace)');
    await form.getByRole('button', { name: 'Add action' }).click();
    await frame.getByText('CCAG03-02').first().waitFor({ timeout: 10000 });
    await frame.getByText('Share the PSG paper pack').first().waitFor();

    // A change made in chat (through the bot) reaches the open panel by polling.
    await subject.post(
      invoke(connector.serviceUrl, CARD_VERBS.addUpdate, {
        ref: 'CCAG03-01',
        updateText: 'Walkthrough booked for 2 March',
      }),
    );
    await frame.getByText('Walkthrough booked for 2 March').waitFor({ timeout: 15000 });

    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await frame.addScriptTag({ content: axeSource });
    const violations = await frame.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              ctx: Document,
            ) => Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
          };
        }
      ).axe;
      const result = await axe.run(document);
      return result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id} (${violation.impact}, ${violation.nodes.length})`);
    });
    expect(violations).toEqual([]);
  });

  it('opened outside Teams, it says at once that it must be opened in Teams', async () => {
    const page = await context.newPage();
    await page.goto(`${PANEL_ORIGIN}/tab`);
    // Well inside teams-js's own 60-second give-up: the page decides without waiting for it.
    await page.getByText('Open this page in Microsoft Teams').waitFor({ timeout: 10_000 });
  });
});
