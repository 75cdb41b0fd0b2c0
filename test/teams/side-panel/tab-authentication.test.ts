import { PANEL_API } from '../../../tab/panel-contract';
import { SIGN_IN_REFUSED, SIGN_IN_UNAVAILABLE } from '../../../teams/side-panel/tab-api';
import { CARD_VERBS } from '../../../cards/card-verbs';
import { ADA, MEETING_CHAT_ID, TENANT_ID, message } from '../../support/activities';
import { ConnectorStub } from '../../support/connector-stub';
import { startTestApp, type TestApp } from '../../support/test-app';
import { LocalEntra } from '../../tab/local-entra';
import { FORM } from '../../tab/panel-fixture';
import { closedPortUrl, SilentServer } from '../local-bot-framework';
import { FORGERIES, LIBRARY_TEXT, type TokenMint } from '../token-forgeries';

type KeyEndpoint = 'serving keys' | 'unreachable' | 'never answering';

describe.each<KeyEndpoint>(['serving keys', 'unreachable', 'never answering'])(
  'the side panel API with the Entra ID key endpoint %s',
  (endpoint) => {
    let connector: ConnectorStub;
    let entra: LocalEntra;
    let silent: SilentServer | undefined;
    let subject: TestApp;
    let mint: TokenMint;

    const keyRequests = () => entra.keyFetches + (silent?.requests ?? 0);
    const authorization = (token: string | undefined): Record<string, string> =>
      token ? { authorization: `Bearer ${token}` } : {};
    const board = (token: string | undefined) =>
      fetch(
        `${subject.app.url}${PANEL_API.board}?conversationId=${encodeURIComponent(MEETING_CHAT_ID)}`,
        { headers: authorization(token) },
      );
    const execute = (token: string | undefined) =>
      fetch(`${subject.app.url}${PANEL_API.execute}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authorization(token) },
        body: JSON.stringify({
          conversationId: MEETING_CHAT_ID,
          verb: CARD_VERBS.addAction,
          data: { ...FORM, text: 'Sneaky action' },
        }),
      });

    beforeAll(async () => {
      connector = await ConnectorStub.start();
      connector.members = [ADA];
      entra = await LocalEntra.start();
      let authority = entra.authority;
      if (endpoint === 'unreachable') authority = await closedPortUrl();
      if (endpoint === 'never answering') {
        silent = await SilentServer.start();
        authority = silent.baseUrl;
      }
      subject = await startTestApp({
        ...entra.settings(),
        ENTRA_AUTHORITY: authority,
        SIGNING_KEY_TIMEOUT_MS: '300',
      });
      // The bot hears the meeting chat, so the panel has a conversation to show.
      await subject.post(message('help', 'meetingChat', { serviceUrl: connector.serviceUrl }));
      const issuer = { iss: `${authority}/${TENANT_ID}/v2.0` };
      mint = {
        valid: () => entra.token(ADA.aadObjectId, issuer),
        signed: (overrides, options) =>
          entra.token(ADA.aadObjectId, { ...issuer, ...overrides }, options ?? {}),
      };
    });
    afterAll(async () => {
      await subject.app.stop();
      await silent?.stop();
      await entra.stop();
      await connector.stop();
    });

    const reachable = endpoint === 'serving keys';
    const cases = FORGERIES.map((forgery) => ({
      ...forgery,
      status: forgery.needsKeys && !reachable ? 503 : 401,
    }));

    it.each(cases)('answers $name with $status, reading and changing nothing', async (forgery) => {
      const token = await forgery.make(mint);
      const fetchesBefore = keyRequests();
      const expected = { error: forgery.status === 401 ? SIGN_IN_REFUSED : SIGN_IN_UNAVAILABLE };
      for (const response of [await board(token), await execute(token)]) {
        expect(response.status).toBe(forgery.status);
        if (forgery.name !== 'no token') expect(await response.json()).toEqual(expected);
      }
      if (!forgery.needsKeys) expect(keyRequests()).toBe(fetchesBefore);
      // The form would have set up the meeting: nothing was run.
      expect(await subject.app.service.contextOf(MEETING_CHAT_ID)).toBeUndefined();
      expect(subject.log.raw.join('\n')).not.toMatch(LIBRARY_TEXT);
      expect(subject.log.lines.some((line) => line.msg === 'side panel request failed')).toBe(
        false,
      );
    });

    if (reachable) {
      it('shows the board for a valid token signed by the published key', async () => {
        const response = await board(await mint.valid());
        expect(response.status).toBe(200);
        expect(((await response.json()) as { conversationId: string }).conversationId).toBe(
          MEETING_CHAT_ID,
        );
      });
    } else {
      it('answers even a valid token 503 while the keys cannot be had', async () => {
        expect((await board(await mint.valid())).status).toBe(503);
        expect((await execute(await mint.valid())).status).toBe(503);
      });
    }
  },
);
