import { createMeeting } from '../../../core/meeting';
import { ADA, BOT, CHANNEL_ID, TENANT_ID } from '../../support/activities';
import { shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';
import { ConnectorStub, type RecordedCall } from '../../support/connector-stub';
import {
  CHANNEL_NAME,
  TEST_BOT_APP_ID,
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
import { InMemoryDirectory, RecordingMailer } from './people-fakes';

// Wednesday 30 March 2022, 10:00 in London: after the 09:00 reminders.
const NOW = new Date('2022-03-30T09:00:00Z');

const person = (key: string, name: string, n: number) => ({
  id: `29:1Qv-${key}`,
  name,
  aadObjectId: `00000000-0000-4000-8000-00000000000${n}`,
});
const BOB = person('bob', 'Bob Smith', 1);
const CAROL = person('carol', 'Carol Jones', 2);
const DAN = person('dan', 'Dan Brown', 3);
const EVE = person('eve', 'Eve Adams', 4);

function chatsOpened(connector: ConnectorStub): RecordedCall[] {
  return connector.calls.filter(
    (call) => call.method === 'POST' && call.path === '/v3/conversations',
  );
}

describe('every owner reached: chat, a 1:1 the bot opens, e-mail, @mention, one digest', () => {
  let connector: ConnectorStub;
  let stores: ReminderStores;

  beforeEach(async () => {
    connector = await ConnectorStub.start();
    stores = reminderStores(await freshTableStorage());
    await setUpGroup(stores, connector.serviceUrl);
    await stores.groups.createMeetingIfMissing(
      createMeeting({ groupCode: 'CCAG', number: 3, start: '2022-02-23T10:00:00Z' }),
    );
  });
  afterEach(async () => {
    await connector.stop();
  });

  it('a picked owner with no chat with the bot is reminded in a 1:1 chat the bot opens, which later sweeps reuse', async () => {
    await addDueAction(stores, 'CCAG03-01', [ownerFor(BOB)], '2022-03-30');
    await addDueAction(stores, 'CCAG03-02', [ownerFor(BOB)], '2022-04-06');
    const { sweep } = sweepInstance(stores, 'instance-a', { now: () => NOW });

    const report = await sweep.run();
    expect(report).toMatchObject({ sent: 2, opened: 2, failed: 0 });
    const [opened, ...more] = chatsOpened(connector);
    expect(more).toHaveLength(0);
    expect(opened?.body).toMatchObject({
      isGroup: false,
      bot: BOT,
      members: [{ id: BOB.id }],
      tenantId: TENANT_ID,
      channelData: { tenant: { id: TENANT_ID } },
    });
    const cards = cardPosts(connector, 'a:1-1-1Qv-bob');
    expect(cards).toHaveLength(1);
    expectValidCard(cardIn(cards[0]));
    expect(shownText(cardIn(cards[0]))).toMatch(
      /For:\s*Bob Smith[\s\S]*CCAG03-01[\s\S]*Due today[\s\S]*Cross Code Advisory Group · meeting CCAG003 \(23\/02\/22\)/,
    );
    // The new chat is kept as Bob's chat with the bot.
    expect(await stores.conversations.get('a:1-1-1Qv-bob')).toMatchObject({
      kind: 'personal',
      userId: BOB.id,
      userAadObjectId: BOB.aadObjectId,
      tenantId: TENANT_ID,
    });

    // A week later the next reminder goes to that chat; no chat is opened again.
    const later = sweepInstance(stores, 'instance-b', {
      now: () => new Date('2022-04-06T09:00:00Z'),
    });
    const next = await later.sweep.run();
    expect(next.digests.map((digest) => digest.path)).toEqual(['personal chat']);
    expect(chatsOpened(connector)).toHaveLength(1);
    expect(cardPosts(connector, 'a:1-1-1Qv-bob')).toHaveLength(2);
  });

  it('tries the paths in order; a 403 on the 1:1 chat falls through to e-mail, then to an @mention; the rest share one digest', async () => {
    await givePersonalChat(stores, connector.serviceUrl, ADA);
    await addDueAction(stores, 'CCAG03-01', [ownerFor(ADA)], '2022-03-30');
    await addDueAction(stores, 'CCAG03-02', [ownerFor(BOB)], '2022-03-30');
    await addDueAction(stores, 'CCAG03-03', [ownerFor(CAROL)], '2022-03-30');
    await addDueAction(stores, 'CCAG03-04', [ownerFor(DAN)], '2022-03-30');
    await addDueAction(stores, 'CCAG03-05', [ownerFor(EVE)], '2022-03-30');
    await addDueAction(stores, 'CCAG03-06', [{ display: 'Ofgem (Zoë Lefèvre)' }], '2022-03-30');
    await addDueAction(stores, 'CCAG03-07', [{ display: 'Code bodies' }], '2022-03-30');
    await addDueAction(stores, 'CCAG03-08', [{ display: 'REC (Ann Perry)' }], '2022-03-30');
    const people = new InMemoryDirectory({
      CCAG: [
        { name: 'Bob Smith', email: 'bob@example.org', aadObjectId: BOB.aadObjectId },
        { name: 'Carol Jones', email: 'carol@example.org', aadObjectId: CAROL.aadObjectId },
        { name: 'Eve Adams', email: 'eve@example.org', aadObjectId: EVE.aadObjectId },
        { name: 'Zoe Lefevre', organisation: 'Ofgem', email: 'zoe.lefevre@ofgem.example' },
        { name: 'Ann Perry', organisation: 'Elexon', email: 'ann@elexon.example' },
        { name: 'Ann Perry', organisation: 'DCC', email: 'ann.perry@dcc.example' },
      ],
    });
    // The app may not reach Carol or Dan in a 1:1 chat; Eve's new chat refuses the card.
    for (const who of [CAROL, DAN]) {
      connector.failNext({
        status: 403,
        path: /^\/v3\/conversations$/,
        requestBody: new RegExp(who.id),
        body: { error: { code: 'ForbiddenOperationException', message: 'not installed' } },
      });
    }
    connector.failNext({
      status: 403,
      path: /^\/v3\/conversations\/a:1-1-1Qv-eve\/activities/,
      body: { error: { code: 'ConversationBlockedByUser', message: 'blocked' } },
    });
    const mailer = new RecordingMailer();
    const { sweep } = sweepInstance(stores, 'instance-a', { now: () => NOW, people, mailer });

    const report = await sweep.run();
    const byOwner = Object.fromEntries(report.digests.map((digest) => [digest.owner, digest]));
    expect(byOwner['Ada Lovelace']).toMatchObject({ path: 'personal chat', outcome: 'sent' });
    expect(byOwner['Bob Smith']).toMatchObject({ path: 'new 1:1 chat', outcome: 'sent' });
    expect(byOwner['Carol Jones']).toMatchObject({
      path: 'e-mail',
      where: 'e-mail to carol@example.org',
      outcome: 'fell back',
    });
    expect(byOwner['Carol Jones']?.reason).toMatch(/new 1:1 chat refused.*403/);
    expect(byOwner['Eve Adams']).toMatchObject({ path: 'e-mail', outcome: 'fell back' });
    expect(byOwner['Dan Brown']).toMatchObject({
      path: 'channel @mention',
      where: `the channel "${CHANNEL_NAME}" of Cross Code Advisory Group`,
      outcome: 'fell back',
    });
    expect(byOwner['Zoe Lefevre']).toMatchObject({ path: 'e-mail', outcome: 'sent' });
    expect(byOwner['Code bodies']).toMatchObject({ path: 'channel digest', outcome: 'sent' });
    expect(byOwner['REC (Ann Perry)']).toMatchObject({ path: 'channel digest', outcome: 'sent' });
    expect(byOwner['REC (Ann Perry)']?.why).toMatch(/more than one person .* Ann Perry/);
    expect(report).toMatchObject({ due: 8, sent: 8, mailed: 3, digested: 2, failed: 0 });

    expect(mailer.sent.map((mail) => mail.to).sort()).toEqual([
      'carol@example.org',
      'eve@example.org',
      'zoe.lefevre@ofgem.example',
    ]);
    // The channel sees Dan's @mention and one digest: Code bodies and the ambiguous owner.
    const channel = cardPosts(connector, CHANNEL_ID).map(cardIn);
    expect(channel).toHaveLength(2);
    const mention = channel.find((card) => shownText(card).includes('CCAG03-04'));
    expect((mention as { msteams: { entities: unknown[] } }).msteams.entities).toEqual([
      { type: 'mention', text: '<at>Dan Brown</at>', mentioned: { id: DAN.id, name: 'Dan Brown' } },
    ]);
    const digest = channel.find((card) => shownText(card).includes('Code bodies'));
    expectValidCard(digest);
    expect(shownText(digest)).toMatch(
      /could not reach[\s\S]*Code bodies[\s\S]*CCAG03-07[\s\S]*REC \(Ann Perry\)[\s\S]*CCAG03-08/,
    );
  });

  it('sends each e-mail exactly once across two concurrent sweeps, carrying what the card carries', async () => {
    await addDueAction(stores, 'CCAG03-01', [{ display: 'Ofgem (Andy MacFaul)' }], '2022-03-30');
    await addDueAction(stores, 'CCAG03-02', [{ display: 'Ofgem (Andy MacFaul)' }], '2022-03-23');
    await addDueAction(stores, 'CCAG03-03', [{ display: 'DCUSA (John Lawton)' }], '2022-03-31');
    const people = new InMemoryDirectory({
      CCAG: [
        { name: 'Andy MacFaul', organisation: 'Ofgem', email: 'andy@ofgem.example' },
        { name: 'John Lawton', organisation: 'DCUSA', email: 'john@dcusa.example' },
      ],
    });
    const mailer = new RecordingMailer();
    const a = sweepInstance(stores, 'instance-a', { now: () => NOW, people, mailer });
    const b = sweepInstance(stores, 'instance-b', { now: () => NOW, people, mailer });

    const [first, second] = await Promise.all([a.sweep.run(), b.sweep.run()]);
    expect(first.mailed + second.mailed).toBe(3);
    expect(mailer.sent).toHaveLength(2);
    expect(mailer.to('andy@ofgem.example')).toHaveLength(1);
    expect(mailer.to('john@dcusa.example')).toHaveLength(1);
    expect(await a.sweep.run()).toMatchObject({ sent: 0, mailed: 0 });
    expect(mailer.sent).toHaveLength(2);

    const [andy] = mailer.to('andy@ofgem.example');
    expect(andy?.subject).toBe('Reminder: 2 actions due – Cross Code Advisory Group');
    const [john] = mailer.to('john@dcusa.example');
    expect(john?.subject).toBe('Reminder: CCAG03-03 due tomorrow – Cross Code Advisory Group');
    for (const mail of [andy!, john!]) {
      expect(mail.text).toMatch(/Cross Code Advisory Group · meeting CCAG003 \(23\/02\/22\)/);
      expect(mail.html).toContain('Cross Code Advisory Group · meeting CCAG003 (23/02/22)');
      expect(`${mail.text}${mail.html}`).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
    expect(andy?.text).toMatch(
      /Hello Andy MacFaul,[\s\S]*CCAG03-01 · Due today[\s\S]*Due date: 30\/03\/22[\s\S]*CCAG03-02 · Overdue by 7 days[\s\S]*Due date: 23\/03\/22/,
    );
    const link =
      `https://teams.microsoft.com/l/chat/0/0?users=28%3A${TEST_BOT_APP_ID}` +
      '&message=show%20CCAG03-01';
    expect(andy?.text).toContain(`Open in Teams: ${link}`);
    expect(andy?.html).toContain(
      `<a href="${link.replace(/&/g, '&amp;')}">Open CCAG03-01 in Teams</a>`,
    );
    expect(andy?.idempotencyKey).not.toBe(john?.idempotencyKey);
  });

  it('an e-mail the server refuses falls through to the digest; one it cannot reach is sent by the next sweep under the same key', async () => {
    await addDueAction(stores, 'CCAG03-01', [{ display: 'Ofgem (Andy MacFaul)' }], '2022-03-30');
    await addDueAction(stores, 'CCAG03-02', [{ display: 'DCUSA (John Lawton)' }], '2022-03-30');
    const people = new InMemoryDirectory({
      CCAG: [
        { name: 'Andy MacFaul', organisation: 'Ofgem', email: 'andy@ofgem.example' },
        { name: 'John Lawton', organisation: 'DCUSA', email: 'john@dcusa.example' },
      ],
    });
    const mailer = new RecordingMailer();
    mailer.refuse.add('andy@ofgem.example');
    mailer.unavailableOnce.add('john@dcusa.example');
    const { sweep } = sweepInstance(stores, 'instance-a', { now: () => NOW, people, mailer });

    const first = await sweep.run();
    expect(first).toMatchObject({ sent: 1, digested: 1, failed: 1 });
    const digest = cardPosts(connector, CHANNEL_ID).map(cardIn);
    expect(digest).toHaveLength(1);
    expect(shownText(digest[0])).toMatch(/Andy MacFaul[\s\S]*CCAG03-01/);
    expect(mailer.attempts).toBe(2);

    const second = await sweep.run();
    expect(second).toMatchObject({ sent: 1, mailed: 1, failed: 0 });
    expect(mailer.to('john@dcusa.example')).toHaveLength(1);
    expect(mailer.attempts).toBe(3);
    expect(await sweep.run()).toMatchObject({ sent: 0 });
  });

  it("a chair's nudge counts as that day's reminder: the sweep does not repeat it, the next one comes as planned", async () => {
    await givePersonalChat(stores, connector.serviceUrl, ADA);
    await addDueAction(stores, 'CCAG03-01', [ownerFor(ADA)], '2022-03-30');
    let clock = new Date('2022-03-30T07:00:00Z'); // 08:00 in London, before the 09:00 reminders
    const { sweep } = sweepInstance(stores, 'instance-a', { now: () => clock });
    const group = await stores.groups.getGroup('CCAG');

    const nudged = await sweep.nudge(group!, ['CCAG03-01'], '1715000000001');
    expect(nudged).toMatchObject({ sent: 1 });
    clock = new Date('2022-03-30T10:30:00Z');
    expect(await sweep.run()).toMatchObject({ due: 1, sent: 0, skipped: 1 });
    expect(connector.sentActivities).toHaveLength(1);

    clock = new Date('2022-04-06T09:00:00Z'); // a week overdue: the next reminder
    expect(await sweep.run()).toMatchObject({ sent: 1 });
    expect(connector.sentActivities).toHaveLength(2);
  });

  it("an action overdue past four weekly reminders stops nagging its owner and is listed for the chairs in the channel's one digest", async () => {
    await givePersonalChat(stores, connector.serviceUrl, ADA);
    // Due 16/02/22: on 30/03/22 the sixth weekly overdue reminder would be due.
    await addDueAction(stores, 'CCAG03-01', [ownerFor(ADA)], '2022-02-16');
    // Due 02/03/22: the fourth, still the owner's.
    await addDueAction(stores, 'CCAG03-02', [ownerFor(ADA)], '2022-03-02');
    await addDueAction(stores, 'CCAG03-03', [{ display: 'Code bodies' }], '2022-03-30');
    const { sweep } = sweepInstance(stores, 'instance-a', { now: () => NOW });

    const report = await sweep.run();
    expect(report).toMatchObject({ sent: 3, forChairs: 1, digested: 1 });
    const [mine] = connector.sentActivities.filter((call) => call.path.includes('personal'));
    const adaText = shownText(cardIn(mine));
    expect(adaText).toMatch(/CCAG03-02[\s\S]*Overdue by 28 days/);
    expect(adaText).not.toMatch(/CCAG03-01/);
    const channel = cardPosts(connector, CHANNEL_ID).map(cardIn);
    expect(channel).toHaveLength(1);
    expectValidCard(channel[0]);
    expect(shownText(channel[0])).toMatch(
      /Code bodies[\s\S]*CCAG03-03[\s\S]*<at>Ada Lovelace<\/at>: for the chairs[\s\S]*CCAG03-01\s*· Overdue by 42 days[\s\S]*Owner:\W*Ada Lovelace/,
    );
    expect((channel[0] as { msteams: { entities: unknown[] } }).msteams.entities).toEqual([
      { type: 'mention', text: '<at>Ada Lovelace</at>', mentioned: { id: ADA.id, name: ADA.name } },
    ]);
  });
});
