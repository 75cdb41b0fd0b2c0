import { ADA, CHANNEL_ID, GRACE } from '../../support/activities';
import { shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';
import { ConnectorStub } from '../../support/connector-stub';
import {
  addDueAction,
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

type Card = Record<string, unknown>;

function postsTo(connector: ConnectorStub, conversationId: string) {
  return connector.sentActivities.filter(
    (call) =>
      call.method === 'POST' &&
      call.path.startsWith(`/v3/conversations/${conversationId}/activities`),
  );
}

function cardIn(call: { body: Record<string, unknown> } | undefined): Card {
  return (call?.body.attachments as Array<{ content: Card }>)[0]!.content;
}

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
    const [adaCard] = postsTo(connector, personal.ada!);
    expect(postsTo(connector, personal.ada!)).toHaveLength(1);
    expectValidCard(cardIn(adaCard));
    expect(shownText(cardIn(adaCard))).toMatch(
      /CCAG03-01[\s\S]*Due today[\s\S]*CCAG03-02[\s\S]*Due in 7 days/,
    );
    expect(postsTo(connector, personal.grace!)).toHaveLength(1);
    expect(postsTo(connector, personal.carol!)).toHaveLength(1);
    // Bob has no personal chat and Code bodies is a body: both in the channel, Bob @mentioned.
    const channel = postsTo(connector, CHANNEL_ID);
    expect(channel).toHaveLength(2);
    const bobCard = channel.map(cardIn).find((card) => shownText(card).includes('CCAG03-04'));
    expect(bobCard).toBeDefined();
    expectValidCard(bobCard);
    expect((bobCard as { msteams: { entities: unknown[] } }).msteams.entities).toEqual([
      { type: 'mention', text: '<at>Bob Smith</at>', mentioned: { id: BOB.id, name: 'Bob Smith' } },
    ]);
    expect(JSON.stringify(bobCard)).toContain('"text":"<at>Bob Smith</at>"');
    const bodies = channel.map(cardIn).find((card) => shownText(card).includes('CCAG03-03'));
    expect(shownText(bodies)).toMatch(/Code bodies[\s\S]*Overdue by 7 days/);

    // A later sweep the same morning sends nothing again.
    const again = await a.sweep.run();
    expect(again.sent).toBe(0);
    expect(connector.sentActivities).toHaveLength(5);
    const claims = await stores.claims.listDay('2022-03-30');
    expect(claims.every((claim) => claim.state === 'sent')).toBe(true);
  });

  it('waits out 429, retries 500 and timeouts, falls back to the channel on 403, records what keeps failing and sends it next sweep', async () => {
    const { sweep } = sweepInstance(stores, 'instance-a', {
      now: () => NOW,
      sender: { maxAttempts: 3, timeoutMs: 300 },
    });
    const activities = (id: string) => new RegExp(`^/v3/conversations/${id}/activities`);
    connector.failNext({
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: { code: 'Throttled', message: 'Too many requests.' } },
      path: activities(personal.ada!),
    });
    connector.failNext({ status: 500, path: activities(personal.grace!) });
    connector.failNext({ status: 504, delayMs: 1500, path: activities(personal.grace!) });
    connector.failNext({
      status: 403,
      body: {
        errorCode: 209,
        message:
          '{\r\n  "subCode": "MessageWritesBlocked",\r\n  "details": "Thread is blocked from message writes."\r\n}',
      },
      path: activities(personal.carol!),
    });
    // The channel refuses three times in a row: Bob's and the bodies' cards (whichever goes first) fail.
    for (let i = 0; i < 3; i++) connector.failNext({ status: 503, path: activities(CHANNEL_ID) });

    const started = Date.now();
    const report = await sweep.run();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000); // Retry-After honoured
    expect(report).toMatchObject({ due: 6, sent: 5, fellBack: 1, failed: 1, retried: 5 });
    const failed = report.digests.find((digest) => digest.outcome === 'failed');
    expect(failed?.reason).toMatch(/503.*after 3 attempt/);
    // Carol's card went to the channel after her chat refused it.
    const fellBack = report.digests.find((digest) => digest.outcome === 'fell back');
    expect(fellBack?.owner).toBe('Carol Jones');

    const retry = await sweep.run();
    expect(retry).toMatchObject({ sent: 1, failed: 0, skipped: 5 });
    const claims = await stores.claims.listDay('2022-03-30');
    expect(claims).toHaveLength(6);
    expect(claims.every((claim) => claim.state === 'sent')).toBe(true);
    const retried = claims.find((claim) => claim.attempts === 2);
    expect(retried).toBeDefined();
    // Delivered (2xx) once each: every POST that was not a queued fault.
    const posts = connector.sentActivities.filter((call) => call.method === 'POST');
    const faults = 1 + 2 + 1 + 3;
    // Five cards carry the six reminders (Ada's card lists two actions).
    expect(posts.length - faults).toBe(5);
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
    expect(
      postsTo(connector, CHANNEL_ID)
        .map(cardIn)
        .some((card) => shownText(card).includes('CCAG03-04')),
    ).toBe(false);

    clock = new Date(NOW.getTime() + 11 * 60_000);
    const second = await sweep.run();
    expect(second.sent).toBe(1);
    const bob = postsTo(connector, CHANNEL_ID)
      .map(cardIn)
      .filter((card) => shownText(card).includes('CCAG03-04'));
    expect(bob).toHaveLength(1);
  });

  it('dry run lists owner, where, refs and rule without claiming or sending', async () => {
    const { sweep } = sweepInstance(stores, 'instance-a', { now: () => NOW });
    const report = await sweep.run({ dryRun: true });
    expect(connector.calls).toHaveLength(0);
    expect(await stores.claims.listDay('2022-03-30')).toEqual([]);
    expect(report.digests).toEqual(
      expect.arrayContaining([
        {
          owner: 'Ada Lovelace',
          where: `personal chat ${personal.ada}`,
          refs: ['CCAG03-01', 'CCAG03-02'],
          rules: ['2022-03-30:on-due', '2022-03-30:before-7'],
        },
        expect.objectContaining({
          owner: 'Code bodies',
          where: `channel ${CHANNEL_ID} of CCAG`,
          rules: ['2022-03-30:overdue'],
        }),
      ]),
    );
  });
});
