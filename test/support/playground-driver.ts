// Page object for the Microsoft 365 Agents Playground UI (@microsoft/m365agentsplayground 0.2.28).
// The launcher of the Playground process is host/playground.ts. Findings: test/support/PLAYGROUND.md.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** Which conversation of the Playground to talk in. */
export type PlaygroundConversation =
  { kind: 'personal' } | { kind: 'group' } | { kind: 'channel'; channel: string; team: string };

export interface PlaygroundOpenOptions {
  /** Display name of the bot in the @mention typeahead (Playground default: "Test Bot"). */
  botName?: string;
  /** Hide the Log Panel so text searches don't match its copies of the messages. Default true. */
  hideLogPanel?: boolean;
  /** Default timeout for waits, ms. Default 15000. */
  timeoutMs?: number;
}

export interface SendOptions {
  /**
   * Start the message with an @mention of the bot. Default: false in personal chat, true in
   * group chat and channels (the Playground forwards nothing to the bot there without one).
   */
  mention?: boolean;
}

const EDITOR = '[data-lexical-editor="true"]';
const CARD = '.ac-adaptiveCard';
const SEEN_ATTR = 'data-pg-seen';
const CARD_ID_ATTR = 'data-pg-card';
const DISMISS_BANNER = 'button[aria-label="Dismiss Invoke Message"]';
/** Elements outside the left-hand conversation tree (its items preview the last message). */
const OUTSIDE_NAV = 'xpath=//*[not(ancestor-or-self::*[@role="region" or @role="tree"])]';

function isLocalHost(hostname: string): boolean {
  return ['localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname);
}

export class PlaygroundDriver {
  /** Off-box URLs the page tried (aborted): 3 Segoe UI fonts from res-1.cdn.office.net, and
   *  after a card action the flair.min.js animation worklet from the same CDN. */
  readonly blockedRequests: string[] = [];
  /** Console and page errors, minus the noise of the aborted CDN loads (fonts, flair worklet). */
  readonly consoleErrors: string[] = [];
  private conversation: PlaygroundConversation = { kind: 'personal' };
  private currentCard: Locator | undefined;
  private cardSeq = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly botName: string,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Opens the Playground at `url` (e.g. http://localhost:56200/) in a fresh browser context,
   * aborting every request that is not to localhost or the Playground's own host.
   * Lands in Personal Chat.
   */
  static async open(
    browser: Browser,
    url: string,
    options: PlaygroundOpenOptions = {},
  ): Promise<PlaygroundDriver> {
    const timeoutMs = options.timeoutMs ?? 15_000;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    context.setDefaultTimeout(timeoutMs);
    const ownHost = new URL(url).hostname;
    const page = await context.newPage();
    const driver = new PlaygroundDriver(context, page, options.botName ?? 'Test Bot', timeoutMs);
    await context.route(
      (u) =>
        (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:') &&
        !isLocalHost(u.hostname) &&
        u.hostname !== ownHost,
      async (route) => {
        driver.blockedRequests.push(route.request().url());
        await route.abort();
      },
    );
    page.on('console', (msg) => {
      const text = msg.text();
      if (
        msg.type() === 'error' &&
        !text.includes('net::ERR_FAILED') &&
        !text.includes('cdn.office.net')
      ) {
        driver.consoleErrors.push(text);
      }
    });
    page.on('pageerror', (err) => driver.consoleErrors.push(String(err)));
    // Replies reach the page only over its conversation stream, and the history is client-side:
    // a reply the Playground pushes before that socket is up is lost for good. So open() returns
    // once the conversation stream exists and the log stream (opened beside it) has spoken.
    const streaming = new Promise<void>((resolve) => {
      let conversation = false;
      let logSpoke = false;
      page.on('websocket', (socket) => {
        if (socket.url().includes('/_ws_conversation/')) conversation = true;
        if (conversation && logSpoke) resolve();
        if (!socket.url().includes('/_ws/log/')) return;
        socket.once('framereceived', () => {
          logSpoke = true;
          if (conversation) resolve();
        });
      });
    });
    // The client is one 9.3 MB bundle: 2 s to first render on an idle box, 10 s on a busy one.
    const loadTimeout = Math.max(60_000, timeoutMs);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: loadTimeout });
    await page
      .getByRole('treeitem', { name: 'Personal Chat', exact: true })
      .waitFor({ timeout: loadTimeout });
    await page.locator(EDITOR).first().waitFor();
    await withTimeout(streaming, loadTimeout, 'the Playground page never opened its streams');
    if (options.hideLogPanel ?? true) {
      const hide = page.getByRole('button', { name: 'Hide log panel' });
      if (await hide.isVisible()) await hide.click();
    }
    return driver;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  // ---- conversations -------------------------------------------------------------------------

  async openPersonalChat(): Promise<void> {
    await this.selectTreeItem('Personal Chat');
    this.conversation = { kind: 'personal' };
  }

  async openGroupChat(): Promise<void> {
    await this.selectTreeItem('Group Chat');
    this.conversation = { kind: 'group' };
  }

  /** Opens a team channel; the Playground's defaults are "General" and "Announcements" of "My Team". */
  async openChannel(channel = 'General', team = 'My Team'): Promise<void> {
    await this.selectTreeItem(`${team} - ${channel}`);
    this.conversation = { kind: 'channel', channel, team };
  }

  get currentConversation(): PlaygroundConversation {
    return this.conversation;
  }

  private async selectTreeItem(name: string): Promise<void> {
    await this.page.getByRole('treeitem', { name, exact: true }).click();
    this.currentCard = undefined;
    await this.page.locator(EDITOR).first().waitFor();
  }

  // ---- sending -------------------------------------------------------------------------------

  /**
   * Types `text` into the compose box and sends it (Enter). In a channel this starts a new post;
   * use `replyInThread` to answer inside the newest post's thread.
   */
  async sendMessage(text: string, options: SendOptions = {}): Promise<void> {
    await this.typeAndSend(this.page.locator(EDITOR).first(), text, options);
  }

  /** Channel only: replies in the thread of the newest post (posts are listed newest first). */
  async replyInThread(text: string, options: SendOptions = {}): Promise<void> {
    if (this.conversation.kind !== 'channel') throw new Error('replyInThread needs a channel');
    await this.typeAndSend(this.page.locator(EDITOR).nth(1), text, options);
  }

  private async typeAndSend(editor: Locator, text: string, options: SendOptions): Promise<void> {
    const mention = options.mention ?? this.conversation.kind !== 'personal';
    await this.markCardsSeen();
    await editor.click();
    if (mention) {
      const firstWord = this.botName.split(' ')[0] ?? this.botName;
      await this.page.keyboard.type(`@${firstWord}`);
      await this.page
        .getByRole('listbox', { name: 'Typeahead menu' })
        .getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(this.botName)}`) })
        .first()
        .click();
      await this.page.keyboard.type(' ');
    }
    await this.page.keyboard.type(text);
    const posted = this.page.waitForResponse(
      (r) =>
        r.request().method() === 'POST' &&
        /\/_conversation\/v1\/conversations\/[^/]+\/messages$/.test(new URL(r.url()).pathname),
    );
    await this.page.keyboard.press('Enter');
    await posted;
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Every rendered Adaptive Card (all conversations' cards are re-rendered on switching). */
  cards(): Locator {
    return this.page.locator(CARD);
  }

  /**
   * Waits until `count` Adaptive Cards have appeared since the last `sendMessage` / `clickButton`
   * (cards already on the page do not count) and returns exactly those, oldest first.
   */
  async waitForNewCards(count: number, timeoutMs = this.timeoutMs): Promise<Locator> {
    const newCards = `${CARD}:not([${SEEN_ATTR}])`;
    await this.page.waitForFunction(
      ({ sel, count }) => document.querySelectorAll(sel).length >= count,
      { sel: newCards, count },
      { timeout: timeoutMs },
    );
    return this.page.locator(newCards);
  }

  /** Waits for visible text in the conversation pane (not the conversation tree). */
  async waitForText(text: string | RegExp, timeoutMs = this.timeoutMs): Promise<Locator> {
    const found = this.page
      .getByText(text)
      .and(this.page.locator(OUTSIDE_NAV))
      .filter({ visible: true })
      .last();
    await found.waitFor({ timeout: timeoutMs });
    return found;
  }

  /**
   * Waits for an Adaptive Card whose text contains `textInside` and that is new since the last
   * `sendMessage` / `clickButton` (or whose text did not contain it then, e.g. a card refreshed in
   * place by Action.Execute). With `fresh: false` any card containing the text will do.
   * The card becomes the default scope of `fillInput`, `selectChoice`, `setToggle`, `clickButton`.
   */
  async waitForAdaptiveCard(
    textInside: string,
    options: { timeoutMs?: number; fresh?: boolean } = {},
  ): Promise<Locator> {
    const id = String(++this.cardSeq);
    await this.page.waitForFunction(
      ({ sel, seenAttr, idAttr, text, id, fresh }) => {
        const cards = Array.from(document.querySelectorAll(sel));
        const match = cards.reverse().find((el) => {
          if (!(el.textContent ?? '').includes(text)) return false;
          if (!fresh) return true;
          const seen = el.getAttribute(seenAttr);
          return seen === null || !seen.includes(text);
        });
        if (!match) return false;
        match.setAttribute(idAttr, id);
        return true;
      },
      {
        sel: CARD,
        seenAttr: SEEN_ATTR,
        idAttr: CARD_ID_ATTR,
        text: textInside,
        id,
        fresh: options.fresh ?? true,
      },
      { timeout: options.timeoutMs ?? this.timeoutMs },
    );
    const card = this.page.locator(`${CARD}[${CARD_ID_ATTR}="${id}"]`);
    this.currentCard = card;
    return card;
  }

  // ---- card inputs ---------------------------------------------------------------------------

  /**
   * Fills an Input.Text / Input.Number / Input.Date found by its `label` (Fluent UI inputs carry
   * aria-labelledby → the label). Dates take `YYYY-MM-DD` (committed with Tab; shown as
   * "December 15, 2026" but submitted as typed).
   */
  async fillInput(label: string, value: string, within?: Locator): Promise<void> {
    const input = this.scope(within).getByLabel(labelled(label));
    await input.fill(value);
    const isDate = (await input.getAttribute('aria-haspopup')) === 'dialog';
    if (isDate) {
      await input.press('Tab');
      return;
    }
    const actual = await input.inputValue();
    if (actual !== value) {
      throw new Error(`fillInput(${label}): expected value ${value}, input has ${actual}`);
    }
  }

  /**
   * Picks choices of an Input.ChoiceSet: compact style (combobox → listbox options), multi-select
   * compact (combobox → menu of menuitemcheckbox) or expanded style (radio group / checkboxes).
   */
  async selectChoice(label: string, choices: string | string[], within?: Locator): Promise<void> {
    const wanted = Array.isArray(choices) ? choices : [choices];
    const scope = this.scope(within);
    const group = scope.getByRole('radiogroup', { name: label, exact: true });
    if ((await group.count()) > 0) {
      for (const choice of wanted) await group.getByRole('radio', { name: choice }).check();
      return;
    }
    const combo = scope.getByRole('combobox', { name: label, exact: true });
    if ((await combo.count()) === 0) {
      const boxes = scope.getByRole('group', { name: label, exact: true });
      for (const choice of wanted) await boxes.getByRole('checkbox', { name: choice }).check();
      return;
    }
    await combo.click();
    for (const choice of wanted) {
      await this.page
        .getByRole('option', { name: choice, exact: true })
        .or(this.page.getByRole('menuitemcheckbox', { name: choice, exact: true }))
        .first()
        .click();
    }
    if ((await combo.getAttribute('aria-expanded')) === 'true')
      await this.page.keyboard.press('Escape');
  }

  /** Sets an Input.Toggle; its accessible name is "<label> <title>", so `label` may be either. */
  async setToggle(label: string, on: boolean, within?: Locator): Promise<void> {
    await this.scope(within).getByRole('checkbox', { name: label }).first().setChecked(on);
  }

  /**
   * Clicks a card action button by its title (card buttons carry aria-label = title). Action.Execute
   * posts an adaptiveCard/action invoke; a returned card replaces the original in place, and a
   * banner (see `waitForInvokeMessage`) appears under the card.
   */
  async clickButton(title: string, within?: Locator): Promise<void> {
    await this.markCardsSeen();
    await this.scope(within).getByRole('button', { name: title, exact: true }).click();
  }

  /**
   * Waits for the banner the Playground shows under a card after an Action.Execute and returns
   * its text: "Your response was sent to the app" (card response), the message of an
   * `application/vnd.microsoft.activity.message` response, or the error message of an
   * `application/vnd.microsoft.error` response.
   */
  async waitForInvokeMessage(card?: Locator, timeoutMs = this.timeoutMs): Promise<string> {
    const target = card ?? this.currentCard;
    if (!target) throw new Error('waitForInvokeMessage: no card (call waitForAdaptiveCard first)');
    const handle = await target.elementHandle({ timeout: timeoutMs });
    if (!handle) throw new Error('waitForInvokeMessage: card not found');
    const text = await this.page.waitForFunction(
      ({ el, cardSel, dismissSel }) => {
        // Nearest ancestor that holds a banner and no other card: this card's message.
        for (let node = el.parentElement; node; node = node.parentElement) {
          const dismiss = node.querySelector(dismissSel);
          if (!dismiss) continue;
          if (node.querySelectorAll(cardSel).length !== 1) return false;
          return dismiss.parentElement?.textContent?.trim() || false;
        }
        return false;
      },
      { el: handle, cardSel: CARD, dismissSel: DISMISS_BANNER },
      { timeout: timeoutMs },
    );
    return (await text.jsonValue()) as string;
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true });
  }

  private scope(within?: Locator): Locator | Page {
    return within ?? this.currentCard ?? this.page;
  }

  /** Records each card's current text so `waitForAdaptiveCard` can tell new text from old. */
  private async markCardsSeen(): Promise<void> {
    await this.page.evaluate(
      ({ sel, attr }) => {
        document.querySelectorAll(sel).forEach((el) => el.setAttribute(attr, el.textContent ?? ''));
      },
      { sel: CARD, attr: SEEN_ATTR },
    );
  }
}

/**
 * A required input's label reads "Group code *" to Playwright: the renderer appends a marker
 * (aria-hidden, so screen readers still say "Group code"). Match the label with or without it.
 */
function labelled(label: string): RegExp {
  return new RegExp(`^${escapeRegExp(label)}( \\*)?$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
