import { ConfigError, describeConfig, loadConfig } from '../../host/config';
import { createLogger } from '../../host/logger';
import { openMailer } from '../../host/open-stores';
import { GraphMailer } from '../../mail/graph-mailer';
import { SmtpMailer } from '../../mail/smtp-mailer';
import { startSmtpServer } from './local-smtp-server';
import { reminderMail } from './mail-fixtures';

const APP = {
  MICROSOFT_APP_ID: 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
  MICROSOFT_APP_PASSWORD: 'client-secret-never-shown',
  MICROSOFT_APP_TENANT_ID: '11111111-2222-3333-4444-555555555555',
  REPORT_LINK_SECRET: 'a-report-link-secret-of-32-characters-or-more',
};
const silent = createLogger('silent');

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('mail settings', () => {
  it('no mail settings: no mailer', () => {
    const config = loadConfig({});
    expect(config.mail).toBeUndefined();
    expect(openMailer(config.mail, silent).mailer).toBeUndefined();
    expect(describeConfig(config).mail).toMatch(/^off/);
  });

  it('GRAPH_MAIL_SENDER sends through Graph with the app’s credentials', () => {
    const config = loadConfig({ ...APP, GRAPH_MAIL_SENDER: 'actions@ccag.example.org' });
    expect(config.mail).toEqual({
      kind: 'graph',
      sender: 'actions@ccag.example.org',
      tenantId: APP.MICROSOFT_APP_TENANT_ID,
      clientId: APP.MICROSOFT_APP_ID,
      clientSecret: APP.MICROSOFT_APP_PASSWORD,
      graphBaseUrl: 'https://graph.microsoft.com',
      entraAuthority: 'https://login.microsoftonline.com',
    });
    expect(openMailer(config.mail, silent).mailer).toBeInstanceOf(GraphMailer);
  });

  it('Graph wins over SMTP when both are set', () => {
    const config = loadConfig({
      ...APP,
      GRAPH_MAIL_SENDER: 'actions@ccag.example.org',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'actions@ccag.example.org',
    });
    expect(config.mail?.kind).toBe('graph');
  });

  it('Graph needs the app id, secret and tenant', () => {
    const message = configError({
      GRAPH_MAIL_SENDER: 'actions@ccag.example.org',
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
    });
    expect(message).toMatch(/MICROSOFT_APP_ID is required when GRAPH_MAIL_SENDER is set/);
    expect(message).toMatch(/MICROSOFT_APP_PASSWORD is required when GRAPH_MAIL_SENDER is set/);
    expect(message).toMatch(/MICROSOFT_APP_TENANT_ID is required when GRAPH_MAIL_SENDER is set/);
  });

  it('SMTP_URL sends over SMTP from MAIL_FROM, and needs both', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://bot:hunter2-smtp@mail.example.org:465',
      MAIL_FROM: 'Meeting Actions <actions@example.org>',
    });
    expect(config.mail).toEqual({
      kind: 'smtp',
      url: 'smtps://bot:hunter2-smtp@mail.example.org:465',
      from: 'Meeting Actions <actions@example.org>',
    });
    const { mailer, close } = openMailer(config.mail, silent);
    expect(mailer).toBeInstanceOf(SmtpMailer);
    close();
    expect(configError({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toMatch(
      /MAIL_FROM is required when SMTP_URL is set/,
    );
    expect(configError({ SMTP_URL: 'http://mail.example.org', MAIL_FROM: 'a@b.org' })).toMatch(
      /SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
  });

  it('the start-up summary names the mail route and never a password or secret', () => {
    const smtp = JSON.stringify(
      describeConfig(
        loadConfig({
          SMTP_URL: 'smtps://bot:hunter2-smtp@mail.example.org:465',
          MAIL_FROM: 'a@b.org',
        }),
      ),
    );
    expect(smtp).toContain('smtps://mail.example.org:465');
    expect(smtp).not.toContain('hunter2-smtp');
    const graph = JSON.stringify(
      describeConfig(loadConfig({ ...APP, GRAPH_MAIL_SENDER: 'actions@ccag.example.org' })),
    );
    expect(graph).toContain('actions@ccag.example.org');
    expect(graph).not.toContain(APP.MICROSOFT_APP_PASSWORD);
  });

  it('the app’s mailer, opened from the settings, delivers to the SMTP server', async () => {
    const server = await startSmtpServer();
    const config = loadConfig({ SMTP_URL: server.url, MAIL_FROM: 'actions@ccag.example.org' });
    const { mailer, close } = openMailer(config.mail, silent);
    try {
      await mailer?.send(reminderMail());
      expect(server.received.map((mail) => mail.to)).toEqual([['zoe.lefevre@ofgem.gov.uk']]);
    } finally {
      close();
      await server.stop();
    }
  });
});
