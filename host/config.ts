import path from 'node:path';
import * as z from 'zod';
import {
  DEFAULT_RETENTION_DAYS,
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
} from '../core/retention/retention-window';

/**
 * The one place that reads the environment. Every setting is validated here; a missing or bad
 * setting stops start-up with a message that names it. Everything else receives `AppConfig`.
 */

export type StorageSettings =
  | { readonly kind: 'connectionString'; readonly connectionString: string }
  | { readonly kind: 'accountUrl'; readonly accountUrl: string }
  | { readonly kind: 'embedded'; readonly dataDir: string; readonly port: number };

export interface BotAuthSettings {
  readonly appId: string;
  readonly appPassword?: string;
  readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  readonly tenantId?: string;
  /** Where the channel's token signing keys are found; absent: the Bot Framework's own. */
  readonly openIdMetadataUrl?: string;
  /** How long one fetch of signing keys may take before the request gets 503. */
  readonly keyFetchTimeoutMs: number;
}

export interface AppConfig {
  readonly host: string;
  readonly port: number;
  /** Absent: the bot runs anonymously (local Playground and tests only). */
  readonly botAuth?: BotAuthSettings;
  readonly storage: StorageSettings;
  /** Prefix of every table name, so several deployments or test runs can share an account. */
  readonly tablePrefix: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Local files: the embedded Azurite's data and the Playground's log. */
  readonly dataDir: string;
  /** Signed links to issued reports' documents (`GET /reports/<token>`). */
  readonly reportLinks: ReportLinkSettings;
  /** Where `npm start` serves the Agents Playground (the local Teams-like client). */
  readonly playgroundPort: number;
  /** Seconds between reminder sweeps in the bot process; 0: no sweep here (an external scheduler runs `npm run cli -- sweep`). */
  readonly reminderSweepIntervalSeconds: number;
  /** Days an exactly-once request's records (operation rows, add receipts) are kept. */
  readonly operationRetentionDays: number;
  /** The meeting side panel and its API (`/tab`, `/api/tab/...`). */
  readonly tab: TabSettings;
  /** How e-mail is sent to owners outside Teams; absent: no e-mail. */
  readonly mail?: MailSettings;
}

/**
 * E-mail: Microsoft Graph `sendMail` from a shared mailbox with the app's own credentials (the
 * recommended route for Microsoft 365, where basic-auth SMTP is being retired), or SMTP.
 */
export type MailSettings = GraphMailSettings | SmtpMailSettings;

export interface GraphMailSettings {
  readonly kind: 'graph';
  /** The mailbox mail is sent from (its address or Entra object id): `GRAPH_MAIL_SENDER`. */
  readonly sender: string;
  /** The tenant of the mailbox, whose Entra ID issues the app's token. */
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** `https://graph.microsoft.com` unless `GRAPH_BASE_URL` says otherwise (a national cloud, a test). */
  readonly graphBaseUrl: string;
  /** Entra ID's authority (`ENTRA_AUTHORITY`). */
  readonly entraAuthority: string;
}

export interface SmtpMailSettings {
  readonly kind: 'smtp';
  /** `smtp://host:port` or `smtps://user:password@host:port` (`SMTP_URL`). */
  readonly url: string;
  /** The From address, e.g. `Meeting Actions <actions@example.org>` (`MAIL_FROM`). */
  readonly from: string;
}

/** How the side panel's API checks Entra ID (single sign-on) tokens. */
export interface TabSettings {
  /**
   * The Entra app whose tokens the panel's API accepts (`webApplicationInfo.id`); defaults to
   * `MICROSOFT_APP_ID`. Absent: no sign-on, the panel works only as a local preview from localhost.
   */
  readonly ssoAppId?: string;
  /** The public host name; the token audience `api://<host>/<app id>` is accepted with it. */
  readonly publicHostName?: string;
  /** Entra ID's authority; v2 tokens are issued by `<authority>/<tenant id>/v2.0`. */
  readonly entraAuthority: string;
  /** Where the signing keys are published; `{tenantId}` is replaced by the token's tenant. */
  readonly entraJwksUrl: string;
  /** How long one fetch of signing keys may take before the request gets 503. */
  readonly keyFetchTimeoutMs: number;
}

/** How links to report documents are signed, addressed and how long they work. */
export interface ReportLinkSettings {
  /** HMAC key. Absent only in anonymous (local) mode: the app then makes one per start. */
  readonly secret?: string;
  /** The bot's public address; absent: the address it listens on. */
  readonly publicBaseUrl?: string;
  readonly ttlDays: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a port number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be between 0 and 65535`)
    .max(65535, `${name} must be between 0 and 65535`);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const RETENTION_DAYS_RANGE =
  `OPERATION_RETENTION_DAYS must be a whole number of days from ${MIN_RETENTION_DAYS} to ` +
  `${MAX_RETENTION_DAYS} (default ${DEFAULT_RETENTION_DAYS}): how long a click is remembered, ` +
  'so that a repeat of it changes nothing';

const environmentSchema = z
  .object({
    HOST: z.string().trim().min(1).default('0.0.0.0'),
    PORT: port('PORT').default(3978),
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    MICROSOFT_APP_TYPE: z
      .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
      .default('MultiTenant'),
    MICROSOFT_APP_TENANT_ID: optionalText,
    BOT_OPENID_METADATA_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, error: 'BOT_OPENID_METADATA_URL must be an http(s) URL' })
        .optional(),
    ),
    SIGNING_KEY_TIMEOUT_MS: z.coerce
      .number({ error: 'SIGNING_KEY_TIMEOUT_MS must be a number of milliseconds' })
      .int('SIGNING_KEY_TIMEOUT_MS must be a whole number of milliseconds')
      .min(100, 'SIGNING_KEY_TIMEOUT_MS must be between 100 and 60000')
      .max(60_000, 'SIGNING_KEY_TIMEOUT_MS must be between 100 and 60000')
      .default(5000),
    STORAGE_CONNECTION_STRING: optionalText,
    STORAGE_ACCOUNT_URL: optionalText.pipe(
      z
        .url({ protocol: /^https?$/, error: 'STORAGE_ACCOUNT_URL must be an http(s) URL' })
        .optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default('.data'),
    AZURITE_TABLE_PORT: port('AZURITE_TABLE_PORT').default(10002),
    TABLE_PREFIX: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z][A-Za-z0-9]{0,19}$/,
        'TABLE_PREFIX must be a letter then up to 19 letters or digits',
      )
      .default('ma'),
    PLAYGROUND_PORT: port('PLAYGROUND_PORT').default(56150),
    REMINDER_SWEEP_INTERVAL_SECONDS: z.coerce
      .number({ error: 'REMINDER_SWEEP_INTERVAL_SECONDS must be a number of seconds' })
      .int('REMINDER_SWEEP_INTERVAL_SECONDS must be a whole number of seconds')
      .min(0, 'REMINDER_SWEEP_INTERVAL_SECONDS must be 0 (off) or more')
      .max(86_400, 'REMINDER_SWEEP_INTERVAL_SECONDS must be at most 86400 (a day)')
      .default(300),
    OPERATION_RETENTION_DAYS: z.coerce
      .number({ error: RETENTION_DAYS_RANGE })
      .int(RETENTION_DAYS_RANGE)
      .min(MIN_RETENTION_DAYS, RETENTION_DAYS_RANGE)
      .max(MAX_RETENTION_DAYS, RETENTION_DAYS_RANGE)
      .default(DEFAULT_RETENTION_DAYS),
    REPORT_LINK_SECRET: optionalText.pipe(
      z
        .string()
        .min(32, 'REPORT_LINK_SECRET must be at least 32 characters (e.g. openssl rand -hex 32)')
        .optional(),
    ),
    PUBLIC_BASE_URL: optionalText.pipe(
      z.url({ protocol: /^https?$/, error: 'PUBLIC_BASE_URL must be an http(s) URL' }).optional(),
    ),
    REPORT_LINK_DAYS: z.coerce
      .number({ error: 'REPORT_LINK_DAYS must be a number of days' })
      .int('REPORT_LINK_DAYS must be a whole number of days')
      .min(1, 'REPORT_LINK_DAYS must be between 1 and 3650')
      .max(3650, 'REPORT_LINK_DAYS must be between 1 and 3650')
      .default(30),
    TAB_SSO_APP_ID: optionalText,
    PUBLIC_HOST_NAME: optionalText,
    ENTRA_AUTHORITY: z
      .url({ protocol: /^https?$/, error: 'ENTRA_AUTHORITY must be an http(s) URL' })
      .default('https://login.microsoftonline.com'),
    ENTRA_JWKS_URL: optionalText.pipe(
      z.url({ protocol: /^https?$/, error: 'ENTRA_JWKS_URL must be an http(s) URL' }).optional(),
    ),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    SMTP_URL: optionalText.pipe(
      z
        .url({
          protocol: /^smtps?$/,
          error: 'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://127.0.0.1:2525',
        })
        .optional(),
    ),
    MAIL_FROM: optionalText.pipe(
      z
        .string()
        .regex(
          /@/,
          'MAIL_FROM must be an e-mail address, e.g. Meeting Actions <actions@example.org>',
        )
        .optional(),
    ),
    GRAPH_MAIL_SENDER: optionalText.pipe(
      z
        .string()
        .regex(
          /@|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
          'GRAPH_MAIL_SENDER must be the address (or Entra object id) of the mailbox mail is sent from',
        )
        .optional(),
    ),
    GRAPH_BASE_URL: z
      .url({ protocol: /^https?$/, error: 'GRAPH_BASE_URL must be an http(s) URL' })
      .default('https://graph.microsoft.com'),
  })
  .superRefine((env, ctx) => {
    if (env.STORAGE_CONNECTION_STRING && env.STORAGE_ACCOUNT_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['STORAGE_ACCOUNT_URL'],
        message: 'set STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL, not both',
      });
    }
    const needsPassword = env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI';
    if (env.MICROSOFT_APP_ID && needsPassword && !env.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_PASSWORD'],
        message: 'MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set',
      });
    }
    if (env.MICROSOFT_APP_ID && !env.REPORT_LINK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['REPORT_LINK_SECRET'],
        message:
          'REPORT_LINK_SECRET is required when MICROSOFT_APP_ID is set (it signs the report links; at least 32 characters)',
      });
    }
    if (!env.MICROSOFT_APP_ID && env.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_ID'],
        message: 'MICROSOFT_APP_ID is required when MICROSOFT_APP_PASSWORD is set',
      });
    }
    if (env.GRAPH_MAIL_SENDER) {
      for (const setting of [
        'MICROSOFT_APP_ID',
        'MICROSOFT_APP_PASSWORD',
        'MICROSOFT_APP_TENANT_ID',
      ] as const) {
        if (env[setting]) continue;
        ctx.addIssue({
          code: 'custom',
          path: [setting],
          message: `${setting} is required when GRAPH_MAIL_SENDER is set (Graph mail is sent with the app's own credentials, a client secret, in the mailbox's tenant)`,
        });
      }
    } else if (env.SMTP_URL && !env.MAIL_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message: 'MAIL_FROM is required when SMTP_URL is set (the address mail is sent from)',
      });
    }
    if (
      env.MICROSOFT_APP_TYPE !== 'MultiTenant' &&
      env.MICROSOFT_APP_ID &&
      !env.MICROSOFT_APP_TENANT_ID
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['MICROSOFT_APP_TENANT_ID'],
        message: `MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE is ${env.MICROSOFT_APP_TYPE}`,
      });
    }
  });

/**
 * Reads and validates the settings.
 * @param env - the environment to read; `process.env` in the app, a literal in tests.
 * @param baseDir - the folder a relative `DATA_DIR` is resolved against.
 * @throws ConfigError naming every missing or bad setting.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  baseDir: string = process.cwd(),
): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const setting = issue.path.join('.') || 'settings';
      return issue.message.includes(setting) ? issue.message : `${setting}: ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  const settings = parsed.data;
  const dataDir = path.resolve(baseDir, settings.DATA_DIR);
  return {
    host: settings.HOST,
    port: settings.PORT,
    botAuth: settings.MICROSOFT_APP_ID
      ? {
          appId: settings.MICROSOFT_APP_ID,
          appPassword: settings.MICROSOFT_APP_PASSWORD,
          appType: settings.MICROSOFT_APP_TYPE,
          tenantId: settings.MICROSOFT_APP_TENANT_ID,
          openIdMetadataUrl: settings.BOT_OPENID_METADATA_URL,
          keyFetchTimeoutMs: settings.SIGNING_KEY_TIMEOUT_MS,
        }
      : undefined,
    storage: settings.STORAGE_CONNECTION_STRING
      ? { kind: 'connectionString', connectionString: settings.STORAGE_CONNECTION_STRING }
      : settings.STORAGE_ACCOUNT_URL
        ? { kind: 'accountUrl', accountUrl: settings.STORAGE_ACCOUNT_URL }
        : {
            kind: 'embedded',
            dataDir,
            port: settings.AZURITE_TABLE_PORT,
          },
    tablePrefix: settings.TABLE_PREFIX,
    logLevel: settings.LOG_LEVEL,
    dataDir,
    playgroundPort: settings.PLAYGROUND_PORT,
    reminderSweepIntervalSeconds: settings.REMINDER_SWEEP_INTERVAL_SECONDS,
    operationRetentionDays: settings.OPERATION_RETENTION_DAYS,
    reportLinks: {
      ...(settings.REPORT_LINK_SECRET ? { secret: settings.REPORT_LINK_SECRET } : {}),
      ...(settings.PUBLIC_BASE_URL ? { publicBaseUrl: settings.PUBLIC_BASE_URL } : {}),
      ttlDays: settings.REPORT_LINK_DAYS,
    },
    tab: tabSettingsOf(settings),
    ...mailSettingsOf(settings),
  };
}

/** What start-up logs about its settings: where it listens and which modes, never a secret. */
export function describeConfig(config: AppConfig): Record<string, unknown> {
  return {
    listen: `${config.host}:${config.port}`,
    auth: config.botAuth
      ? { mode: 'Bot Framework JWT', appId: config.botAuth.appId, appType: config.botAuth.appType }
      : { mode: 'anonymous' },
    storage:
      config.storage.kind === 'connectionString'
        ? { kind: 'connection string', account: accountNameOf(config.storage.connectionString) }
        : config.storage.kind === 'accountUrl'
          ? { kind: 'account URL with managed identity', url: config.storage.accountUrl }
          : {
              kind: 'embedded Azurite',
              dataDir: config.storage.dataDir,
              port: config.storage.port,
            },
    tablePrefix: config.tablePrefix,
    operationRetentionDays: config.operationRetentionDays,
    reportLinks: {
      publicBaseUrl: config.reportLinks.publicBaseUrl ?? `http://localhost:${config.port}`,
      secret: config.reportLinks.secret ? 'set' : 'random per start (anonymous mode)',
      days: config.reportLinks.ttlDays,
    },
    mail: describeMail(config.mail),
  };
}

/** Which mail route is on, never a password: the SMTP server's address without its user info. */
function describeMail(mail: MailSettings | undefined): Record<string, unknown> | string {
  if (!mail) return 'off (no GRAPH_MAIL_SENDER or SMTP_URL)';
  if (mail.kind === 'graph') {
    return { kind: 'Microsoft Graph sendMail', sender: mail.sender, graph: mail.graphBaseUrl };
  }
  const url = new URL(mail.url);
  return {
    kind: 'SMTP',
    server: `${url.protocol}//${url.host}`,
    login: url.username ? 'set' : 'none',
    from: mail.from,
  };
}

function mailSettingsOf(settings: z.infer<typeof environmentSchema>): { mail?: MailSettings } {
  if (settings.GRAPH_MAIL_SENDER) {
    return {
      mail: {
        kind: 'graph',
        sender: settings.GRAPH_MAIL_SENDER,
        tenantId: settings.MICROSOFT_APP_TENANT_ID ?? '',
        clientId: settings.MICROSOFT_APP_ID ?? '',
        clientSecret: settings.MICROSOFT_APP_PASSWORD ?? '',
        graphBaseUrl: settings.GRAPH_BASE_URL.replace(/\/+$/, ''),
        entraAuthority: settings.ENTRA_AUTHORITY.replace(/\/+$/, ''),
      },
    };
  }
  if (settings.SMTP_URL && settings.MAIL_FROM) {
    return { mail: { kind: 'smtp', url: settings.SMTP_URL, from: settings.MAIL_FROM } };
  }
  return {};
}

function tabSettingsOf(settings: z.infer<typeof environmentSchema>): TabSettings {
  const authority = settings.ENTRA_AUTHORITY.replace(/\/+$/, '');
  const ssoAppId = settings.TAB_SSO_APP_ID ?? settings.MICROSOFT_APP_ID;
  return {
    ...(ssoAppId ? { ssoAppId } : {}),
    ...(settings.PUBLIC_HOST_NAME ? { publicHostName: settings.PUBLIC_HOST_NAME } : {}),
    entraAuthority: authority,
    entraJwksUrl: settings.ENTRA_JWKS_URL ?? `${authority}/{tenantId}/discovery/v2.0/keys`,
    keyFetchTimeoutMs: settings.SIGNING_KEY_TIMEOUT_MS,
  };
}

function accountNameOf(connectionString: string): string {
  return /AccountName=([^;]+)/i.exec(connectionString)?.[1] ?? '(unnamed)';
}
