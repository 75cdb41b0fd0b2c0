import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { TableGroupStore } from '../../../storage/table-group-store';
import { CARD_VERBS } from '../../../cards/card-verbs';
import {
  PANEL_API,
  type Board,
  type ExecuteResponse,
  type PreviewConversation,
} from '../../../tab/panel-contract';
import { ADA, GRACE, MEETING_CHAT_ID, message } from '../../support/activities';
import { inputValue, shownText } from '../../support/bot-harness';
import { ConnectorStub } from '../../support/connector-stub';
import { startTestApp, type TestApp } from '../../support/test-app';
import { LocalEntra, SSO_APP_ID } from '../../tab/local-entra';
import { FORM, invoke } from '../../tab/panel-fixture';

const OTHER_TENANT = '11111111-2222-4333-8444-555555555555';
const BOB = {
  id: '29:1Qv-bob',
  name: 'Bob Stranger',
  aadObjectId: '7c7c7c7c-0000-4000-8000-000000000b0b',
};

describe('the side panel API (Entra ID tokens from a local key set, connector stubbed)', () => {
  let connector: ConnectorStub;
  let entra: LocalEntra;
  let subject: TestApp;

  const board = (token?: string, headers: Record<string, string> = {}) =>
    fetch(
      `${subject.app.url}${PANEL_API.board}?conversationId=${encodeURIComponent(MEETING_CHAT_ID)}`,
      {
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      },
    );
  const execute = (token: string, verb: string, data: Record<string, unknown>) =>
    fetch(`${subject.app.url}${PANEL_API.execute}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: MEETING_CHAT_ID, verb, data }),
    });

  beforeAll(async () => {
    connector = await ConnectorStub.start();
    entra = await LocalEntra.start();
    subject = await startTestApp(entra.settings());
    connector.members = [ADA, GRACE];
    // The bot hears the meeting chat (so it keeps its reference), and the first action is added.
    await subject.post(message('help', 'meetingChat', { serviceUrl: connector.serviceUrl }));
    await subject.post(invoke(connector.serviceUrl, CARD_VERBS.addAction, FORM));
  });
  afterAll(async () => {
    await subject.app.stop();
    await connector.stop();
    await entra.stop();
  });

  it('a member with a valid token gets the meeting board, checked against the roster', async () => {
    connector.reset();
    connector.members = [ADA, GRACE];
    const response = await board(await entra.token(ADA.aadObjectId));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Board;
    expect(body.meeting?.code).toBe('CCAG003');
    expect(body.actions.map((entry) => entry.action.ref)).toEqual(['CCAG03-01']);
    expect(body.you.name).toBe(ADA.name);
    // The people picker offers the chat's other members, by their Entra ids.
    expect(body.people).toEqual([{ aadObjectId: GRACE.aadObjectId, name: GRACE.name }]);
    expect(connector.calls.map((call) => call.path)).toContain(
      `/v3/conversations/${MEETING_CHAT_ID}/members/${ADA.aadObjectId}`,
    );
  });

  it('a panel polling its board asks Teams about its member once, not on every poll', async () => {
    connector.reset();
    connector.members = [ADA, GRACE];
    const token = await entra.token(GRACE.aadObjectId);
    for (let poll = 0; poll < 3; poll++) expect((await board(token)).status).toBe(200);
    const asked = connector.calls.filter(
      (call) => call.path === `/v3/conversations/${MEETING_CHAT_ID}/members/${GRACE.aadObjectId}`,
    );
    expect(asked).toHaveLength(1);
  });

  it('shows nothing of a group of another tenant, even through a binding made before tenants were checked', async () => {
    connector.members = [ADA, GRACE];
    // The group moves to another tenant under the conversation's feet (as an old binding would).
    const groups = new TableGroupStore(subject.app.storage.table('groups'));
    const tenantId = (await groups.getGroup('CCAG'))?.tenantId;
    await groups.updateGroup('CCAG', (group) => ({ ...group, tenantId: 'another-tenant' }));
    await sleep(2500); // the app's read cache holds a group for 2 s
    try {
      const body = (await (await board(await entra.token(ADA.aadObjectId))).json()) as Board;
      expect(body.meeting).toBeUndefined();
      expect(body.actions).toEqual([]);
      expect(JSON.stringify(body)).not.toContain(FORM.text);
    } finally {
      await groups.updateGroup('CCAG', (group) => ({ ...group, tenantId }));
      await sleep(2500);
    }
  });

  it('has no list of conversations to offer when sign-on is configured', async () => {
    const response = await fetch(`${subject.app.url}${PANEL_API.previewConversations}`, {
      headers: { authorization: `Bearer ${await entra.token(ADA.aadObjectId)}` },
    });
    expect(response.status).toBe(404);
  });

  it('the v1 issuer form and the bare app id audience are accepted too', async () => {
    const token = await entra.token(ADA.aadObjectId, {
      iss: `https://sts.windows.net/${'9d2c5e1a-7b3f-4c1d-8e2a-5f6b7c8d9e0f'}/`,
      aud: SSO_APP_ID,
    });
    expect((await board(token)).status).toBe(200);
  });

  it('answers 304 while nothing changed, and the new board once something did', async () => {
    const token = await entra.token(ADA.aadObjectId);
    const first = await board(token);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect((await board(token, { 'if-none-match': etag ?? '' })).status).toBe(304);

    await subject.post(
      invoke(connector.serviceUrl, CARD_VERBS.addUpdate, {
        ref: 'CCAG03-01',
        updateText: 'Draft shared',
      }),
    );
    const changed = await board(token, { 'if-none-match': etag ?? '' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(JSON.stringify(await changed.json())).toContain('Draft shared');
  });

  const refusals: Array<[string, () => Promise<string | undefined>, number]> = [
    ['no token', async () => undefined, 401],
    [
      'an expired token',
      () => entra.token(ADA.aadObjectId, {}, { expiresIn: Math.floor(Date.now() / 1000) - 3600 }),
      401,
    ],
    [
      'a token for another app (audience)',
      () => entra.token(ADA.aadObjectId, { aud: 'api://elsewhere.example/other-app' }),
      401,
    ],
    [
      'an issuer that is not the token’s tenant',
      () => entra.token(ADA.aadObjectId, { iss: `https://login.example/${OTHER_TENANT}/v2.0` }),
      401,
    ],
    ['a token from another tenant', () => entra.token(ADA.aadObjectId, { tid: OTHER_TENANT }), 403],
    [
      'an altered signature',
      async () => {
        const token = await entra.token(ADA.aadObjectId);
        const [head, body, signature = ''] = token.split('.');
        const flipped = signature[5] === 'A' ? 'B' : 'A';
        return `${head}.${body}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;
      },
      401,
    ],
    [
      'an altered payload',
      async () => {
        const token = await entra.token(GRACE.aadObjectId);
        const [head, , signature] = token.split('.');
        const forged = Buffer.from(JSON.stringify({ oid: ADA.aadObjectId })).toString('base64url');
        return `${head}.${forged}.${signature}`;
      },
      401,
    ],
    [
      'a token signed by a key Entra ID never published',
      () => entra.token(ADA.aadObjectId, {}, { key: 'foreign' }),
      401,
    ],
    ['a valid token of someone not in the meeting', () => entra.token(BOB.aadObjectId), 403],
  ];

  it.each(refusals)('refuses %s with no data', async (_name, makeToken, status) => {
    const token = await makeToken();
    const response = await board(token);
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(text).not.toContain('CCAG');
    expect(text).not.toContain('Operational Choreography');
    if (token) {
      const write = await execute(token, CARD_VERBS.addAction, { ...FORM, text: 'Sneaky action' });
      expect(write.status).toBe(status);
    }
  });

  it('adds an action from the panel with the same validation as the card in chat', async () => {
    const token = await entra.token(GRACE.aadObjectId);
    const refused = await execute(token, CARD_VERBS.addAction, {
      ...FORM,
      text: '',
      due: '31/02/22',
      confirmPast: 'true',
    });
    expect(refused.status).toBe(200);
    const form = ((await refused.json()) as ExecuteResponse).card;
    expect(inputValue(form, 'owner')).toBe(FORM.owner);
    expect(shownText(form)).toMatch(/date/i);

    const added = await execute(token, CARD_VERBS.addAction, {
      ...FORM,
      text: 'Share the PSG pack',
    });
    const card = ((await added.json()) as ExecuteResponse).card;
    expect(shownText(card)).toContain('CCAG03-02');
    expect(shownText(card)).toContain('Added by Grace Hopper');
    const after = (await (await board(token)).json()) as Board;
    expect(after.actions.map((entry) => entry.action.ref)).toEqual(['CCAG03-01', 'CCAG03-02']);
    const [second] = after.actions.filter((entry) => entry.action.ref === 'CCAG03-02');
    expect(second?.action.createdBy).toMatchObject({
      id: GRACE.id,
      aadObjectId: GRACE.aadObjectId,
    });
  });

  it("the panel's Change due date asks before a past date, and saves it once the switch is on", async () => {
    const token = await entra.token(ADA.aadObjectId);
    const typed = { ref: 'CCAG03-01', due: '01/01/23', reason: 'as agreed' };
    const asked = (await (
      await execute(token, CARD_VERBS.changeDueDate, typed)
    ).json()) as ExecuteResponse;
    expect(shownText(asked.card)).toMatch(/01\/01\/23 is in the past/);
    expect(inputValue(asked.card, 'due')).toBe('01/01/23');
    expect(inputValue(asked.card, 'dueConfirmPast')).toBe('false');
    const before = (await (await board(token)).json()) as Board;
    expect(before.actions[0]?.action.due?.date).toBe('2022-03-23');

    const saved = (await (
      await execute(token, CARD_VERBS.changeDueDate, { ...typed, dueConfirmPast: 'true' })
    ).json()) as ExecuteResponse;
    expect(shownText(saved.card)).toContain('Due date changed by Ada Lovelace');
    const after = (await (await board(token)).json()) as Board;
    expect(after.actions[0]?.action.due?.date).toBe('2023-01-01');
  });

  it('a member who may not cancel gets the refusal on the card, and nothing changes', async () => {
    const token = await entra.token(GRACE.aadObjectId);
    const response = await execute(token, CARD_VERBS.cancel, {
      ref: 'CCAG03-01',
      cancelReason: 'no',
    });
    const card = ((await response.json()) as ExecuteResponse).card;
    expect(shownText(card)).toMatch(/chair/i);
    const after = (await (await board(token)).json()) as Board;
    expect(after.actions[0]?.action.state).toBe('open');
  });
});

describe('the side panel API without sign-on (local preview)', () => {
  let subject: TestApp;
  let connector: ConnectorStub;
  beforeAll(async () => {
    connector = await ConnectorStub.start();
    subject = await startTestApp();
  });
  afterAll(async () => {
    await subject.app.stop();
    await connector.stop();
  });

  function get(host: string, path = `${PANEL_API.board}?conversationId=x`) {
    const url = new URL(`${subject.app.url}${path}`);
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get(
          {
            hostname: url.hostname,
            port: url.port,
            path: url.pathname + url.search,
            headers: { host },
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        )
        .on('error', reject);
    });
  }

  it('serves the preview only to localhost, and says the page may offer it', async () => {
    // No conversation is stored under "x": the preview is let in, and finds nothing to show.
    expect((await get(new URL(subject.app.url).host)).status).toBe(403);
    expect((await get('actions.example.org')).status).toBe(401);
    const page = await (await fetch(`${subject.app.url}/tab`)).text();
    expect(page).toContain('data-local-preview="true"');
  });

  it('offers the preview the conversations the bot is in, by kind and meeting, only on this machine', async () => {
    await subject.post(message('help', 'meetingChat', { serviceUrl: connector.serviceUrl }));
    await subject.post(invoke(connector.serviceUrl, CARD_VERBS.addAction, FORM));
    const local = await get(new URL(subject.app.url).host, PANEL_API.previewConversations);
    expect(local.status).toBe(200);
    const offered = JSON.parse(local.body) as PreviewConversation[];
    expect(offered).toContainEqual({
      conversationId: MEETING_CHAT_ID,
      title: expect.stringMatching(/^Meeting chat · CCAG003/),
    });
    expect((await get('actions.example.org', PANEL_API.previewConversations)).status).toBe(404);
  });
});
