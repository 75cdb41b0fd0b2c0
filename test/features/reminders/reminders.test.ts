import { ADA, CHANNEL_ID, GRACE } from '../../support/activities';
import { shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';
import { ConnectorStub } from '../../support/connector-stub';
import {
  CHANNEL_NAME,
  addDueAction,
  cardIn,
  cardPosts,
  givePersonalChat,
  ownerFor,
  reminderStores,
  setUpGroup,
  sweepInstance,
  type ReminderStores,
} from '../../support/reminder-fixture';
import { freshTableStorage } from '../../support/test-storage';

const BOB = {
  id: '29:1Qv-bob',
  name: 'Bob Smith',
  aadObjectId: '2e3f4a5b-5555-4b5c-9d6e-7f8091a2b3c4',
};
const CAROL = {
  id: '29:1Qv-carol',
  name: 'Carol Jones',
  aadObjectId: '3f4a5b6c-6666-4b5c-9d6e-7f8091a2b3c4',
};
// Wednesday 30 March 2022, 10:00 in London (BST): after the 09:00 reminders.
const NOW = new Date('2022-03-30T09:00:00Z');

describe('reminder sweep (Azurite, CloudAdapter, connector stub)', () => {
  let connector: ConnectorStub;
  let stores: ReminderStores;
  const personal: Record<string, string> = {};

  beforeEach(async () => {
    connector = await ConnectorStub.start();
    stores = reminderStores(await freshTableStorage());
    await setUpGroup(stores, connector.serviceUrl);
    personal.ada = await givePersonalChat(stores, connector.serviceUrl, ADA);
    personal.grace = await givePersonalChat(stores, connector.serviceUrl, GRACE);
    personal.carol = await givePersonalChat(stores, connector.serviceUrl, CAROL);
    await addDueAction(stores, 'CCAG03-01', [ownerFor(ADA)], '2022-03-30'); // on the day
    await addDueAction(stores, 'CCAG03-02', [ownerFor(ADA), ownerFor(GRACE)], '2022-04-06'); // 7 days
    await addDueAction(stores, 'CCAG03-03', [{ display: 'Code bodies' }], '2022-03-23'); // overdue
    await addDueAction(stores, 'CCAG03-04', [ownerFor(BOB)], '2022-03-31'); // 1 day
    await addDueAction(stores, 'CCAG03-05', [ownerFor(CAROL)], '2022-03-30');
    await addDueAction(stores, 'CCAG03-06', [ownerFor(GRACE)], '2022-06-30'); // not due yet
  });
  afterEach(async () => {
    await connector.stop();
  });

  it('two instances sweeping at once deliver every due reminder exactly once, one card per owner', async () => {
    const a = sweepInstance(stores, 'instance-a', { now: () => NOW });
    const b = sweepInstance(stores, 'instance-b', { now: () => NOW });
    const [first, second] = await Promise.all([a.sweep.run(), b.sweep.run()]);

    expect(first.sent + second.sent).toBe(6);
    expect(first.skipped + second.skipped).toBe(6);
    expect(connector.sentActivities).toHaveLength(5);
    // Ada: one digest with both of her actions, in her personal chat.
    const [adaCard] = cardPosts(connector, personal.ada!);
    expect(cardPosts(connector, personal.ada!)).toHaveLength(1);
    expectValidCard(cardIn(adaCard));
    expect(shownText(cardIn(adaCard))).toMatch(
      /CCAG03-01[\s\S]*Due today[\s\S]*Cross Code Advisory Group · meeting CCAG003[\s\S]*CCAG03-02[\s\S]*Due in 7 days/,
    );
    expect(cardPosts(connector, personal.grace!)).toHaveLength(1);
    expect(cardPosts(connector, personal.carol!)).toHaveLength(1);
    // Bob has no chat with the bot: it opens one (once, though two instances swept).
    const opened = connector.calls.filter(
      (call) => call.method === 'POST' && call.path === '/v3/conversations',
    );
    expect(opened).toHaveLength(1);
    const bobCards = cardPosts(connector, 'a:1-1-1Qv-bob');
    expect(bobCards).toHaveLength(1);
    expect(shownText(cardIn(bobCards[0]))).toMatch(/CCAG03-04[\s\S]*Due tomorrow/);
    // Code bodies is a body: the channel gets one digest listing it.
    const channel = cardPosts(connector, CHANNEL_ID);
    expect(channel).toHaveLength(1);
    expectValidCard(cardIn(channel[0]));
    expect(shownText(cardIn(channel[0]))).toMatch(
      /Code bodies[\s\S]*CCAG03-03[\s\S]*Overdue by 7 days/,
    );

    // A later sweep the same morning sends nothing again.
    const again = await a.sweep.run();
    expect(again.sent).toBe(0);
    expect(connector.sentActivities).toHaveLength(5);
    const claims = await stores.claims.listDay('2022-03-30');
    expect(claims.every((claim) => claim.state === 'sent')).toBe(true);
  });

  it('waits out 429, retries 5xx, falls back to the channel on 403, records what keeps failing and sends it next sweep', async () => {
    const { sweep } = sweepInstance(stores, 'instance-a', {
      now: () => NOW,
      sender: { maxAttempts: 3 },
    });
    const activities = (id: string) => new RegExp(`^/v3/conversations/${id}/activities`);
    connector.failNext({
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: { code: 'Throttled', message: 'Too many requests.' } },
      path: activities(personal.ada!),
    });
    connector.failNext({ status: 500, path: activities(personal.grace!) });
    connector.failNext({ status: 502, path: activities(personal.grace!) });
    connector.failNext({
      status: 403,
      body: {
        errorCode: 209,
        message:
          '{\r\n  "subCode": "MessageWritesBlocked",\r\n  "details": "Thread is blocked from message writes."\r\n}',
      },
      path: activities(personal.carol!),
    });
    // Bob's new chat refuses three times in a row: his reminder fails and waits for the next sweep.
    connector.failNext({ status: 503, times: 3, path: activities('a:1-1-1Qv-bob') });

    const started = Date.now();
    const report = await sweep.run();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After honoured
    expect(report).toMatchObject({ due: 6, sent: 5, fellBack: 1, failed: 1, retried: 5 });
    const failed = report.digests.find((digest) => digest.outcome === 'failed');
    expect(failed?.owner).toBe('Bob Smith');
    expect(failed?.reason).toMatch(/503.*after 3 attempt/);
    // Carol blocked the bot: her card went to the channel, @mentioning her.
    const fellBack = report.digests.find((digest) => digest.outcome === 'fell back');
    expect(fellBack).toMatchObject({ owner: 'Carol Jones', path: 'channel @mention' });
    expect(fellBack?.reason).toMatch(/personal chat refused: blocked \(403 MessageWritesBlocked\)/);
    const carolCard = cardPosts(connector, CHANNEL_ID)
      .map(cardIn)
      .find((card) => shownText(card).includes('CCAG03-05'));
    expectValidCard(carolCard);
    expect((carolCard as { msteams: { entities: unknown[] } }).msteams.entities).toEqual([
      {
        type: 'mention',
        text: '<at>Carol Jones</at>',
        mentioned: { id: CAROL.id, name: 'Carol Jones' },
      },
    ]);

    const retry = await sweep.run();
    expect(retry).toMatchObject({ sent: 1, failed: 0, skipped: 5 });
    const claims = await stores.claims.listDay('2022-03-30');
    expect(claims).toHaveLength(6);
    expect(claims.every((claim) => claim.state === 'sent')).toBe(true);
    expect(claims.find((claim) => claim.ref === 'CCAG03-04')?.attempts).toBe(2);
    // Delivered (2xx) once each: every POST of a card that was not a queued fault.
    const posts = connector.sentActivities.filter((call) => call.method === 'POST');
    const faults = 1 + 2 + 1 + 3;
    // Five cards carry the six reminders (Ada's lists two; Code bodies is in the digest).
    expect(posts.length - faults).toBe(5);
  });

  it('a send that times out or loses its connection is not resent by the next sweep; once after 30 minutes; never after a second unknown', async () => {
    let clock = NOW;
    const { sweep } = sweepInstance(stores, 'instance-a', {
      now: () => clock,
      sender: { timeoutMs: 300 },
    });
    const activities = (id: string) => new RegExp(`^/v3/conversations/${id}/activities`);
    connector.failNext({ status: 201, delayMs: 1500, path: activities(personal.grace!) });
    connector.failNext({ status: 201, reset: true, path: activities(personal.carol!) });

    const first = await sweep.run();
    expect(first).toMatchObject({ sent: 4, unknown: 2, failed: 0, retried: 0 });
    // One request each: an unknown outcome is never repeated by the sweep that met it.
    expect(cardPosts(connector, personal.grace!)).toHaveLength(1);
    expect(cardPosts(connector, personal.carol!)).toHaveLength(1);
    const grace = await stores.claims.get({
      date: '2022-03-30',
      ref: 'CCAG03-02',
      ruleId: 'before-7',
      targetKey: `user:${GRACE.aadObjectId}`,
    });
    expect(grace).toMatchObject({ state: 'unknown', unknowns: 1 });
    expect(grace?.reason).toMatch(/timed out/);
    expect(first.digests.find((d) => d.owner === 'Carol Jones')?.reason).toMatch(/connection lost/);

    clock = new Date(NOW.getTime() + 10 * 60_000);
    expect(await sweep.run()).toMatchObject({ sent: 0, unknown: 0 });
    expect(cardPosts(connector, personal.grace!)).toHaveLength(1);

    // Half an hour on: each is sent once more. Grace's times out again; Carol's arrives.
    clock = new Date(NOW.getTime() + 31 * 60_000);
    connector.failNext({ status: 201, delayMs: 1500, path: activities(personal.grace!) });
    expect(await sweep.run()).toMatchObject({ sent: 1, unknown: 1 });
    expect(cardPosts(connector, personal.grace!)).toHaveLength(2);
    expect(cardPosts(connector, personal.carol!)).toHaveLength(2);

    // A second unknown outcome is never resent.
    clock = new Date(NOW.getTime() + 3 * 3_600_000);
    expect(await sweep.run()).toMatchObject({ sent: 0, unknown: 0 });
    expect(cardPosts(connector, personal.grace!)).toHaveLength(2);
  });

  it('a reminder claimed by an instance that died is sent once its claim expires', async () => {
    const dead = await stores.claims.claim(
      {
        date: '2022-03-30',
        ref: 'CCAG03-04',
        ruleId: 'before-1',
        targetKey: `user:${BOB.aadObjectId}`,
      },
      'instance-that-died',
      NOW,
      10 * 60_000,
    );
    expect(dead?.state).toBe('claimed');
    let clock = NOW;
    const { sweep } = sweepInstance(stores, 'instance-b', { now: () => clock });
    const first = await sweep.run();
    expect(first.sent).toBe(5);
    expect(cardPosts(connector, 'a:1-1-1Qv-bob')).toHaveLength(0);

    clock = new Date(NOW.getTime() + 11 * 60_000);
    const second = await sweep.run();
    expect(second.sent).toBe(1);
    const bob = cardPosts(connector, 'a:1-1-1Qv-bob').map(cardIn);
    expect(bob).toHaveLength(1);
    expect(shownText(bob[0])).toMatch(/CCAG03-04/);
  });

  it('dry run shows per owner the path and why, naming places, without claiming or sending', async () => {
    const { sweep } = sweepInstance(stores, 'instance-a', { now: () => NOW });
    const report = await sweep.run({ dryRun: true });
    expect(connector.calls).toHaveLength(0);
    expect(await stores.claims.listDay('2022-03-30')).toEqual([]);
    expect(report.digests).toEqual(
      expect.arrayContaining([
        {
          owner: 'Ada Lovelace',
          where: 'the chat with Ada Lovelace',
          path: 'personal chat',
          why: 'they have a chat with the bot (if refused: channel @mention → channel digest)',
          refs: ['CCAG03-01', 'CCAG03-02'],
          rules: ['2022-03-30:on-due', '2022-03-30:before-7'],
        },
        expect.objectContaining({
          owner: 'Bob Smith',
          where: 'a new 1:1 chat with Bob Smith',
          path: 'new 1:1 chat',
          why:
            `no chat with the bot yet: the bot opens one, as the app is installed in the channel "${CHANNEL_NAME}" of Cross Code Advisory Group` +
            ' (if refused: channel @mention → channel digest)',
        }),
        expect.objectContaining({
          owner: 'Code bodies',
          where: `the digest in the channel "${CHANNEL_NAME}" of Cross Code Advisory Group`,
          path: 'channel digest',
          rules: ['2022-03-30:overdue'],
        }),
      ]),
    );
    expect(JSON.stringify(report.digests)).not.toMatch(/19:|a:personal/);
  });
});
