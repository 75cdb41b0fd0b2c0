import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CARD_VERBS } from '../../../cards/card-verbs';
import { STORAGE_DOWN_MESSAGE } from '../../../features/routing/front-door';
import { EmbeddedAzurite } from '../../../storage/embedded-azurite';
import { ADA, GRACE, message, cardAction } from '../../support/activities';
import { inputValue, shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';
import { ConnectorStub } from '../../support/connector-stub';
import { startTestApp, type TestApp } from '../../support/test-app';

type Person = { id: string; name: string; aadObjectId: string };

/** The data of every button of a card that changes something (refreshes are reads). */
function executeData(card: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const verb = typeof record.verb === 'string' ? record.verb : '';
    if (record.type === 'Action.Execute' && !/refresh/i.test(verb)) {
      found.push((record.data ?? {}) as Record<string, unknown>);
    }
    Object.values(record).forEach(visit);
  };
  visit(card);
  return found;
}

function invoke(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  from: Person = ADA,
) {
  return cardAction(verb, data, 'channel', { serviceUrl, from });
}

const FORM = {
  area: 'Smart Meters Act Powers',
  text: 'Present the seven steps for code drafting',
  owner: 'Ofgem (Grace Hopper), Programme (Andrew Margan)',
  due: '23/03/22',
  confirmPast: 'true',
  update: '',
  groupCode: 'CCAG',
  meetingNumber: '3',
};

describe('capturing actions over HTTP (restify + CloudAdapter + Azurite, connector stubbed)', () => {
  let connector: ConnectorStub;
  let subject: TestApp;

  beforeEach(async () => {
    connector = await ConnectorStub.start();
    subject = await startTestApp();
    connector.members = [ADA, GRACE];
  });
  afterEach(async () => {
    await subject.app.stop();
    await connector.stop();
  });

  it('replaces the form with the action card for the clicker and for everyone', async () => {
    const activity = invoke(connector.serviceUrl, CARD_VERBS.addAction, FORM);
    const response = await subject.post(activity);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expectValidCard(body.value);
    expect(shownText(body.value)).toContain('CCAG03-01');

    const [update] = connector.calls.filter((call) => call.method === 'PUT');
    expect(update?.path).toBe(
      `/v3/conversations/${(activity as { conversation?: { id: string } }).conversation?.id}/activities/1715000100000`,
    );
    const shared = (update?.body as { attachments: Array<{ content: unknown }> }).attachments[0]
      ?.content;
    expectValidCard(shared);
    expect(shownText(shared)).toContain('CCAG03-01');
    // The owners' Teams users (matched from the roster) get the card refreshed with their own view.
    expect((shared as { refresh: { userIds: string[] } }).refresh.userIds).toEqual(
      expect.arrayContaining([GRACE.id, ADA.id]),
    );
  });

  it('stamps every button of both cards with a nonce of its own, the roster read before or after the answer', async () => {
    const nonces = (card: unknown): unknown[] =>
      JSON.stringify(card).includes('"Action.Execute"')
        ? executeData(card).map((data) => data.op)
        : [];
    const addOnce = async (text: string) => {
      connector.reset();
      const response = await subject.post(
        invoke(connector.serviceUrl, CARD_VERBS.addAction, { ...FORM, text }),
      );
      const answered = ((await response.json()) as { value: unknown }).value;
      let update = connector.calls.find((call) => call.method === 'PUT');
      for (let count = 1; !update; count++) {
        update = (await connector.waitForCalls(count)).find((call) => call.method === 'PUT');
      }
      const shared = (update.body as { attachments: Array<{ content: unknown }> }).attachments[0]
        ?.content;
      return { answered, shared };
    };

    // The first add finds no roster cached (owners matched after the answer), the second does.
    for (const { answered, shared } of [await addOnce('First'), await addOnce('Second')]) {
      const all = [...nonces(answered), ...nonces(shared)];
      expect(nonces(shared).length).toBeGreaterThan(0);
      for (const nonce of all) expect(nonce).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      expect(new Set(all).size).toBe(all.length);
    }
  });

  it('lets an owner found in the roster mark the action done, and refuses others', async () => {
    await subject.post(invoke(connector.serviceUrl, CARD_VERBS.addAction, FORM));
    const stranger = { id: '29:1Qv-bob', name: 'Bob Stranger', aadObjectId: 'aad-bob' };
    const refused = await subject.post(
      invoke(connector.serviceUrl, CARD_VERBS.markDone, { ref: 'CCAG03-01' }, stranger),
    );
    const refusedCard = ((await refused.json()) as { value: unknown }).value;
    expect(shownText(refusedCard)).toMatch(/Only its owners \(Grace Hopper\)/);

    const done = await subject.post(
      invoke(connector.serviceUrl, CARD_VERBS.markDone, { ref: 'CCAG03-01' }, GRACE),
    );
    expect(shownText(((await done.json()) as { value: unknown }).value)).toMatch(/Done/);
  });

  it('treats the Teams meeting organizer as a chair, asking Teams at each change', async () => {
    const addInMeeting = cardAction(
      CARD_VERBS.addAction,
      { ...FORM, owner: 'Code bodies' },
      'meetingChat',
      {
        serviceUrl: connector.serviceUrl,
        from: ADA,
      },
    );
    await subject.post(addInMeeting);
    const cancelAs = async (from: Person) => {
      const response = await subject.post(
        cardAction(
          CARD_VERBS.cancel,
          { ref: 'CCAG03-01', cancelReason: 'superseded' },
          'meetingChat',
          {
            serviceUrl: connector.serviceUrl,
            from,
          },
        ),
      );
      return shownText(((await response.json()) as { value: unknown }).value);
    };

    connector.meetingRoles = { [GRACE.aadObjectId]: 'Attendee' };
    expect(await cancelAs(GRACE)).toMatch(/Only the group's chairs may cancel CCAG03-01/);

    connector.meetingRoles = { [GRACE.aadObjectId]: 'Organizer' };
    expect(await cancelAs(GRACE)).toMatch(/Cancelled/);
    expect(
      connector.calls.some((call) => call.path.includes(`/participants/${GRACE.aadObjectId}`)),
    ).toBe(true);
  });

  it('answers help and list through the server with cards', async () => {
    await subject.post(invoke(connector.serviceUrl, CARD_VERBS.addAction, FORM));
    connector.reset();
    await subject.post(message('list', 'channel', { serviceUrl: connector.serviceUrl }));
    const [reply] = connector.sentActivities;
    const card = (reply?.body.attachments as Array<{ content: unknown }>)[0]?.content;
    expectValidCard(card);
    expect(shownText(card)).toContain('CCAG03-01');
  });
});

describe('when storage is unreachable during a submit', () => {
  it('says nothing was saved, keeps the input, and works again once storage is back', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'azurite-'));
    let azurite = await EmbeddedAzurite.start({ port: 0, dataDir });
    const port = Number(/:(\d+)\/devstoreaccount1/.exec(azurite.connectionString)?.[1]);
    const connector = await ConnectorStub.start();
    const subject = await startTestApp({ STORAGE_CONNECTION_STRING: azurite.connectionString });
    try {
      await azurite.stop();
      const failed = await subject.post(invoke(connector.serviceUrl, CARD_VERBS.addAction, FORM));
      const card = ((await failed.json()) as { value: unknown }).value;
      expectValidCard(card);
      expect(shownText(card)).toContain(STORAGE_DOWN_MESSAGE);
      expect(inputValue(card, 'text')).toBe(FORM.text);
      expect(inputValue(card, 'owner')).toBe(FORM.owner);

      azurite = await EmbeddedAzurite.start({ port, dataDir });
      const saved = await subject.post(invoke(connector.serviceUrl, CARD_VERBS.addAction, FORM));
      expect(shownText(((await saved.json()) as { value: unknown }).value)).toContain('CCAG03-01');
    } finally {
      await subject.app.stop();
      await connector.stop();
      await azurite.stop();
    }
  });
});
