import restify, { type Server } from 'restify';
import type { Activity, ActivityHandler } from 'botbuilder';
import * as z from 'zod';
import type { Log as Logger } from '../core/log';
import {
  loggablePath,
  registerReportDocumentRoute,
  type ReportDocumentRouteDependencies,
} from '../features/reports/report-document-route';
import type { TeamsAdapter } from './cloud-adapter';
import { SigningKeysUnavailableError, TokenRejectedError } from './signed-token';

/** What the health check asks of storage: resolves when it answers, rejects with the reason. */
export type StorageProbe = () => Promise<void>;

export interface ServerDependencies {
  readonly adapter: TeamsAdapter;
  readonly bot: ActivityHandler;
  readonly probeStorage: StorageProbe;
  readonly log: Logger;
  /** Serves `GET /reports/<token>` (signed links to issued reports' documents) when given. */
  readonly reportDocuments?: ReportDocumentRouteDependencies;
}

/** The largest request body accepted (an activity, a side panel request). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The body of every refusal and failure this server answers: one short sentence. */
export interface ErrorBody {
  readonly error: string;
}

export const REFUSALS = {
  notJson: 'The body is not valid JSON.',
  tooLarge: `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`,
  unauthorised: 'The request carries no valid Bot Framework token.',
  keysUnavailable: 'The token cannot be checked right now (signing keys unreachable); try again.',
  failed: 'Something went wrong; try again in a moment.',
} as const;

/**
 * The restify server: `POST /api/messages` for Teams (through the CloudAdapter) and `GET /healthz`
 * for load balancers and humans. Every request is logged once with its duration; headers are not
 * logged (they carry the bearer token). Every refusal and failure answers `{ error }` with a
 * short sentence of ours, never a library's message or a stack.
 */
export function createServer({
  adapter,
  bot,
  probeStorage,
  log,
  reportDocuments,
}: ServerDependencies): Server {
  const server = restify.createServer({ name: 'meeting-actions', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: MAX_BODY_BYTES }));

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
  // Errors restify answers itself (unparsable or oversized bodies, unknown routes, a handler
  // that threw) get a sentence of ours instead of restify's or a library's message.
  server.on(
    'restifyError',
    (req: restify.Request, _res: restify.Response, err: RestifyError, done: () => void) => {
      const status = err.statusCode ?? 500;
      const body: ErrorBody = { error: publicReason(err, status) };
      if (status >= 500) {
        log.error({ err, path: loggablePath(req.getPath()) }, 'request failed');
      }
      err.toJSON = () => body;
      err.toString = () => body.error;
      done();
    },
  );

  server.post('/api/messages', async (req, res) => {
    const envelope = ACTIVITY_ENVELOPE.safeParse(req.body);
    if (!envelope.success) {
      const field = String(envelope.error.issues[0]?.path[0] ?? '');
      res.send(400, { error: ENVELOPE_REFUSALS[field] ?? NOT_AN_ACTIVITY } satisfies ErrorBody);
      return;
    }
    try {
      const answer = await adapter.handleIncoming(
        req.header('Authorization') ?? '',
        req.body as Activity,
        (context) => bot.run(context),
      );
      res.send(answer?.status ?? 200, answer?.body);
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        log.info({ reason: error.message }, 'bot request refused: token not accepted');
        res.header('WWW-Authenticate', 'Bearer');
        res.send(401, { error: REFUSALS.unauthorised } satisfies ErrorBody);
      } else if (error instanceof SigningKeysUnavailableError) {
        log.warn({ reason: error.message }, 'bot request refused: token cannot be checked');
        res.send(503, { error: REFUSALS.keysUnavailable } satisfies ErrorBody);
      } else {
        log.error({ err: error }, 'bot request failed');
        res.send(500, { error: REFUSALS.failed } satisfies ErrorBody);
      }
    }
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

/** An error restify is about to answer with (restify-errors' HttpError, or anything a handler threw). */
type RestifyError = Error & {
  statusCode?: number;
  toJSON?: () => unknown;
};

function publicReason(err: RestifyError, status: number): string {
  if (err.name === 'InvalidContentError') return REFUSALS.notJson;
  if (status === 413) return REFUSALS.tooLarge;
  if (status === 404) return 'There is nothing here.';
  if (status === 405) return 'This method is not allowed here.';
  if (status === 415) return 'This content type is not accepted.';
  return status >= 500 ? REFUSALS.failed : 'The request was not accepted.';
}

const NOT_AN_ACTIVITY = 'The body is not a Bot Framework activity.';

/** Why an activity was refused, by the first field that is missing or wrong. */
const ENVELOPE_REFUSALS: Record<string, string> = {
  type: 'The activity has no type.',
  channelId: 'The activity has no channelId.',
  serviceUrl: 'The activity has no http(s) serviceUrl.',
  conversation: 'The activity has no conversation id.',
  from: 'The activity has no sender (from.id).',
};

const text = (max: number) => z.string().max(max).regex(/\S/);

/**
 * What every activity must carry before the adapter sees it: what it is, where it came from and
 * where replies go. Everything else passes through untouched for the handlers to check.
 */
const ACTIVITY_ENVELOPE = z.looseObject({
  type: text(64),
  channelId: text(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
  conversation: z.looseObject({ id: text(1024) }),
  from: z.looseObject({ id: text(1024) }),
});
