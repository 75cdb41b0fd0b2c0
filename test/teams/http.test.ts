import { EmbeddedAzurite } from '../../storage/embedded-azurite';
import { UNKNOWN_COMMAND_REPLY } from '../../teams/activity-router';
import {
  MAX_MESSAGE_TEXT_LENGTH,
  messageTooLongReply,
  TURN_ERROR_REPLY,
} from '../../teams/cloud-adapter';
import { MAX_BODY_BYTES, REFUSALS } from '../../teams/http-server';
import { HELP_CARD_TITLE } from '../../cards/help-card';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../cards/adaptive-card';
import { CHANNEL_ID, message } from '../support/activities';
import { expectValidCard } from '../support/card-validator';
import { ConnectorStub } from '../support/connector-stub';
import { startTestApp, type TestApp } from '../support/test-app';
import { LIBRARY_TEXT } from './token-forgeries';

describe('the bot over HTTP (restify + CloudAdapter + Azurite, connector stubbed)', () => {
  let connector: ConnectorStub;
  let subject: TestApp;

  beforeAll(async () => {
    connector = await ConnectorStub.start();
    subject = await startTestApp();
  });
  afterAll(async () => {
    await subject.app.stop();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  it('answers `help` in a channel with one reply carrying the help card', async () => {
    const activity = message('help', 'channel', { serviceUrl: connector.serviceUrl });
    const response = await subject.post(activity);

    expect(response.status).toBe(200);
    const [reply, ...others] = connector.sentActivities;
    expect(others).toHaveLength(0);
    expect(reply?.method).toBe('POST');
    expect(reply?.path).toBe(
      `/v3/conversations/${CHANNEL_ID};messageid=${activity.id}/activities/${activity.id}`,
    );
    const attachments = reply?.body.attachments as Array<{ contentType: string; content: unknown }>;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]?.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(JSON.stringify(attachments[0]?.content)).toContain(HELP_CARD_TITLE);
    expectValidCard(attachments[0]?.content);
    // Anonymous mode sends no Authorization header to the connector.
    expect(reply?.headers.authorization).toBeUndefined();
  });

  it('points an unknown command to help', async () => {
    await subject.post(message('make tea', 'personal', { serviceUrl: connector.serviceUrl }));
    expect(connector.sentActivities.map((call) => call.body.text)).toEqual([UNKNOWN_COMMAND_REPLY]);
  });

  it('logs one line per request with its duration and no headers', async () => {
    await subject.post(message('help', 'personal', { serviceUrl: connector.serviceUrl }), {
      authorization: 'Bearer secret-token-value',
    });
    const requestLines = subject.log.lines.filter(
      (line) => line.msg === 'request' && line.path === '/api/messages',
    );
    expect(requestLines.length).toBeGreaterThan(0);
    for (const line of requestLines) {
      expect(line).toMatchObject({ method: 'POST', status: 200 });
      expect(typeof line.durationMs).toBe('number');
    }
    expect(subject.log.raw.join('\n')).not.toContain('secret-token-value');
  });

  it('reports healthy storage on /healthz', async () => {
    const response = await fetch(`${subject.app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', storage: 'ok' });
  });

  it('says at start-up that it runs anonymously', () => {
    expect(subject.log.messages().some((text) => /authentication is OFF/.test(text))).toBe(true);
  });

  describe('refuses what is not an activity, before the bot runs', () => {
    const help = () => message('help', 'personal', { serviceUrl: connector.serviceUrl });
    const without = (field: string) => () => ({ ...help(), [field]: undefined });
    const raw = (body: string, contentType = 'application/json') =>
      fetch(`${subject.app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
      });

    it.each([
      ['no type', without('type'), 'The activity has no type.'],
      ['an empty type', () => ({ ...help(), type: ' ' }), 'The activity has no type.'],
      ['no channelId', without('channelId'), 'The activity has no channelId.'],
      ['no serviceUrl', without('serviceUrl'), 'The activity has no http(s) serviceUrl.'],
      [
        'a serviceUrl that is not http(s)',
        () => ({ ...help(), serviceUrl: 'file:///etc/passwd' }),
        'The activity has no http(s) serviceUrl.',
      ],
      ['no conversation', without('conversation'), 'The activity has no conversation id.'],
      [
        'a conversation without an id',
        () => ({ ...help(), conversation: { conversationType: 'personal' } }),
        'The activity has no conversation id.',
      ],
      ['no sender', without('from'), 'The activity has no sender (from.id).'],
      ['a JSON array', () => [help()], 'The body is not a Bot Framework activity.'],
      ['JSON null', () => null, 'The body is not a Bot Framework activity.'],
    ])('answers an activity with %s 400 and a short reason', async (_name, body, reason) => {
      const response = await subject.post(body());
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: reason });
      expect(connector.calls).toHaveLength(0);
    });

    it.each([
      ['a body that is not JSON', 400, () => raw('{"type": "message",'), REFUSALS.notJson],
      [
        'a plain-text body',
        400,
        () => raw('help', 'text/plain'),
        'The body is not a Bot Framework activity.',
      ],
      [
        `a body over ${MAX_BODY_BYTES / 1024} KiB`,
        413,
        () => raw(JSON.stringify({ ...help(), text: 'x'.repeat(MAX_BODY_BYTES) })),
        REFUSALS.tooLarge,
      ],
    ])('answers %s %i with a sentence of its own', async (_name, status, send, reason) => {
      const response = await send();
      expect(response.status).toBe(status);
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({ error: reason });
      expect(text).not.toMatch(/Unexpected|position|exceeds|req\.body|middleware/);
      expect(connector.calls).toHaveLength(0);
      expect(subject.log.raw.join('\n')).not.toMatch(LIBRARY_TEXT);
    });

    it('still answers a well-formed activity', async () => {
      expect((await subject.post(help())).status).toBe(200);
      expect(connector.sentActivities).toHaveLength(1);
    });
  });

  describe('a message longer than the bot reads', () => {
    const texts = () => connector.sentActivities.map((call) => call.body.text);

    it.each([
      ['100 KB of text', 'x'.repeat(100_000)],
      ['`add` with 100 KB of text', `add ${'x'.repeat(100_000)}`],
    ])('answers %s with one message saying how long it may be', async (_name, text) => {
      // In a meeting chat the bot is @mentioned; the mention does not count.
      const response = await subject.post(
        message(text, 'meetingChat', { serviceUrl: connector.serviceUrl }),
      );
      expect(response.status).toBe(200);
      expect(texts()).toEqual([messageTooLongReply(text.length)]);
      expect(texts()[0]).toContain('at most 30,000');
      // No form, no card: the text went no further than the length check.
      expect(connector.sentActivities[0]?.body.attachments).toBeUndefined();
    });

    it('reads a message of exactly the longest length as usual', async () => {
      await subject.post(
        message('x'.repeat(MAX_MESSAGE_TEXT_LENGTH), 'personal', {
          serviceUrl: connector.serviceUrl,
        }),
      );
      expect(texts()).toEqual([UNKNOWN_COMMAND_REPLY]);
    });
  });
});

describe('authentication', () => {
  it('rejects a request without a token with 401 when an app id is configured', async () => {
    const connector = await ConnectorStub.start();
    const subject = await startTestApp({
      MICROSOFT_APP_ID: '0f6b7c8d-1a2b-4c3d-9e8f-a1b2c3d4e5f6',
      MICROSOFT_APP_PASSWORD: 'not-a-real-secret',
      REPORT_LINK_SECRET: 'a-report-link-secret-of-32-characters-or-more',
    });
    try {
      const response = await subject.post(
        message('help', 'personal', { serviceUrl: connector.serviceUrl }),
      );
      expect(response.status).toBe(401);
      expect(connector.calls).toHaveLength(0);
      expect(subject.log.messages().some((text) => /authentication is ON/.test(text))).toBe(true);
      expect(subject.log.raw.join('\n')).not.toContain('not-a-real-secret');
    } finally {
      await subject.app.stop();
      await connector.stop();
    }
  });
});

describe('when storage goes down', () => {
  it('answers 503 on /healthz with the reason, and apologises for a failed turn', async () => {
    const azurite = await EmbeddedAzurite.start({ port: 0 });
    const connector = await ConnectorStub.start();
    const subject = await startTestApp({ STORAGE_CONNECTION_STRING: azurite.connectionString });
    try {
      expect((await fetch(`${subject.app.url}/healthz`)).status).toBe(200);
      await azurite.stop();

      const health = await fetch(`${subject.app.url}/healthz`);
      expect(health.status).toBe(503);
      const body = (await health.json()) as { status: string; storage: string };
      expect(body.status).toBe('unavailable');
      expect(body.storage).toMatch(/Table Storage is unavailable/);

      await subject.post(message('help', 'personal', { serviceUrl: connector.serviceUrl }));
      const texts = connector.sentActivities.map((call) => call.body.text);
      expect(texts).toContain(TURN_ERROR_REPLY);
      expect(JSON.stringify(connector.sentActivities)).not.toMatch(/at \w+ \(|Error:/);
      const failure = subject.log.lines.find((line) => line.msg === 'turn failed');
      expect(failure).toMatchObject({
        errorCode: 'StorageUnavailable',
        activity: { type: 'message', conversationType: 'personal' },
      });
    } finally {
      await subject.app.stop();
      await connector.stop();
    }
  });
});
