import { createLogger } from '../../host/logger';
import { GraphMailer, MAIL_ID_HEADER, type GraphMailerOptions } from '../../mail/graph-mailer';
import { mailIdOf } from '../../mail/mail-id';
import { startGraphStandIn } from './graph-stand-in';
import { capturedLog, failureOf, reminderMail } from './mail-fixtures';

const APP = {
  tenantId: '11111111-2222-3333-4444-555555555555',
  clientId: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  clientSecret: 'client-secret-never-in-logs',
};
const SENDER = 'meeting-actions@ccag.example.org';

describe('e-mail through Microsoft Graph (a local stand-in for Entra ID and Graph)', () => {
  let graph: Awaited<ReturnType<typeof startGraphStandIn>>;
  let waits: number[];

  beforeEach(async () => {
    graph = await startGraphStandIn(APP);
    waits = [];
  });
  afterEach(() => graph.stop());

  const mailer = (overrides: Partial<GraphMailerOptions> = {}) =>
    new GraphMailer({
      ...APP,
      sender: SENDER,
      graphBaseUrl: graph.baseUrl,
      entraAuthority: graph.baseUrl,
      wait: async (ms) => void waits.push(ms),
      ...overrides,
    });

  it('sends from the shared mailbox with an app token: recipient, subject, ref and group', async () => {
    await mailer().send(reminderMail());

    expect(graph.tokenRequests).toHaveLength(1);
    expect(Object.fromEntries(graph.tokenRequests[0] ?? [])).toEqual({
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      grant_type: 'client_credentials',
      scope: `${graph.baseUrl}/.default`,
    });
    expect(graph.sent).toHaveLength(1);
    const [sent] = graph.sent;
    expect(sent?.sender).toBe(SENDER);
    expect(sent?.token).toBe('token-1');
    const { message } = sent?.body ?? { message: undefined };
    expect(message?.toRecipients).toEqual([
      { emailAddress: { address: 'zoe.lefevre@ofgem.gov.uk' } },
    ]);
    expect(message?.subject).toBe('Reminder: CCAG03-04 is due on 23/03/2022 (CCAG, Zoë Lefèvre)');
    expect(message?.body.contentType).toBe('HTML');
    expect(message?.body.content).toContain('<strong>CCAG03-04</strong>');
    expect(message?.body.content).toContain('(CCAG), meeting CCAG003');
    expect(message?.internetMessageHeaders).toEqual([
      { name: MAIL_ID_HEADER, value: mailIdOf(reminderMail().idempotencyKey) },
    ]);
    expect(sent?.clientRequestId).toMatch(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
  });

  it('keeps the token for the next mails', async () => {
    const graphMailer = mailer();
    await graphMailer.send(reminderMail());
    await graphMailer.send(reminderMail({ to: 'ann@rec.co.uk' }));
    expect(graph.tokenRequests).toHaveLength(1);
    expect(graph.sent.map((sent) => sent.token)).toEqual(['token-1', 'token-1']);
  });

  it('a 429 with Retry-After is waited for once, then the mail goes', async () => {
    graph.answerNext({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: { code: 'ApplicationThrottled', message: 'Too many requests' } },
    });
    await mailer().send(reminderMail());
    expect(waits).toEqual([7000]);
    expect(graph.sent.map((sent) => sent.status)).toEqual([429, 202]);
  });

  it('a second 429 is unavailable: the sweep tries later, the mailer waits only once', async () => {
    graph.answerNext(
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 429, headers: { 'retry-after': '2' } },
    );
    const failure = await failureOf(mailer().send(reminderMail()));
    expect(failure.kind).toBe('unavailable');
    expect(waits).toEqual([2000]);
    expect(graph.sent).toHaveLength(2);
  });

  it('a Retry-After longer than the mailer waits is unavailable at once', async () => {
    graph.answerNext({ status: 503, headers: { 'retry-after': '3600' } });
    const failure = await failureOf(mailer().send(reminderMail()));
    expect(failure.kind).toBe('unavailable');
    expect(waits).toEqual([]);
  });

  it.each([
    [
      400,
      'ErrorInvalidRecipients',
      /refused the mail to zoe.lefevre@ofgem.gov.uk \(HTTP 400 ErrorInvalidRecipients/,
    ],
    [
      403,
      'ErrorAccessDenied',
      /Mail\.Send application permission .* Exchange RBAC for Applications/,
    ],
    [404, 'ErrorInvalidUser', /GRAPH_MAIL_SENDER names no mailbox/],
  ])('a %i from Graph is a rejected mail that says why', async (status, code, why) => {
    graph.answerNext({ status, body: { error: { code, message: 'No.' } } });
    const failure = await failureOf(mailer().send(reminderMail()));
    expect(failure.kind).toBe('rejected');
    expect(failure.message).toMatch(why);
  });

  it('a 5xx is unavailable', async () => {
    graph.answerNext({
      status: 500,
      body: { error: { code: 'InternalServerError', message: 'Oops' } },
    });
    expect((await failureOf(mailer().send(reminderMail()))).kind).toBe('unavailable');
  });

  it('a revoked token is renewed once and the mail goes', async () => {
    const graphMailer = mailer();
    await graphMailer.send(reminderMail());
    graph.revokeTokens();
    await graphMailer.send(reminderMail());
    expect(graph.tokenRequests).toHaveLength(2);
    expect(graph.sent.map((sent) => sent.token)).toEqual(['token-1', 'token-2']);
  });

  it('wrong credentials are rejected and the secret is never logged', async () => {
    const log = capturedLog();
    const wrong = mailer({
      clientSecret: 'a-wrong-secret-never-in-logs',
      log: createLogger('trace', log),
    });
    const failure = await failureOf(wrong.send(reminderMail()));
    expect(failure.kind).toBe('rejected');
    expect(failure.message).toMatch(
      /Entra ID refused the app's credentials.*AADSTS7000215: Invalid client secret provided\.$/,
    );
    expect(graph.sent).toEqual([]);
    const written = `${log.lines.join('\n')}\n${failure.message}`;
    expect(log.lines.join('\n')).toMatch(/mail not sent \(Graph\)/);
    expect(written).not.toContain('a-wrong-secret-never-in-logs');
    expect(written).not.toContain(APP.clientSecret);
  });

  it('no answer from Graph is unavailable', async () => {
    await graph.stop();
    const failure = await failureOf(mailer().send(reminderMail()));
    expect(failure.kind).toBe('unavailable');
    graph = await startGraphStandIn(APP);
  });
});
