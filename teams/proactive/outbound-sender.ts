import {
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
} from 'botbuilder';
import {
  SendFailure,
  type Destination as CoreDestination,
  type SendFailureKind,
} from '../../core/delivery';
import type { Logger } from '../../host/logger';
import { CONVERSATION_LIMITS, RateLimiter, TENANT_LIMITS, type RateLimit } from './rate-limiter';

/** Where a proactive message goes, with the Bot Framework reference typed for the adapter. */
export interface Destination extends CoreDestination {
  /** A Bot Framework conversation reference (serviceUrl, bot, conversation, tenant). */
  readonly reference: Partial<ConversationReference>;
}

export { SendFailure, type SendFailureKind };

export interface OutboundSenderOptions {
  /** The bot's app id; '' when anonymous (local and tests). */
  readonly appId: string;
  readonly log: Logger;
  /** Attempts per message, the first included. */
  readonly maxAttempts?: number;
  /** First backoff after a 5xx or a timeout; doubles each time, with jitter. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A `Retry-After` longer than this is not waited for: the message fails and the next sweep retries. */
  readonly maxRetryAfterMs?: number;
  /** How long one request may take. */
  readonly timeoutMs?: number;
  readonly conversationLimits?: readonly RateLimit[];
  readonly tenantLimits?: readonly RateLimit[];
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** What the sender did, for logs, tests and the sweep's report. */
export interface SenderStats {
  requests: number;
  retries: number;
  throttled: number;
}

interface ConnectorLike {
  conversations: {
    sendToConversation(
      conversationId: string,
      activity: Partial<Activity>,
      options?: { timeout?: number },
    ): Promise<{ id?: string }>;
  };
  client?: { pipeline?: { removePolicy(options: { phase?: string }): unknown } };
}

/**
 * Proactive messages through botbuilder's CloudAdapter, within Teams' limits: a token bucket per
 * conversation (7/s, 60/30 s) and per tenant (50/s), `Retry-After` honoured on 429, 5xx and
 * timeouts retried with exponential backoff and jitter, 4xx not retried.
 *
 * botbuilder's own HTTP pipeline also retries (429 with Retry-After three times, 5xx four times
 * over ~5-6 s), invisibly. Its retry policies are taken out of the connector client used here,
 * so this class is the one place that decides, counts and logs retries.
 */
export class OutboundSender {
  readonly stats: SenderStats = { requests: 0, retries: 0, throttled: 0 };
  private readonly conversations: RateLimiter;
  private readonly tenants: RateLimiter;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly options: OutboundSenderOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.conversations = new RateLimiter(options.conversationLimits ?? CONVERSATION_LIMITS, {
      sleep: this.sleep,
    });
    this.tenants = new RateLimiter(options.tenantLimits ?? TENANT_LIMITS, { sleep: this.sleep });
  }

  /**
   * Posts `activity` as a new message in the destination conversation.
   * @returns the new message's id and how many attempts it took.
   * @throws SendFailure once retrying cannot help (4xx) or the attempts are used up.
   */
  async send(
    destination: Destination,
    activity: Partial<Activity>,
  ): Promise<{ activityId?: string; attempts: number }> {
    const maxAttempts = this.options.maxAttempts ?? 4;
    const tenant = destination.reference.conversation?.tenantId ?? 'tenant';
    for (let attempt = 1; ; attempt++) {
      await this.conversations.take(destination.conversationId);
      await this.tenants.take(tenant);
      this.stats.requests++;
      try {
        const activityId = await this.sendOnce(destination, activity);
        return { activityId, attempts: attempt };
      } catch (error) {
        const failure = classify(error, attempt);
        const waitMs = this.waitBeforeRetry(error, failure, attempt);
        if (waitMs === undefined || attempt >= maxAttempts) throw failure;
        this.stats.retries++;
        if (failure.kind === 'throttled') this.stats.throttled++;
        this.options.log.info(
          { conversationId: destination.conversationId, status: failure.status, attempt, waitMs },
          'proactive message not accepted; retrying',
        );
        await this.sleep(waitMs);
      }
    }
  }

  private async sendOnce(
    destination: Destination,
    activity: Partial<Activity>,
  ): Promise<string | undefined> {
    const { activityId: _replyTo, ...reference } = destination.reference;
    const target = {
      ...reference,
      conversation: { ...reference.conversation, id: destination.conversationId },
    } as ConversationReference;
    let id: string | undefined;
    let failure: unknown;
    await this.adapter.continueConversationAsync(this.options.appId, target, async (context) => {
      // Caught here, not thrown: a throw would reach the adapter's onTurnError, which posts an
      // apology into the conversation and swallows the error.
      try {
        const connector = context.turnState.get(
          context.adapter.ConnectorClientKey,
        ) as ConnectorLike;
        withoutSdkRetries(connector);
        const outgoing = TurnContext.applyConversationReference({ ...activity }, target);
        const response = await connector.conversations.sendToConversation(
          destination.conversationId,
          outgoing,
          { timeout: this.options.timeoutMs ?? 15_000 },
        );
        id = response.id;
      } catch (error) {
        failure = error ?? new Error('send failed');
      }
    });
    if (failure !== undefined) throw failure;
    return id;
  }

  private waitBeforeRetry(
    error: unknown,
    failure: SendFailure,
    attempt: number,
  ): number | undefined {
    if (failure.kind === 'blocked' || failure.kind === 'rejected') return undefined;
    if (failure.kind === 'throttled') {
      const retryAfter = retryAfterMs(error);
      if (retryAfter !== undefined) {
        return retryAfter <= (this.options.maxRetryAfterMs ?? 60_000) ? retryAfter : undefined;
      }
    }
    const base = this.options.backoffMs ?? 500;
    const ceiling = Math.min(this.options.maxBackoffMs ?? 8_000, base * 2 ** (attempt - 1));
    // Full jitter over the upper half: instances that failed together do not retry together.
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}

function withoutSdkRetries(connector: ConnectorLike): void {
  try {
    connector.client?.pipeline?.removePolicy({ phase: 'Retry' });
  } catch {
    // An SDK whose client is shaped differently keeps its own retries: slower, still correct.
  }
}

interface HttpErrorLike {
  statusCode?: number;
  code?: string;
  name?: string;
  message?: string;
  response?: { headers?: unknown };
  details?: unknown;
}

function classify(error: unknown, attempts: number): SendFailure {
  const failure = (error ?? {}) as HttpErrorLike;
  const status = typeof failure.statusCode === 'number' ? failure.statusCode : undefined;
  const detail = describe(failure);
  if (status === 403)
    return new SendFailure(`blocked (403 ${detail})`, 'blocked', attempts, status);
  if (status === 429)
    return new SendFailure(`throttled (429 ${detail})`, 'throttled', attempts, status);
  if (status !== undefined && (status >= 500 || status === 412)) {
    return new SendFailure(`service error (${status} ${detail})`, 'unavailable', attempts, status);
  }
  if (status !== undefined) {
    return new SendFailure(`refused (${status} ${detail})`, 'rejected', attempts, status);
  }
  const timedOut =
    failure.name === 'AbortError' || /abort|timeout|timed out/i.test(failure.message ?? '');
  return timedOut
    ? new SendFailure(`timed out (${detail})`, 'timeout', attempts)
    : new SendFailure(`no answer (${detail})`, 'unavailable', attempts);
}

function describe(error: HttpErrorLike): string {
  const details = error.details as { error?: { code?: string }; message?: string } | undefined;
  const subCode = /"subCode"\s*:\s*"([^"]+)"/.exec(
    String(details?.message ?? error.message ?? ''),
  )?.[1];
  return subCode ?? details?.error?.code ?? error.code ?? error.message ?? 'unknown';
}

function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as HttpErrorLike).response?.headers as
    { get?: (name: string) => string | undefined } | Record<string, string> | undefined;
  if (!headers) return undefined;
  const value =
    typeof headers.get === 'function'
      ? headers.get('retry-after')
      : (headers as Record<string, string>)['retry-after'];
  if (value === undefined || value === null || value === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
