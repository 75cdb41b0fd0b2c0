import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { productionCommand, REPO_ROOT } from '../../bench/support/production-build';
import { bundleServer } from '../../scripts/bundle-server';
import { signReportLink } from '../../features/reports/report-links';
import { TableStorage } from '../../storage/table-storage';
import { TAB_PATHS } from '../../teams/side-panel/tab-pages';
import { message } from '../support/activities';
import { ConnectorStub } from '../support/connector-stub';
import { BOT_APP_ID, LocalBotFramework } from '../teams/local-bot-framework';
import { testConnectionString, uniqueTablePrefix } from '../support/test-storage';
import { expectSeedReportDocx, issueSeedReport } from '../support/test-services';

/**
 * The production bundle (`npm run build:server`, what `npm run start:prod` runs), built from
 * today's sources into test-artifacts/ and started as start:prod starts it, node flags included,
 * in a process of its own on the run's Azurite. It has to do what the compiled tree did,
 * including what it loads from node_modules on first use.
 */
/** Laid out as `npm run build` lays out dist/: the server bundle, the side panel's script beside. */
const BUILT = path.join(REPO_ROOT, 'test-artifacts', 'dist');
const BUNDLE = path.join(BUILT, 'server', 'main.js');
const TAB_SCRIPT = path.join(BUILT, 'tab', 'app.js');
/** What the side panel's script beside the bundle holds here: it tells that one was served. */
const TAB_SCRIPT_TEXT = '/* the side panel script of this build */ void 0;\n';
const SECRET = 'a-report-link-secret-of-32-characters-or-more';

/** The bundle under plain node, with start:prod's node flags and these settings. */
class BundledServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    private readonly output: () => string,
  ) {}

  static async start(settings: Record<string, string>): Promise<BundledServer> {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child = spawn(process.execPath, [...productionCommand().nodeFlags, BUNDLE], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), ...settings },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const server = new BundledServer(child, `http://127.0.0.1:${port}`, () => output);
    await server.ready();
    return server;
  }

  /** Resolves once /healthz answers; rejects, with what the process printed, if it exits first. */
  private async ready(): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) {
        throw new Error(`the bundle exited (${this.child.exitCode}):\n${this.output()}`);
      }
      const answered = await fetch(`${this.url}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (answered) return;
      await sleep(50);
    }
    throw new Error(`the bundle did not answer /healthz in time:\n${this.output()}`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Runs the bundle until it exits on its own; its exit code and what it printed. */
async function runToExit(
  settings: Record<string, string>,
): Promise<{ code: number; text: string }> {
  const child = spawn(process.execPath, [...productionCommand().nodeFlags, BUNDLE], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number];
  return { code, text };
}

describe('the production bundle, started as start:prod starts it', () => {
  const tablePrefix = uniqueTablePrefix();
  let connector: ConnectorStub;
  let server: BundledServer;

  beforeAll(async () => {
    expect(productionCommand().script).toBe('dist/server/main.js');
    await bundleServer(BUNDLE);
    mkdirSync(path.dirname(TAB_SCRIPT), { recursive: true });
    writeFileSync(TAB_SCRIPT, TAB_SCRIPT_TEXT);
    connector = await ConnectorStub.start();
    const storage = new TableStorage({ connectionString: testConnectionString() }, { tablePrefix });
    await storage.ensureTables();
    await issueSeedReport(storage, new Date());
    server = await BundledServer.start({
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: tablePrefix,
      REPORT_LINK_SECRET: SECRET,
      LOG_LEVEL: 'warn',
    });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await connector?.stop();
    rmSync(BUILT, { recursive: true, force: true });
  });

  it('answers /healthz with its storage reachable', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok', storage: 'ok' });
  });

  it('answers help in a personal chat with the help card, posted to the connector', async () => {
    const response = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message('help', 'personal', { serviceUrl: connector.serviceUrl })),
    });
    expect(response.status).toBe(200);
    const [reply] = await connector.waitForCalls(1);
    const body = reply?.body as { attachments?: Array<{ contentType: string; content: unknown }> };
    expect(body.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(body.attachments?.[0]?.content)).toContain('AdaptiveCard');
  });

  it("serves the side panel's script built beside it (dist/tab/app.js), not one of its own", async () => {
    const response = await fetch(`${server.url}${TAB_PATHS.script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe(TAB_SCRIPT_TEXT);
  });

  it('serves an issued report as a Word document (docx loaded from node_modules)', async () => {
    const token = await signReportLink(
      {
        group: 'CCAG',
        meeting: 3,
        version: 1,
        format: 'docx',
        exp: Math.floor(Date.now() / 1000) + 3600,
      },
      SECRET,
    );
    await expectSeedReportDocx(await fetch(`${server.url}/reports/${token}`));
  });

  it('signs its replies in as a managed identity (botbuilder through @azure/identity, loaded on first use)', async () => {
    const identity = await LocalManagedIdentity.start();
    const botFramework = await LocalBotFramework.start();
    const signedIn = await BundledServer.start({
      STORAGE_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: tablePrefix,
      REPORT_LINK_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      MICROSOFT_APP_ID: BOT_APP_ID,
      MICROSOFT_APP_TYPE: 'UserAssignedMSI',
      MICROSOFT_APP_TENANT_ID: 'b4c5d6e7-0000-4000-8000-000000000001',
      BOT_OPENID_METADATA_URL: botFramework.metadataUrl,
      // App Service's managed identity endpoint, as the platform sets it for the app.
      IDENTITY_ENDPOINT: identity.endpoint,
      IDENTITY_HEADER: identity.header,
    });
    try {
      connector.reset();
      const response = await fetch(`${signedIn.url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await botFramework.token(connector.serviceUrl)}`,
        },
        body: JSON.stringify(message('help', 'personal', { serviceUrl: connector.serviceUrl })),
      });
      expect(response.status).toBe(200);
      const [reply] = await connector.waitForCalls(1);
      expect(reply?.headers.authorization).toBe(`Bearer ${identity.accessToken}`);
      const [asked] = identity.requests;
      expect(asked?.url.searchParams.get('resource')).toBe('https://api.botframework.com');
      expect(asked?.url.searchParams.get('client_id')).toBe(BOT_APP_ID);
      expect(asked?.header).toBe(identity.header);
    } finally {
      await signedIn.stop();
      await botFramework.stop();
      await identity.stop();
    }
  });

  it('reaches storage by managed identity with @azure/identity, loaded from node_modules', async () => {
    // Azurite speaks http, and a credential's token is never sent over http: the refusal shows
    // that the credential was made, so the package loaded.
    const accountUrl = /TableEndpoint=([^;]+)/.exec(testConnectionString())?.[1];
    const { code, text } = await runToExit({
      STORAGE_ACCOUNT_URL: accountUrl ?? '',
      TABLE_PREFIX: uniqueTablePrefix(),
    });
    expect(code).toBe(1);
    expect(text).toContain('Bearer token authentication is not permitted for non-TLS');
    expect(text).not.toContain('Cannot find module');
  });
});

/**
 * Stands in for App Service's managed identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER):
 * answers every token request with one access token, and records what was asked.
 */
class LocalManagedIdentity {
  readonly header = 'identity-header-of-this-test';
  readonly accessToken = 'managed-identity-token-for-the-connector';
  readonly requests: Array<{ url: URL; header: string | undefined }> = [];

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<LocalManagedIdentity> {
    const server = http.createServer();
    const identity = new LocalManagedIdentity(server);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const header = req.headers['x-identity-header'];
      identity.requests.push({
        url: new URL(req.url ?? '/', 'http://127.0.0.1'),
        header: typeof header === 'string' ? header : undefined,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          access_token: identity.accessToken,
          expires_on: String(Math.floor(Date.now() / 1000) + 3600),
          resource: 'https://api.botframework.com',
          token_type: 'Bearer',
          client_id: BOT_APP_ID,
        }),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return identity;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/msi/token`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
