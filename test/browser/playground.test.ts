import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from 'playwright-core';
import { ACTION_CARD_BUTTONS } from '../../cards/action-card';
import { ADD_ACTION_BUTTON } from '../../cards/action-form-card';
import { HELP_CARD_TITLE } from '../../cards/help-card';
import { COMMANDS } from '../../core/commands';
import { NEXT_FORM_NOTICE } from '../../features/actions/action-routes';
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
    // A failed test must not leave npm start running (jest would wait on it for ever).
    await stack?.interrupt();
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

  it('adds an action through the form, shows CCAG03-01, and changes the card on Mark done', async () => {
    const playground = await PlaygroundDriver.open(browser, stack.playgroundUrl, {
      timeoutMs: 60_000,
    });
    try {
      await playground.sendMessage('add');
      await playground.waitForAdaptiveCard(ADD_ACTION_BUTTON);
      await playground.fillInput('Group code', 'CCAG');
      await playground.fillInput('Meeting number', '3');
      await playground.fillInput('Area', 'Minutes and actions review');
      await playground.fillInput(
        'Action',
        'Provide detail on Operational Choreography design artefact content',
      );
      await playground.fillInput('Owner', 'Programme (Justin Andrews)');
      // Due date is a date picker, which takes yyyy-mm-dd; the card prints DD/MM/YY.
      await playground.fillInput('Due date', '2031-03-23');
      await playground.clickButton(ADD_ACTION_BUTTON);

      const card = await playground.waitForAdaptiveCard('CCAG03-01');
      const shown = await card.innerText();
      expect(shown).toContain('Programme (Justin Andrews)');
      expect(shown).toContain('23/03/31');
      await playground.screenshot(path.join(ARTIFACTS, 'playground-action-card.png'));

      await playground.clickButton('Mark done');
      const done = await playground.waitForAdaptiveCard('Marked done');
      expect(await done.innerText()).toMatch(/Done/);
      expect(await done.innerText()).not.toContain('Mark done');
      await playground.screenshot(path.join(ARTIFACTS, 'playground-action-done.png'));
    } finally {
      await playground.close();
    }
  });

  it('captures at the speed of speech: add, Add action, then Add another three times, four cards in the chat', async () => {
    const playground = await PlaygroundDriver.open(browser, stack.playgroundUrl, {
      timeoutMs: 60_000,
    });
    const area = 'Smart Meters Act Powers';
    try {
      // A chat of its own (the other tests set CCAG003 up in personal chat): meeting CCAG004.
      await playground.openGroupChat();
      await playground.sendMessage('add');
      await playground.waitForAdaptiveCard(ADD_ACTION_BUTTON);
      await playground.fillInput('Group code', 'CCAG');
      await playground.fillInput('Meeting number', '4');
      await playground.fillInput('Area', area);
      await playground.fillInput('Action', 'Present the seven steps for code drafting');
      await playground.fillInput('Owner', 'Ofgem (Andy MacFaul)');
      await playground.fillInput('Due date', '2031-03-16');
      await playground.clickButton(ADD_ACTION_BUTTON);
      let card = await playground.waitForAdaptiveCard('CCAG04-01');

      const next = [
        ['Share the legal text review plan', 'Programme (Andrew Margan)'],
        ['Circulate the drafting principles', 'Code bodies'],
        ['Confirm the consultation dates', 'Ofgem (Andy MacFaul)'],
      ] as const;
      for (const [index, [text, owner]] of next.entries()) {
        await playground.clickButton(ACTION_CARD_BUTTONS.addAnother, card);
        // The clicked card stays, saying where the form is; the form is a new message.
        await playground.waitForAdaptiveCard(NEXT_FORM_NOTICE);
        const form = await playground.waitForAdaptiveCard(ADD_ACTION_BUTTON);
        expect(await form.innerText()).toContain('CCAG004');
        await playground.fillInput('Action', text, form);
        await playground.fillInput('Owner', owner, form);
        await playground.clickButton(ADD_ACTION_BUTTON, form);
        card = await playground.waitForAdaptiveCard(`CCAG04-0${index + 2}`);
        expect(await card.innerText()).toContain(text);
      }

      // All four actions are in the chat, each with the area and the due date carried along.
      const refs = ['CCAG04-01', 'CCAG04-02', 'CCAG04-03', 'CCAG04-04'];
      for (const ref of refs) {
        const shown = playground.cards().filter({ hasText: ref });
        await expect(shown.count()).resolves.toBe(1);
        await shown.scrollIntoViewIfNeeded();
        expect(await shown.isVisible()).toBe(true);
        const text = await shown.innerText();
        expect(text).toContain(area);
        expect(text).toContain('16/03/31');
      }
      // No form is left open, and no action card came twice (the welcome card is the other one).
      await expect(playground.cards().filter({ hasText: ADD_ACTION_BUTTON }).count()).resolves.toBe(
        0,
      );
      await expect(
        playground
          .cards()
          .filter({ hasText: /CCAG04-\d\d/ })
          .count(),
      ).resolves.toBe(refs.length);
      // Tall enough for the chat pane (which scrolls on its own) to show all four cards at once.
      await playground.page.setViewportSize({ width: 1400, height: 2600 });
      await playground.cards().filter({ hasText: 'CCAG04-01' }).scrollIntoViewIfNeeded();
      await playground.screenshot(path.join(ARTIFACTS, 'playground-add-another.png'));
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
    await waitUntil(async () => /"msg":"stopped"/.test(stack.output())).catch((error: unknown) => {
      throw new Error(`${String(error)}; the stack printed:\n${stack.output().slice(-3000)}`);
    });
    await expect(fetch(stack.playgroundUrl)).rejects.toThrow();
    await expect(fetch(stack.botUrl.replace('/api/messages', '/healthz'))).rejects.toThrow();
    expect(stack.output()).not.toMatch(/"level":50|Start-up failed/);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(100);
  }
}
