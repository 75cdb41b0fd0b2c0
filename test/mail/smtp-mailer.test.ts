import { createLogger } from '../../host/logger';
import { messageIdFor } from '../../mail/mail-id';
import { SmtpMailer } from '../../mail/smtp-mailer';
import { startSmtpServer } from './local-smtp-server';
import { readMail } from './received-mail';
import { capturedLog, failureOf, reminderMail } from './mail-fixtures';

const FROM = 'Meeting Actions <actions@ccag.example.org>';

describe('e-mail through a local SMTP server', () => {
  let server: Awaited<ReturnType<typeof startSmtpServer>>;
  let mailer: SmtpMailer;

  beforeEach(async () => {
    server = await startSmtpServer();
    mailer = new SmtpMailer({ url: server.url, from: FROM });
  });

  afterEach(async () => {
    mailer.close();
    await server.stop();
  });

  it('delivers the reminder: recipient, subject, the ref and the group, as text and HTML', async () => {
    await mailer.send(reminderMail());

    expect(server.received).toHaveLength(1);
    const [received] = server.received;
    expect(received?.from).toBe('actions@ccag.example.org');
    expect(received?.to).toEqual(['zoe.lefevre@ofgem.gov.uk']);
    const mail = readMail(received?.raw ?? '');
    expect(mail.header('to')).toBe('zoe.lefevre@ofgem.gov.uk');
    expect(mail.header('from')).toBe(FROM);
    expect(mail.header('subject')).toBe(
      'Reminder: CCAG03-04 is due on 23/03/2022 (CCAG, Zoë Lefèvre)',
    );
    expect(mail.part('text/plain')).toContain(
      'CCAG03-04 of the MHHS Cross Code Advisory Group (CCAG)',
    );
    expect(mail.part('text/html')).toContain('<strong>CCAG03-04</strong>');
    expect(mail.part('text/html')).toContain('(CCAG), meeting CCAG003');
  });

  it('gives a reminder sent again the same Message-ID, and another reminder another', async () => {
    await mailer.send(reminderMail());
    await mailer.send(reminderMail());
    await mailer.send(reminderMail({ idempotencyKey: 'reminder|CCAG03-05|2022-03-16|zoe' }));

    const ids = server.received.map((mail) => readMail(mail.raw).header('message-id'));
    expect(ids[0]).toMatch(/^<[0-9a-f]{32}@ccag\.example\.org>$/);
    expect(ids[0]).toBe(messageIdFor(reminderMail().idempotencyKey, FROM));
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('a recipient the server refuses is a rejected mail', async () => {
    const failure = await failureOf(mailer.send(reminderMail({ to: 'nobody@ofgem.gov.uk' })));
    expect(failure.kind).toBe('rejected');
    expect(failure.message).toMatch(/refused the mail to nobody@ofgem\.gov\.uk.*550 No such user/);
    expect(server.received).toEqual([]);
  });

  it('a server that is down makes the mail unavailable, to be tried later', async () => {
    await server.stop();
    const down = new SmtpMailer({ url: server.url, from: FROM });
    try {
      const failure = await failureOf(down.send(reminderMail()));
      expect(failure.kind).toBe('unavailable');
      expect(failure.message).toMatch(/ECONNREFUSED/);
    } finally {
      down.close();
      server = await startSmtpServer();
    }
  });
});

describe('SMTP with a login', () => {
  const PASSWORD = 'pa55-w0rd-not-for-logs';

  it('logs in and delivers; a wrong password is rejected; the password is never logged', async () => {
    const server = await startSmtpServer({ login: { user: 'bot', password: PASSWORD } });
    const log = capturedLog();
    const logger = createLogger('trace', log);
    const good = new SmtpMailer({
      url: `smtp://bot:${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`,
      from: FROM,
      log: logger,
    });
    const wrong = new SmtpMailer({
      url: `smtp://bot:${PASSWORD}-wrong@127.0.0.1:${server.port}`,
      from: FROM,
      log: logger,
    });
    try {
      await good.send(reminderMail());
      expect(server.received).toHaveLength(1);

      const failure = await failureOf(wrong.send(reminderMail()));
      expect(failure.kind).toBe('rejected');
      expect(failure.message).toMatch(/535/);
      expect(failure.message).not.toContain(PASSWORD);
      expect(log.lines.join('\n')).toMatch(/mail not sent \(SMTP\)/);
      expect(log.lines.join('\n')).not.toContain(PASSWORD);
      expect(log.lines.join('\n')).not.toContain('pa55');
    } finally {
      good.close();
      wrong.close();
      await server.stop();
    }
  });
});
