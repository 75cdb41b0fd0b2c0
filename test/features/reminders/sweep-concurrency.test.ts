import { CHANNEL_ID } from '../../support/activities';
import { ConnectorStub } from '../../support/connector-stub';
import {
  addDueAction,
  cardPosts,
  postToChannel,
  ownersWithChats,
  reminderStores,
  setUpGroup,
  sweepInstance,
  type ReminderStores,
} from '../../support/reminder-fixture';
import { freshTableStorage } from '../../support/test-storage';

// Wednesday 30 March 2022, 10:00 in London: after the 09:00 reminders.
const NOW = new Date('2022-03-30T09:00:00Z');

describe('sweeps that nothing holds up, within limits shared by every instance', () => {
  let connector: ConnectorStub;
  let stores: ReminderStores;

  beforeEach(async () => {
    connector = await ConnectorStub.start();
    stores = reminderStores(await freshTableStorage());
    await setUpGroup(stores, connector.serviceUrl);
  });
  afterEach(async () => {
    await connector.stop();
  });

  it("a conversation that never answers holds up no other: the others' cards arrive while it hangs, and nothing is sent twice", async () => {
    const chats = await ownersWithChats(stores, connector.serviceUrl, 8);
    const silent = chats[0]!;
    connector.silence(silent);
    const { sweep } = sweepInstance(stores, 'instance-a', {
      now: () => NOW,
      sender: { timeoutMs: 4000 },
    });
    let settled = false;
    const running = sweep.run().finally(() => {
      settled = true;
    });

    // All eight requests are made while the silent one is still waiting for its answer.
    await connector.waitForCalls(8, 10_000);
    expect(cardPosts(connector)).toHaveLength(8);
    expect(settled).toBe(false);

    const report = await running;
    expect(report).toMatchObject({ sent: 7, unknown: 1, failed: 0, retried: 0 });
    expect(report.digests.find((digest) => digest.outcome === 'unknown')?.reason).toMatch(
      /timed out, outcome unknown/,
    );
    for (const chat of chats) expect(cardPosts(connector, chat)).toHaveLength(1);

    // The silent conversation's reminder may have arrived: the next sweep does not send it again.
    expect(await sweep.run()).toMatchObject({ sent: 0, unknown: 0 });
    expect(cardPosts(connector, silent)).toHaveLength(1);
  });

  it("the sweep's deadline leaves what has not started for the next sweep", async () => {
    const [silent] = await ownersWithChats(stores, connector.serviceUrl, 1);
    await addDueAction(stores, 'CCAG03-09', [{ display: 'Code bodies' }], '2022-03-30');
    connector.silence(silent!, 1);
    const { sweep } = sweepInstance(stores, 'instance-a', {
      now: () => NOW,
      sender: { timeoutMs: 3000 },
      sweep: { deadlineMs: 1000 },
    });

    // The digest comes after every owner; the silent chat keeps the sweep past its deadline.
    const first = await sweep.run();
    expect(first).toMatchObject({ sent: 0, unknown: 1, deferred: 1, failed: 0 });
    expect(first.digests.find((digest) => digest.owner === 'Code bodies')?.outcome).toBe(
      'deferred',
    );
    expect(cardPosts(connector, CHANNEL_ID)).toHaveLength(0);

    const second = await sweep.run();
    expect(second).toMatchObject({ sent: 1, unknown: 0, deferred: 0, failed: 0 });
    expect(cardPosts(connector, CHANNEL_ID)).toHaveLength(1);
  });

  it('two instances sweeping and posting at once stay within the tenant budget and the per-conversation limit', async () => {
    const owners = 24;
    const chats = await ownersWithChats(stores, connector.serviceUrl, owners);
    const limits = { tenantPerSecond: 12 };
    const a = sweepInstance(stores, 'instance-a', { now: () => NOW, sender: { limits } });
    const b = sweepInstance(stores, 'instance-b', { now: () => NOW, sender: { limits } });
    // Each instance also posts a report's cards to the channel meanwhile.
    const [first, second] = await Promise.all([
      a.sweep.run(),
      b.sweep.run(),
      postToChannel(a.sender, connector.serviceUrl, 8),
      postToChannel(b.sender, connector.serviceUrl, 8),
    ]);

    expect(first.sent + second.sent).toBe(owners);
    for (const chat of chats) expect(cardPosts(connector, chat)).toHaveLength(1);
    expect(cardPosts(connector, CHANNEL_ID)).toHaveLength(16);
    const perSecond = connector.perSecond();
    expect(perSecond.reduce((sum, count) => sum + count, 0)).toBe(owners + 16);
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(12);
    expect(Math.max(...connector.perSecond(cardPosts(connector, CHANNEL_ID)))).toBeLessThanOrEqual(
      7,
    );
  });
});
