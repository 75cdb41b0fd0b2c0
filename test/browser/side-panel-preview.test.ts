import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CARD_VERBS } from '../../cards/card-verbs';
import { MEETING_CHAT_ID, message } from '../support/activities';
import { launchChromium } from '../support/chromium';
import { ConnectorStub } from '../support/connector-stub';
import { startTestApp, type TestApp } from '../support/test-app';
import { FORM, invoke } from '../tab/panel-fixture';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

jest.setTimeout(60_000);

/** `npm start` without sign-on: the panel opened in a browser on this machine, outside Teams. */
describe('the side panel’s local preview (headless Chromium, no sign-on)', () => {
  let connector: ConnectorStub;
  let subject: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    connector = await ConnectorStub.start();
    subject = await startTestApp();
    await subject.post(message('help', 'meetingChat', { serviceUrl: connector.serviceUrl }));
    await subject.post(invoke(connector.serviceUrl, CARD_VERBS.addAction, FORM));
    browser = await launchChromium();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 320, height: 1200 } });
    // Outside Teams nothing may reach the internet (teams-js asks a CDN for valid domains).
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort('blockedbyclient'));
  });
  afterEach(async () => page.close());
  afterAll(async () => {
    await browser?.close();
    await subject?.app.stop();
    await connector?.stop();
  });

  it('offers the conversations the bot is in, then shows the chosen board and adds through the bot', async () => {
    await page.goto(`${subject.app.url}/tab`);
    await page.getByRole('heading', { name: 'Local preview' }).waitFor({ timeout: 10_000 });
    const meetingChat = page.getByRole('button', { name: /^Meeting chat · CCAG003/ });
    await meetingChat.waitFor({ timeout: 10_000 });
    await page.screenshot({
      path: path.join(ARTIFACTS, 'side-panel-preview-conversations.png'),
      fullPage: true,
    });
    await meetingChat.click();
    await page.getByText('CCAG03-01').first().waitFor({ timeout: 10_000 });
    // The address now names the conversation, so a reload shows the same board.
    expect(new URL(page.url()).searchParams.get('conversationId')).toBe(MEETING_CHAT_ID);

    const form = page.locator('.form-card');
    await form.getByRole('textbox', { name: /^Action\b/ }).fill('Share the PSG paper pack');
    await form.getByRole('textbox', { name: /^Owner\b/ }).fill('Programme (PMO)');
    await form.getByRole('button', { name: 'Add action' }).click();
    await page.getByText('CCAG03-02').first().waitFor({ timeout: 10_000 });
  });

  it('switches between the Teams themes, and keeps the choice in the address', async () => {
    await page.goto(`${subject.app.url}/tab?conversationId=${encodeURIComponent(MEETING_CHAT_ID)}`);
    await page.getByText('CCAG03-01').first().waitFor({ timeout: 10_000 });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('default');
    await page.getByRole('button', { name: 'Dark' }).click();
    expect(await theme()).toBe('dark');
    expect(new URL(page.url()).searchParams.get('theme')).toBe('dark');
    await page.mouse.move(0, 0);
    await page.screenshot({
      path: path.join(ARTIFACTS, 'side-panel-preview-dark.png'),
      fullPage: true,
    });
    await page.getByRole('button', { name: 'High contrast' }).click();
    expect(await theme()).toBe('contrast');
    await page.reload();
    await page.getByText('CCAG03-01').first().waitFor({ timeout: 10_000 });
    expect(await theme()).toBe('contrast');
  });
});
