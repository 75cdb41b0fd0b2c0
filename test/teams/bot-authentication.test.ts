import { REFUSALS } from '../../teams/http-server';
import { message } from '../support/activities';
import { ConnectorStub } from '../support/connector-stub';
import { startTestApp, type TestApp } from '../support/test-app';
import { BOT_APP_ID, closedPortUrl, LocalBotFramework, SilentServer } from './local-bot-framework';
import { FORGERIES, LIBRARY_TEXT, type TokenMint } from './token-forgeries';

const SECRETS = {
  MICROSOFT_APP_ID: BOT_APP_ID,
  MICROSOFT_APP_PASSWORD: 'bot-password-never-logged',
  REPORT_LINK_SECRET: 'a-report-link-secret-of-32-characters-or-more',
};
const METADATA_PATH = '/v1/.well-known/openidconfiguration';

type KeyEndpoint = 'serving keys' | 'unreachable' | 'never answering';

describe.each<KeyEndpoint>(['serving keys', 'unreachable', 'never answering'])(
  'POST /api/messages with the Bot Framework key endpoint %s',
  (endpoint) => {
    let connector: ConnectorStub;
    let botFramework: LocalBotFramework;
    let silent: SilentServer | undefined;
    let subject: TestApp;
    let mint: TokenMint;
    let consoleCalls: jest.SpyInstance[];

    const keyRequests = () => botFramework.requests + (silent?.requests ?? 0);
    const activity = () => message('help', 'personal', { serviceUrl: connector.serviceUrl });
    const post = (token: string | undefined) =>
      subject.post(activity(), token ? { authorization: `Bearer ${token}` } : {});

    beforeAll(async () => {
      connector = await ConnectorStub.start();
      botFramework = await LocalBotFramework.start();
      let metadataUrl = botFramework.metadataUrl;
      if (endpoint === 'unreachable') metadataUrl = `${await closedPortUrl()}${METADATA_PATH}`;
      if (endpoint === 'never answering') {
        silent = await SilentServer.start();
        metadataUrl = `${silent.baseUrl}${METADATA_PATH}`;
      }
      subject = await startTestApp({
        ...SECRETS,
        BOT_OPENID_METADATA_URL: metadataUrl,
        SIGNING_KEY_TIMEOUT_MS: '300',
      });
      mint = {
        valid: () => botFramework.token(connector.serviceUrl),
        signed: (overrides, options) =>
          botFramework.token(connector.serviceUrl, overrides, options),
      };
    });
    afterAll(async () => {
      await subject.app.stop();
      await silent?.stop();
      await botFramework.stop();
      await connector.stop();
    });
    beforeEach(() => {
      connector.reset();
      consoleCalls = (['error', 'warn', 'log'] as const).map((method) =>
        jest.spyOn(console, method).mockImplementation(() => undefined),
      );
    });
    afterEach(() => {
      // botbuilder's own validator writes to the console; the app's check never does.
      for (const call of consoleCalls) {
        expect(call).not.toHaveBeenCalled();
        call.mockRestore();
      }
    });

    const reachable = endpoint === 'serving keys';
    const cases = FORGERIES.map((forgery) => ({
      ...forgery,
      status: forgery.needsKeys && !reachable ? 503 : 401,
    }));

    it.each(cases)('answers $name with $status, never running the bot', async (forgery) => {
      const fetchesBefore = keyRequests();
      const response = await post(await forgery.make(mint));

      expect(response.status).toBe(forgery.status);
      expect(await response.json()).toEqual({
        error: forgery.status === 401 ? REFUSALS.unauthorised : REFUSALS.keysUnavailable,
      });
      if (!forgery.needsKeys) expect(keyRequests()).toBe(fetchesBefore);
      expect(connector.calls).toHaveLength(0);
      const refusal = subject.log.lines.at(-2);
      expect(refusal?.msg).toMatch(/^bot request refused: token/);
      expect(String(refusal?.reason).length).toBeLessThan(80);
      expect(subject.log.raw.join('\n')).not.toMatch(LIBRARY_TEXT);
    });

    if (reachable) {
      it('accepts a valid token signed by the published key, and the bot answers', async () => {
        const response = await post(await mint.valid());
        expect(response.status).toBe(200);
        const turn = subject.log.lines.find((line) => line.msg === 'turn failed');
        // The reply needs an outbound token from Entra ID, which cannot be had here: reaching
        // that point proves the incoming token was accepted.
        expect(turn).toBeDefined();
      });

      it.each([
        [
          'a key endorsed only for another channel',
          () => botFramework.token(connector.serviceUrl, {}, { key: 'skype-only' }),
        ],
        [
          'a serviceurl claim for another service',
          () => botFramework.token('https://smba.evil.example/emea/'),
        ],
        [
          'a skill token from another bot',
          () =>
            botFramework.token(connector.serviceUrl, {
              ver: '2.0',
              azp: '99999999-8888-4777-8666-555555555555',
            }),
        ],
      ])('refuses a genuine signature with %s (401)', async (_name, makeToken) => {
        const response = await post(await makeToken());
        expect(response.status).toBe(401);
        expect(connector.calls).toHaveLength(0);
      });
    } else {
      it('answers even a valid token 503 while the keys cannot be had, then 503 again', async () => {
        expect((await post(await mint.valid())).status).toBe(503);
        expect((await post(await mint.valid())).status).toBe(503);
        expect(connector.calls).toHaveLength(0);
      });
    }
  },
);
