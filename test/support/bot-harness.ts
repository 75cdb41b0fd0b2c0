import { TestAdapter, type Activity } from 'botbuilder';
import type { ReportService } from '../../core/reports/report-service';
import type { MeetingActionsBot } from '../../teams/activity-router';
import { ADA, CARD_MESSAGE_ID, cardAction, message, type Surface } from './activities';
import { memoryServices } from './memory-services';
import { CapturedLog } from './test-app';
import { botOn, reportServiceOn, servicesOn, type TestServices } from './test-services';
import { freshTableStorage } from './test-storage';

type Person = { id: string; name: string; aadObjectId?: string };
type Card = Record<string, unknown>;

/**
 * A conversation with the real bot through botbuilder's TestAdapter, on fresh tables in the test
 * run's Azurite, or with `stores: 'memory'` on in-memory stores (held to the same contract suites,
 * test/storage/contracts/): `say` a message and get the replies, `click` a card button and get the
 * card that comes back.
 */
export class BotHarness {
  private constructor(
    readonly bot: MeetingActionsBot,
    readonly adapter: TestAdapter,
    readonly services: TestServices,
    readonly log: CapturedLog,
    /** Cards replaced for everyone after an answer, as the others in the conversation see them. */
    readonly replaced: ReadonlyArray<{ messageId: string; card: Card }>,
    /**
     * Cards posted in the conversation after a turn (the message extension's new action, the
     * form Add another posts), in order; the n-th has the message id `posted-n` (from 1).
     */
    readonly posted: readonly Card[],
    /** The headline reports of the bot's groups. */
    readonly reports: ReportService,
  ) {}

  static async create(
    options: { now?: () => Date; stores?: 'azurite' | 'memory' } = {},
  ): Promise<BotHarness> {
    const { services, reports } =
      options.stores === 'memory' ? memoryHarness(options.now) : await azuriteHarness(options.now);
    const log = new CapturedLog();
    const replaced: Array<{ messageId: string; card: Card }> = [];
    const posted: Card[] = [];
    const bot = botOn(services, reports, log.logger, {
      ...(options.now ? { now: options.now } : {}),
      // TestAdapter cannot continue a conversation; these record what Teams would be sent.
      afterTurn: {
        replace: async (_reference, messageId, card) => {
          replaced.push({ messageId, card: card as unknown as Card });
        },
        post: async (_reference, card) => {
          posted.push(card as unknown as Card);
        },
      },
    });
    const adapter = new TestAdapter((context) => bot.run(context));
    return new BotHarness(bot, adapter, services, log, replaced, posted, reports);
  }

  /**
   * The conversation as everyone in it sees it now: each card message (the one clicked on by
   * default, {@link CARD_MESSAGE_ID}, and every one posted) with its card as last replaced, in the
   * order the messages appeared. A message clicked on but never replaced is not listed.
   */
  chat(): Array<{ messageId: string; card: Card }> {
    const latest = new Map<string, Card>();
    // The message clicked on by default was there before anything was posted.
    const first = this.replaced.find(({ messageId }) => messageId === CARD_MESSAGE_ID);
    if (first) latest.set(CARD_MESSAGE_ID, first.card);
    this.posted.forEach((card, index) => latest.set(postedMessageId(index), card));
    // A replaced message keeps its place in the conversation (a Map keeps the first insertion).
    for (const { messageId, card } of this.replaced) latest.set(messageId, card);
    return [...latest].map(([messageId, card]) => ({ messageId, card }));
  }

  /** Sends a message and returns what the bot sent back. */
  async say(
    text: string,
    surface: Surface = 'channel',
    from: Person = ADA,
  ): Promise<Partial<Activity>[]> {
    await this.adapter.processActivity(message(text, surface, { from }) as Partial<Activity>);
    await this.bot.whenIdle();
    return this.drain();
  }

  /** The first card of the first reply to a message. */
  async sayForCard(text: string, surface: Surface = 'channel', from: Person = ADA): Promise<Card> {
    const [reply] = await this.say(text, surface, from);
    return cardOf(reply);
  }

  /** Clicks an Action.Execute button: returns the invoke answer's status and card. */
  async click(
    verb: unknown,
    data: unknown,
    surface: Surface = 'channel',
    from: Person = ADA,
    /** The message whose card is clicked: a posted one (`posted-n`), or by default the first. */
    cardMessageId?: string,
  ): Promise<{ status: number; card: Card; sent: Partial<Activity>[] }> {
    await this.adapter.processActivity(
      cardAction(verb, data, surface, {
        from,
        ...(cardMessageId ? { cardMessageId } : {}),
      }) as Partial<Activity>,
    );
    await this.bot.whenIdle();
    const activities = this.drain();
    const response = activities.find((activity) => activity.type === 'invokeResponse');
    const value = response?.value as { status: number; body: { value: Card } } | undefined;
    if (!value) throw new Error(`no invoke response; got ${JSON.stringify(activities)}`);
    return {
      status: value.status,
      card: value.body.value,
      sent: activities.filter((activity) => activity.type !== 'invokeResponse'),
    };
  }

  /**
   * Delivers any activity (built with test/support/activities.ts) and returns what the bot sent
   * back: the invoke answer's card when there is one, and every other reply.
   */
  async deliver(activity: unknown): Promise<{ card?: Card; sent: Partial<Activity>[] }> {
    await this.adapter.processActivity(activity as Partial<Activity>);
    await this.bot.whenIdle();
    const activities = this.drain();
    const response = activities.find((reply) => reply.type === 'invokeResponse');
    const value = response?.value as { body?: { value?: Card } } | undefined;
    return {
      ...(value?.body?.value ? { card: value.body.value } : {}),
      sent: activities.filter((reply) => reply.type !== 'invokeResponse'),
    };
  }

  private drain(): Partial<Activity>[] {
    const sent: Partial<Activity>[] = [];
    while (this.adapter.activeQueue.length > 0) {
      const next = this.adapter.activeQueue.shift();
      if (next) sent.push(next);
    }
    return sent;
  }
}

async function azuriteHarness(now?: () => Date) {
  const storage = await freshTableStorage();
  const services = servicesOn(storage, now);
  return { services, reports: reportServiceOn(storage, services) };
}

function memoryHarness(now?: () => Date) {
  const services = memoryServices(now ? { now } : {});
  return { services, reports: services.reportService };
}

/** The message id of the `index`-th (from 0) card posted after a turn. */
export function postedMessageId(index: number): string {
  return `posted-${index + 1}`;
}

/** The Adaptive Card of a reply. */
export function cardOf(reply: Partial<Activity> | undefined): Card {
  const attachment = reply?.attachments?.[0];
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`expected an Adaptive Card, got ${JSON.stringify(reply)}`);
  }
  return attachment.content as Card;
}

/** Every text a card shows (TextBlocks, TextRuns, facts), joined, for assertions. */
export function shownText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (
        (record.type === 'TextBlock' || record.type === 'TextRun') &&
        typeof record.text === 'string'
      ) {
        texts.push(record.text);
      }
      if (typeof record.title === 'string' && typeof record.value === 'string') {
        texts.push(`${record.title}: ${record.value}`);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return texts.join('\n');
}

/** The value of the input with this id, as the card will show it. */
export function inputValue(card: unknown, id: string): unknown {
  let found: unknown;
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.type === 'string' && record.type.startsWith('Input.') && record.id === id)
        found = record.value;
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Titles of the card's buttons (top level and inside show-cards). */
export function buttonTitles(card: unknown): string[] {
  const titles: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (
        typeof record.type === 'string' &&
        record.type.startsWith('Action.') &&
        typeof record.title === 'string'
      ) {
        titles.push(record.title);
      }
      Object.entries(record).forEach(([key, child]) => key !== 'refresh' && walk(child));
    }
  };
  walk(card);
  return titles;
}
