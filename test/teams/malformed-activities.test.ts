import { MAX_MESSAGE_TEXT_LENGTH, messageTooLongReply } from '../../teams/cloud-adapter';
import { UNKNOWN_COMMAND_REPLY } from '../../teams/activity-router';
import { MAX_BODY_BYTES, REFUSALS } from '../../teams/http-server';
import { message } from '../support/activities';
import { ConnectorStub } from '../support/connector-stub';
import { startTestApp, type TestApp } from '../support/test-app';
import { LIBRARY_TEXT } from './token-forgeries';

describe('POST /api/messages refuses what is not an activity, before the bot runs', () => {
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
