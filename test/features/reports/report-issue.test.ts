import { CARD_VERBS } from '../../../cards/card-verbs';
import { ISSUE_REPORT_BUTTON } from '../../../cards/reports/report-preview-card';
import { TableReportStore } from '../../../storage/table-report-store';
import {
  ADA,
  CHANNEL_ID,
  GRACE,
  MEETING_CHAT_ID,
  message,
  type Surface,
  cardAction,
} from '../../support/activities';
import { buttonTitles, shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';
import { ConnectorStub, type RecordedCall } from '../../support/connector-stub';
import { startTestApp, type TestApp } from '../../support/test-app';

type Person = { id: string; name: string; aadObjectId: string };
type Body = { attachments?: Array<{ content: unknown }> };

function invoke(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  surface: Surface = 'channel',
  from: Person = ADA,
) {
  return cardAction(verb, data, surface, { serviceUrl, from });
}

const ACTION = {
  area: 'Smart Meters Act Powers',
  text: 'Present the seven steps for code drafting',
  owner: 'Ofgem (Grace Hopper)',
  due: '23/03/22',
  confirmPast: 'true',
  update: '',
  groupCode: 'CCAG',
  meetingNumber: '3',
};

const cardsOf = (calls: RecordedCall[]) =>
  calls.flatMap((call) => (call.body as Body).attachments?.map((a) => a.content) ?? []);

/**
 * Proactive posts to the channel itself (a new thread: the conversation id has no
 * `;messageid=`), as `continueConversationAsync` sends them: `POST …/activities/<continuation id>`.
 */
const channelPosts = (connector: ConnectorStub) =>
  connector.calls.filter(
    (call) =>
      call.method === 'POST' && call.path.startsWith(`/v3/conversations/${CHANNEL_ID}/activities`),
  );

describe('issuing the headline report (restify + CloudAdapter + Azurite, connector stubbed)', () => {
  let connector: ConnectorStub;
  let subject: TestApp;

  beforeEach(async () => {
    connector = await ConnectorStub.start();
    subject = await startTestApp({ REPORT_LINK_SECRET: 'x'.repeat(40) });
    connector.members = [ADA, GRACE];
    // Ada sets CCAG003 up in the channel with its first action: she chairs CCAG, and the channel
    // becomes the group's home channel.
    await subject.post(invoke(connector.serviceUrl, CARD_VERBS.addAction, ACTION));
    await subject.post(
      invoke(connector.serviceUrl, CARD_VERBS.addAction, { ...ACTION, text: 'Second action' }),
    );
    connector.reset();
    connector.members = [ADA, GRACE];
  });
  afterEach(async () => {
    await subject.app.stop();
    await connector.stop();
  });

  async function say(text: string, surface: Surface, from: Person) {
    connector.reset();
    const response = await subject.post(
      message(text, surface, { serviceUrl: connector.serviceUrl, from }),
    );
    expect(response.status).toBe(200);
    return cardsOf(connector.sentActivities);
  }

  it('refuses a non-chair, naming who may issue', async () => {
    const [card] = await say('report', 'channel', GRACE);
    expectValidCard(card);
    expect(shownText(card)).toContain(
      'Only the chairs of CCAG (Ada Lovelace) and the organizer of the Teams meeting may issue the headline report of CCAG003.',
    );
    expect(buttonTitles(card)).not.toContain(ISSUE_REPORT_BUTTON);
  });

  it('shows the chair a preview with Issue report', async () => {
    const [card] = await say('report', 'channel', ADA);
    expectValidCard(card);
    const text = shownText(card);
    expect(text).toContain('Headline report preview – CCAG003');
    expect(text).toContain('2 actions in 1 area');
    expect(text).toContain('this channel');
    expect(buttonTitles(card)).toContain(ISSUE_REPORT_BUTTON);
  });

  it('posts the report to the channel proactively, and a re-issue says "Re-issued (v2)"', async () => {
    const issue = () =>
      subject.post(
        invoke(connector.serviceUrl, CARD_VERBS.issueReport, {
          groupCode: 'CCAG',
          meetingNumber: 3,
        }),
      );
    const first = (await (await issue()).json()) as { value: unknown };
    expectValidCard(first.value);
    expect(shownText(first.value)).toContain('Issued (v1)');

    const [posted] = cardsOf(channelPosts(connector));
    expectValidCard(posted);
    expect(shownText(posted)).toContain('CCAG Headline Report');
    expect(shownText(posted)).toContain('CCAG03-01');
    expect(shownText(posted)).toContain('Present the seven steps for code drafting');
    expect(JSON.stringify(posted)).toMatch(/"type":"Action.OpenUrl"[^}]*\/reports\//);

    connector.reset();
    await subject.post(
      invoke(connector.serviceUrl, CARD_VERBS.addAction, { ...ACTION, text: 'Third action' }),
    );
    connector.reset();
    const second = (await (await issue()).json()) as { value: unknown };
    expect(shownText(second.value)).toContain('Re-issued (v2)');
    const [reposted] = cardsOf(channelPosts(connector));
    expect(shownText(reposted)).toContain('Re-issued (v2)');
    expect(shownText(reposted)).toContain('Third action');

    const store = new TableReportStore(subject.app.storage.table('groups'));
    const v1 = await store.getReport('CCAG', 3, 1);
    expect(v1?.report.version).toBe(1);
    expect(JSON.stringify(v1?.report)).not.toContain('Third action');
    expect((await store.listReports('CCAG', 3)).map((r) => r.version)).toEqual([1, 2]);

    // The link on the card serves the document.
    const link = /"url":"([^"]+\/reports\/[^"]+)"/.exec(JSON.stringify(reposted))?.[1];
    const document = await fetch(link ?? '');
    expect(document.status).toBe(200);
  });

  it("issued from the meeting chat, posts to the group's channel", async () => {
    await subject.post(
      invoke(
        connector.serviceUrl,
        CARD_VERBS.saveMeeting,
        { groupCode: 'CCAG', number: '4', venue: '', classification: '' },
        'meetingChat',
      ),
    );
    await subject.post(
      invoke(
        connector.serviceUrl,
        CARD_VERBS.addAction,
        { ...ACTION, text: 'From the meeting chat' },
        'meetingChat',
      ),
    );
    connector.reset();
    const response = await subject.post(
      invoke(
        connector.serviceUrl,
        CARD_VERBS.issueReport,
        { groupCode: 'CCAG', meetingNumber: 4 },
        'meetingChat',
      ),
    );
    const body = (await response.json()) as { value: unknown };
    expect(shownText(body.value)).toContain('Issued (v1)');
    const posted = cardsOf(channelPosts(connector));
    expect(posted.length).toBeGreaterThan(0);
    expect(shownText(posted[0])).toContain('CCAG004');
    expect(shownText(posted[0])).toContain('From the meeting chat');
    expect(
      connector.calls.some(
        (call) =>
          call.path.startsWith(`/v3/conversations/${MEETING_CHAT_ID}/activities`) &&
          call.method === 'POST',
      ),
    ).toBe(false);
  });
});
