import { startApp, type RunningApp } from '../../host/start-app';
import { loadConfig } from '../../host/config';
import { EmbeddedAzurite } from '../../storage/embedded-azurite';
import { PANEL_API } from '../../tab/panel-contract';
import { ADA, MEETING_CHAT_ID, message } from '../support/activities';
import { ConnectorStub } from '../support/connector-stub';
import { CapturedLog } from '../support/test-app';
import { uniqueTablePrefix } from '../support/test-storage';
import { LocalEntra } from '../tab/local-entra';
import { BOT_APP_ID, LocalBotFramework } from './local-bot-framework';

const APP_PASSWORD = 'app-password-Zq8~never-in-a-log';
const REPORT_LINK_SECRET = 'report-link-secret-Kx4-never-in-a-log-0123456789';
const SMTP_PASSWORD = 'smtp-password-Vb7-never-in-a-log';

describe('no secret reaches the log, even at trace level', () => {
  let azurite: EmbeddedAzurite;
  let connector: ConnectorStub;
  let botFramework: LocalBotFramework;
  let entra: LocalEntra;
  let app: RunningApp;
  const log = new CapturedLog('trace');
  const consoleOutput: string[] = [];
  const sentTokens: string[] = [];

  beforeAll(async () => {
    for (const method of ['error', 'warn', 'log', 'info', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleOutput.push(
          args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' '),
        );
      });
    }
    azurite = await EmbeddedAzurite.start({ port: 0 });
    connector = await ConnectorStub.start();
    botFramework = await LocalBotFramework.start();
    entra = await LocalEntra.start();
    const config = loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      TABLE_PREFIX: uniqueTablePrefix(),
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      MICROSOFT_APP_ID: BOT_APP_ID,
      MICROSOFT_APP_PASSWORD: APP_PASSWORD,
      REPORT_LINK_SECRET,
      BOT_OPENID_METADATA_URL: botFramework.metadataUrl,
      SMTP_URL: `smtps://mailer:${SMTP_PASSWORD}@mail.example.org:465`,
      MAIL_FROM: 'Meeting Actions <actions@example.org>',
      ...entra.settings(),
      LOG_LEVEL: 'trace',
    });
    app = await startApp(config, log.logger);
  });
  afterAll(async () => {
    await app?.stop();
    await entra.stop();
    await botFramework.stop();
    await connector.stop();
    jest.restoreAllMocks();
  });

  const post = async (token: string, text = 'help') => {
    sentTokens.push(token);
    return fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(message(text, 'meetingChat', { serviceUrl: connector.serviceUrl })),
    });
  };
  const board = async (token: string) => {
    sentTokens.push(token);
    return fetch(
      `${app.url}${PANEL_API.board}?conversationId=${encodeURIComponent(MEETING_CHAT_ID)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
  };

  it('after refusals, an accepted request whose turn fails, and storage going down', async () => {
    // 401s: a forged bot token, a forged side panel token, an altered report link.
    const genuine = await botFramework.token(connector.serviceUrl);
    expect((await post(`${genuine.slice(0, -4)}AAAA`)).status).toBe(401);
    expect((await board(`${(await entra.token(ADA.aadObjectId)).slice(0, -4)}AAAA`)).status).toBe(
      401,
    );
    const link = await fetch(`${app.url}/reports/${genuine}`);
    expect(link.status).toBe(403);
    sentTokens.push(genuine);

    // Accepted, and the turn fails: the reply needs credentials from Entra ID (unreachable).
    expect((await post(await botFramework.token(connector.serviceUrl))).status).toBe(200);
    // Accepted by the panel; asking Teams whether Ada is in the meeting fails the same way.
    expect((await board(await entra.token(ADA.aadObjectId))).status).toBe(503);

    // Storage goes away: the health check and a turn that reads actions fail.
    await azurite.stop();
    expect((await fetch(`${app.url}/healthz`)).status).toBe(503);
    expect((await post(await botFramework.token(connector.serviceUrl), 'list')).status).toBe(200);

    const messages = log.messages();
    expect(messages).toContain('bot request refused: token not accepted');
    expect(messages).toContain('side panel token refused');
    expect(messages).toContain('turn failed');
    expect(messages).toContain('side panel: could not read the roster');
    expect(messages).toContain('health check: storage does not answer');

    const everything = [...log.raw, ...consoleOutput].join('\n');
    const accountKey = /AccountKey=([^;]+)/.exec(azurite.connectionString)?.[1] ?? '';
    const secrets = {
      'the app password': APP_PASSWORD,
      'the storage account key': accountKey,
      'the SMTP password': SMTP_PASSWORD,
      'the report link secret': REPORT_LINK_SECRET,
    };
    for (const [name, secret] of Object.entries(secrets)) {
      expect(secret.length).toBeGreaterThan(20);
      expect({ [name]: everything.includes(secret) }).toEqual({ [name]: false });
    }
    for (const token of sentTokens) {
      // A token's signature is what makes it a credential; its header alone is public.
      const signature = token.split('.')[2] ?? '';
      expect({ token: everything.includes(signature) }).toEqual({ token: false });
    }
  });
});
