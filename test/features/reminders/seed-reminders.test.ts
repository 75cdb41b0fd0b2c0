import { CLI_PERSON } from '../../../core/person';
import { importedReportToDomain, parseReportImport } from '../../../documents/import/report-import';
import { CHANNEL_ID } from '../../support/activities';
import { shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';
import { ConnectorStub } from '../../support/connector-stub';
import {
  givePersonalChat,
  reminderStores,
  setUpGroup,
  sweepInstance,
  type ReminderStores,
} from '../../support/reminder-fixture';
import { freshTableStorage } from '../../support/test-storage';
import { SEED_TEXT } from '../../fixtures/seed-report';
import { InMemoryDirectory, RecordingMailer } from './people-fakes';

// Wednesday 23 March 2022, 09:30 in London: most of CCAG003's actions fall due today.
const NOW = new Date('2022-03-23T09:30:00Z');

/** Two Programme people are Teams users (one has talked to the bot); the rest are outside. */
const JUSTIN = {
  id: '29:1Qv-justin',
  name: 'Justin Andrews',
  aadObjectId: '00000000-0000-4000-8000-000000000101',
};
const ANDREW = {
  id: '29:1Qv-andrew',
  name: 'Andrew Margan',
  aadObjectId: '00000000-0000-4000-8000-000000000102',
};
const PEOPLE = [
  {
    name: 'Justin Andrews',
    organisation: 'Programme',
    email: 'justin.andrews@mhhs.example',
    aadObjectId: JUSTIN.aadObjectId,
    teamsUserId: JUSTIN.id,
  },
  {
    name: 'Andrew Margan',
    organisation: 'Programme',
    email: 'andrew.margan@mhhs.example',
    aadObjectId: ANDREW.aadObjectId,
    teamsUserId: ANDREW.id,
  },
  { name: 'Jason Brogden', organisation: 'Programme', email: 'jason.brogden@mhhs.example' },
  { name: 'Andy MacFaul', organisation: 'Ofgem', email: 'andy.macfaul@ofgem.example', guest: true },
  { name: 'Chris Welby', organisation: 'SSE', email: 'chris.welby@sse.example', guest: true },
  { name: 'John Lawton', organisation: 'DCUSA', email: 'john.lawton@dcusa.example', guest: true },
  { name: 'Ann Perry', organisation: 'REC', email: 'ann.perry@rec.example', guest: true },
  {
    name: 'Elliot Harper',
    organisation: 'BSC',
    email: 'elliot.harper@elexon.example',
    guest: true,
  },
];

async function importSeed(stores: ReminderStores): Promise<number> {
  const parsed = parseReportImport(SEED_TEXT);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const domain = importedReportToDomain(
    parsed.report,
    CLI_PERSON,
    new Date('2022-02-24T12:00:00Z'),
  );
  await stores.groups.createGroupIfMissing(domain.group);
  for (const meeting of domain.meetings) await stores.groups.createMeetingIfMissing(meeting);
  for (const action of domain.actions) await stores.actions.importAction(action);
  return domain.actions.length;
}

describe('the seed imported, with a directory of its people', () => {
  let connector: ConnectorStub;
  let stores: ReminderStores;

  beforeEach(async () => {
    connector = await ConnectorStub.start();
    stores = reminderStores(await freshTableStorage());
    await setUpGroup(stores, connector.serviceUrl);
    await givePersonalChat(stores, connector.serviceUrl, JUSTIN);
  });
  afterEach(async () => {
    await connector.stop();
  });

  it('one sweep reaches every owner personally, in Teams or by e-mail, and the channel sees one digest', async () => {
    expect(await importSeed(stores)).toBe(18);
    const mailer = new RecordingMailer();
    const { sweep } = sweepInstance(stores, 'instance-a', {
      now: () => NOW,
      people: new InMemoryDirectory({ CCAG: PEOPLE }),
      mailer,
    });

    const report = await sweep.run();
    expect(report).toMatchObject({ failed: 0, unknown: 0, deferred: 0, skipped: 0 });
    expect(report.sent).toBe(report.due);

    const reached = new Map(report.digests.map((digest) => [digest.owner, digest.path]));
    expect(Object.fromEntries(reached)).toEqual({
      'Justin Andrews': 'personal chat',
      'Andrew Margan': 'new 1:1 chat',
      'Jason Brogden': 'e-mail',
      'Andy MacFaul': 'e-mail',
      'Chris Welby': 'e-mail',
      'John Lawton': 'e-mail',
      'Ann Perry': 'e-mail',
      'Elliot Harper': 'e-mail',
      // Bodies, with no person behind them, are listed for the group.
      'Code bodies': 'channel digest',
      'Programme (PMO)': 'channel digest',
    });
    expect(mailer.sent.map((mail) => mail.to).sort()).toEqual(
      PEOPLE.filter((entry) => !entry.teamsUserId)
        .map((entry) => entry.email)
        .sort(),
    );
    const andy = mailer.to('andy.macfaul@ofgem.example')[0];
    expect(andy?.subject).toBe('Reminder: 3 actions due – Cross Code Advisory Group');
    expect(andy?.text).toMatch(/CCAG03-02[\s\S]*CCAG03-03[\s\S]*CCAG03-05/);
    expect(andy?.text).toMatch(/Cross Code Advisory Group · meeting CCAG003 \(23\/02\/22\)/);

    const channel = connector.sentActivities.filter((call) =>
      call.path.startsWith(`/v3/conversations/${CHANNEL_ID}/`),
    );
    expect(channel).toHaveLength(1);
    const digest = (channel[0]!.body.attachments as Array<{ content: object }>)[0]!.content;
    expectValidCard(digest);
    expect(shownText(digest)).toMatch(
      /Code bodies[\s\S]*CCAG03-04[\s\S]*CCAG03-13[\s\S]*Programme \(PMO\)[\s\S]*CCAG03-08[\s\S]*CCAG03-10[\s\S]*CCAG03-16/,
    );
    expect(JSON.stringify(digest).length).toBeLessThan(28_000);
  });
});
