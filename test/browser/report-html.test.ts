import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { renderHtml } from '../../documents/html-report';
import { seedReport } from '../documents/seed-model';
import { launchChromium } from '../support/chromium';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

describe('the HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('renders the header, the actions table grouped by area and the discussion items', async () => {
    const report = seedReport();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent(renderHtml(report), { waitUntil: 'load' });

    expect(await page.locator('h1').innerText()).toContain(report.title);
    const headers = await page.locator('table').nth(1).locator('thead th').allInnerTexts();
    expect(headers).toEqual(['Area', 'Action Ref', 'Action', 'Owner', 'Due Date', 'Update']);

    const refs = await page.locator('td.ref').allInnerTexts();
    const expected = report.actionGroups.flatMap((group) => group.rows.map((row) => row.ref));
    expect(refs).toEqual(expected);
    // The area is written once per group, spanning its rows.
    const areaCells = page.locator('th[scope="rowgroup"]');
    expect(await areaCells.count()).toBe(report.actionGroups.length);
    expect(await areaCells.first().getAttribute('rowspan')).toBe(
      String(report.actionGroups[0]?.rows.length),
    );
    const body = await page.locator('body').innerText();
    expect(body).toContain('Key Discussion Items');
    expect(body).toContain('CCAG003');
    expect(await page.locator('td ul li').count()).toBeGreaterThan(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.close();
  });
});
