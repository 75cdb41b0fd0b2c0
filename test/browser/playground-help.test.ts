import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { HELP_CARD_TITLE } from '../../cards/help-card';
import { COMMANDS } from '../../core/commands';
import { launchChromium } from '../support/chromium';
import { startLocalStack, type LocalStack } from '../support/local-stack';
import { PlaygroundDriver } from '../support/playground-driver';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');

jest.setTimeout(180_000);

describe('npm start, in the Agents Playground', () => {
  let stack: LocalStack;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [stack, browser] = await Promise.all([startLocalStack(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('answers help with the help card, rendered', async () => {
    const playground = await PlaygroundDriver.open(browser, stack.playgroundUrl, {
      timeoutMs: 60_000,
    });
    try {
      await playground.sendMessage('help');
      const card = await playground.waitForAdaptiveCard(HELP_CARD_TITLE);
      const shown = await card.innerText();
      for (const command of COMMANDS) expect(shown).toContain(command.usage);
      await playground.screenshot(path.join(ARTIFACTS, 'playground-help.png'));
      expect(playground.consoleErrors).toEqual([]);
    } finally {
      await playground.close();
    }
  });

  it('stops everything cleanly on Ctrl-C', async () => {
    const health = await fetch(stack.botUrl.replace('/api/messages', '/healthz'));
    expect(health.status).toBe(200);
    await stack.interrupt();
    // npm itself dies of the signal at once; the app and the Playground shut down behind it.
    await waitUntil(async () => /"msg":"stopped"/.test(stack.output()));
    await expect(fetch(stack.playgroundUrl)).rejects.toThrow();
    await expect(fetch(stack.botUrl.replace('/api/messages', '/healthz'))).rejects.toThrow();
    expect(stack.output()).not.toMatch(/"level":50|Start-up failed/);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
