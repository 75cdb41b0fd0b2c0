import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../host/start-app';
import { loadConfig } from '../../host/config';
import { createLogger, type Logger } from '../../host/logger';
import { testConnectionString, uniqueTablePrefix } from './test-storage';

/** Log lines written by the app under test, parsed, for assertions. */
export class CapturedLog {
  readonly lines: Array<Record<string, unknown>> = [];
  readonly raw: string[] = [];
  readonly logger: Logger;

  constructor(level = 'info') {
    const stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (!line.trim()) continue;
          this.raw.push(line);
          this.lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    });
    this.logger = createLogger(level, stream);
  }

  messages(): string[] {
    return this.lines.map((line) => String(line.msg));
  }
}

export interface TestApp {
  readonly app: RunningApp;
  readonly log: CapturedLog;
  /** POSTs an activity to /api/messages, as Teams would. */
  post(activity: unknown, headers?: Record<string, string>): Promise<Response>;
}

/**
 * The real app (restify server, CloudAdapter, Table Storage on the run's Azurite) on a free
 * loopback port, with tables of its own. Extra settings are environment variables, as in production.
 */
export async function startTestApp(settings: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniqueTablePrefix(),
    ...settings,
  });
  const log = new CapturedLog();
  const app = await startApp(config, log.logger);
  return {
    app,
    log,
    // The answer comes first; what the bot does after it (the card replaced for everyone) is
    // awaited too, so that a test's next step sees a quiet connector.
    post: async (activity, headers = {}) => {
      const response = await fetch(`${app.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      await response.clone().arrayBuffer();
      await app.settled();
      return response;
    },
  };
}
