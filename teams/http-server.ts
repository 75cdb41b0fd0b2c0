import restify, { type Server } from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Logger } from '../host/logger';
import {
  loggablePath,
  registerReportDocumentRoute,
  type ReportDocumentRouteDependencies,
} from '../features/reports/report-document-route';

/** What the health check asks of storage: resolves when it answers, rejects with the reason. */
export type StorageProbe = () => Promise<void>;

export interface ServerDependencies {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly probeStorage: StorageProbe;
  readonly log: Logger;
  /** Serves `GET /reports/<token>` (signed links to issued reports' documents) when given. */
  readonly reportDocuments?: ReportDocumentRouteDependencies;
}

/**
 * The restify server: `POST /api/messages` for Teams (through the CloudAdapter) and `GET /healthz`
 * for load balancers and humans. Every request is logged once with its duration; headers are not
 * logged (they carry the bearer token).
 */
export function createServer({
  adapter,
  bot,
  probeStorage,
  log,
  reportDocuments,
}: ServerDependencies): Server {
  const server = restify.createServer({ name: 'meeting-actions', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));

  server.pre((req, _res, next) => {
    requestStarts.set(req, process.hrtime.bigint());
    next();
  });
  server.on('after', (req: restify.Request, res: restify.Response) => {
    const started = requestStarts.get(req);
    const durationMs = started ? Number(process.hrtime.bigint() - started) / 1e6 : undefined;
    log.info(
      {
        method: req.method,
        path: loggablePath(req.getPath()),
        status: res.statusCode,
        durationMs: durationMs === undefined ? undefined : Math.round(durationMs * 10) / 10,
      },
      'request',
    );
  });

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });

  server.get('/healthz', async (_req, res) => {
    try {
      await probeStorage();
      res.send(200, { status: 'ok', storage: 'ok' });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.warn({ reason }, 'health check: storage does not answer');
      res.send(503, { status: 'unavailable', storage: reason });
    }
  });

  if (reportDocuments) registerReportDocumentRoute(server, reportDocuments);

  return server;
}

const requestStarts = new WeakMap<object, bigint>();
