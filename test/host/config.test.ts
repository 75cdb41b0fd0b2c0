import path from 'node:path';
import { ConfigError, describeConfig, loadConfig } from '../../host/config';

const LINK_SECRET = 'a-report-link-secret-of-32-characters-or-more';

describe('configuration', () => {
  it('runs locally with no settings: port 3978, anonymous, embedded Azurite under .data', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(3978);
    expect(config.botAuth).toBeUndefined();
    expect(config.storage).toEqual({
      kind: 'embedded',
      dataDir: path.resolve('/srv/app', '.data'),
      port: 10002,
    });
    expect(config.playgroundPort).toBe(56150);
  });

  it('uses a configured storage connection string instead of Azurite', () => {
    const config = loadConfig({
      STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=abc',
    });
    expect(config.storage).toEqual({
      kind: 'connectionString',
      connectionString: 'DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=abc',
    });
  });

  it('uses an account URL (managed identity) when one is configured', () => {
    const config = loadConfig({ STORAGE_ACCOUNT_URL: 'https://prod.table.core.windows.net' });
    expect(config.storage).toEqual({
      kind: 'accountUrl',
      accountUrl: 'https://prod.table.core.windows.net',
    });
  });

  it('turns authentication on when an app id and password are set', () => {
    const config = loadConfig({
      MICROSOFT_APP_ID: 'app-1',
      MICROSOFT_APP_PASSWORD: 'pw',
      REPORT_LINK_SECRET: LINK_SECRET,
    });
    expect(config.botAuth).toEqual({
      appId: 'app-1',
      appPassword: 'pw',
      appType: 'MultiTenant',
      tenantId: undefined,
      keyFetchTimeoutMs: 5000,
    });
  });

  it('points the token checks at other signing-key endpoints, with a bounded fetch', () => {
    const config = loadConfig({
      MICROSOFT_APP_ID: 'app-1',
      MICROSOFT_APP_PASSWORD: 'pw',
      REPORT_LINK_SECRET: LINK_SECRET,
      BOT_OPENID_METADATA_URL: 'http://127.0.0.1:9000/openid',
      SIGNING_KEY_TIMEOUT_MS: '250',
    });
    expect(config.botAuth).toMatchObject({
      openIdMetadataUrl: 'http://127.0.0.1:9000/openid',
      keyFetchTimeoutMs: 250,
    });
    expect(config.tab.keyFetchTimeoutMs).toBe(250);
  });

  it.each([
    [{ MICROSOFT_APP_ID: 'app-1' }, 'MICROSOFT_APP_PASSWORD'],
    [{ MICROSOFT_APP_PASSWORD: 'pw' }, 'MICROSOFT_APP_ID'],
    [
      { MICROSOFT_APP_ID: 'a', MICROSOFT_APP_PASSWORD: 'p', MICROSOFT_APP_TYPE: 'SingleTenant' },
      'MICROSOFT_APP_TENANT_ID',
    ],
    [{ MICROSOFT_APP_TYPE: 'Personal' }, 'MICROSOFT_APP_TYPE'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STORAGE_ACCOUNT_URL: 'not a url' }, 'STORAGE_ACCOUNT_URL'],
    [
      { STORAGE_CONNECTION_STRING: 'x', STORAGE_ACCOUNT_URL: 'https://a.example' },
      'STORAGE_ACCOUNT_URL',
    ],
    [{ TABLE_PREFIX: '1bad-prefix' }, 'TABLE_PREFIX'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MICROSOFT_APP_ID: 'app-1', MICROSOFT_APP_PASSWORD: 'pw' }, 'REPORT_LINK_SECRET'],
    [{ REPORT_LINK_SECRET: 'short' }, 'REPORT_LINK_SECRET'],
    [{ PUBLIC_BASE_URL: 'not a url' }, 'PUBLIC_BASE_URL'],
    [{ REPORT_LINK_DAYS: '0' }, 'REPORT_LINK_DAYS'],
    [{ BOT_OPENID_METADATA_URL: 'login.botframework.com' }, 'BOT_OPENID_METADATA_URL'],
    [{ SIGNING_KEY_TIMEOUT_MS: '0' }, 'SIGNING_KEY_TIMEOUT_MS'],
  ])('refuses %j naming %s', (env, setting) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(setting));
  });

  it('names every bad setting at once', () => {
    expect(() => loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });

  it('summarises the settings for the log without any secret', () => {
    const summary = JSON.stringify(
      describeConfig(
        loadConfig({
          MICROSOFT_APP_ID: 'app-1',
          MICROSOFT_APP_PASSWORD: 'hunter2-password',
          REPORT_LINK_SECRET: LINK_SECRET,
          STORAGE_CONNECTION_STRING:
            'DefaultEndpointsProtocol=https;AccountName=prod;AccountKey=c2VjcmV0a2V5',
        }),
      ),
    );
    expect(summary).toContain('app-1');
    expect(summary).toContain('prod');
    expect(summary).not.toContain('hunter2-password');
    expect(summary).not.toContain('c2VjcmV0a2V5');
    expect(summary).not.toContain(LINK_SECRET);
  });
});
