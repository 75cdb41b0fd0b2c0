import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { TurnContext } from '../botbuilder-parts';
import {
  DelegateBackoff,
  TimeoutStrategy,
  handleWhen,
  retry,
  timeout,
  type RetryPolicy,
} from 'cockatiel';
import type { ConversationRecord } from '../../core/conversation';
import {
  SendFailure,
  type Destination as CoreDestination,
  type SendFailureKind,
} from '../../core/delivery';
import type { PersonalChatRequest } from '../../core/reminders/reminder-ports';
import type { SendBudget } from '../../core/send-budget';
import type { Log as Logger } from '../../core/log';
import { SendLimits, type SendLimitsOptions } from './send-limits';

/** Where a proactive message goes, with the Bot Framework reference typed for the adapter. */
export interface Destination extends CoreDestination {
  /** A Bot Framework conversation reference (serviceUrl, bot, conversation, tenant). */
  readonly reference: Partial<ConversationReference>;
}

export { SendFailure, type SendFailureKind, type PersonalChatRequest };

export interface OutboundSenderOptions {
  /** The bot's app id; '' when anonymous (local and tests). */
  readonly appId: string;
  readonly log: Logger;
  /** Attempts per message, the first included. */
  readonly maxAttempts?: number;
  /** First backoff after a 5xx or a refused connection; doubles each time, with jitter. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  /** A `Retry-After` longer than this is not waited for: the message fails and the next sweep retries. */
  readonly maxRetryAfterMs?: number;
  /** How long one request may take; past it the outcome is unknown and it is not repeated. */
  readonly timeoutMs?: number;
  /** The requests budget shared with the other instances (Table Storage). */
  readonly budget?: SendBudget;
  /** Teams' limits, for tests and benchmarks that want smaller ones. */
  readonly limits?: Omit<SendLimitsOptions, 'budget'>;
  readonly random?: () => number;
}

/** What the sender did, for logs, tests and the sweep's report. */
export interface SenderStats {
  requests: number;
  retries: number;
  throttled: number;
}

/** Options of one send. */
export interface SendOptions {
  /** Aborted: a send that has not started yet fails with `cancelled` instead of going out. */
  readonly signal?: AbortSignal;
}

interface ConnectorLike {
  conversations: {
    sendToConversation(
      conversationId: string,
      activity: Partial<Activity>,
      options?: { timeout?: number; abortSignal?: AbortSignal },
    ): Promise<{ id?: string }>;
    createConversation(
      parameters: Record<string, unknown>,
      options?: { timeout?: number; abortSignal?: AbortSignal },
    ): Promise<{ id?: string }>;
  };
  client?: { pipeline?: { removePolicy(options: { phase?: string }): unknown } };
}

/** A connector failure with what the retry policy needs to know. */
class ConnectorFailure extends SendFailure {
  constructor(
    message: string,
    kind: SendFailureKind,
    status: number | undefined,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, kind, 1, status);
  }
}

/**
 * Proactive requests to the Bot Connector through botbuilder's CloudAdapter, within Teams' limits
 * ({@link SendLimits}: per conversation and per tenant, shared across instances).
 *
 * What is repeated (a cockatiel retry policy): 429 after its `Retry-After`, 5xx and 412 and a
 * refused connection with exponential backoff and jitter — Teams did not take the message. What is
 * not: 4xx (403 `blocked` lets the caller fall back), and a timeout or a connection reset after
 * the request went out — Teams may have shown the message, so the caller records the outcome as
 * unknown instead of sending it twice. Each request has its own timeout (cockatiel, cooperative:
 * the request is aborted).
 *
 * botbuilder's own HTTP pipeline also retries (429 three times, 5xx four times, timeouts too),
 * invisibly; its retry policy is taken out of the connector client used here, so this class is
 * the one place that decides, counts and logs retries.
 */
export class OutboundSender {
  readonly stats: SenderStats = { requests: 0, retries: 0, throttled: 0 };
  private readonly limits: SendLimits;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly options: OutboundSenderOptions,
  ) {
    this.random = options.random ?? Math.random;
    this.limits = new SendLimits({
      ...options.limits,
      ...(options.budget ? { budget: options.budget } : {}),
    });
    const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.retry = retry(
      handleWhen(
        (error) =>
          error instanceof ConnectorFailure &&
          (error.kind === 'unavailable' ||
            (error.kind === 'throttled' && (error.retryAfterMs ?? 0) <= maxRetryAfterMs)),
      ),
      {
        maxAttempts: (options.maxAttempts ?? 4) - 1,
        backoff: new DelegateBackoff((context) => this.backoffMs(context)),
      },
    );
    this.retry.onRetry((event) => {
      this.stats.retries++;
      const failure = 'error' in event ? event.error : undefined;
      if (failure instanceof SendFailure && failure.kind === 'throttled') this.stats.throttled++;
      this.options.log.info(
        {
          status: failure instanceof SendFailure ? failure.status : undefined,
          attempt: event.attempt,
          waitMs: event.delay,
        },
        'proactive request not accepted; retrying',
      );
    });
  }

  /**
   * Posts `activity` as a new message in the destination conversation.
   * @returns the new message's id and how many attempts it took.
   * @throws SendFailure once retrying cannot help, the attempts are used up, or the outcome is
   *   unknown (`timeout`, `reset`).
   */
  async send(
    destination: Destination,
    activity: Partial<Activity>,
    options: SendOptions = {},
  ): Promise<{ activityId?: string; attempts: number }> {
    const target = referenceOf(destination);
    return this.request(
      destination,
      destination.conversationId,
      options,
      async (connector, signal) => {
        const outgoing = TurnContext.applyConversationReference({ ...activity }, target);
        const response = await connector.conversations.sendToConversation(
          destination.conversationId,
          outgoing,
          { abortSignal: signal },
        );
        return { activityId: response.id };
      },
    ).then(({ result, attempts }) => ({ ...result, attempts }));
  }

  /**
   * Opens (or finds: Teams answers with the same chat) the bot's 1:1 chat with a member, through
   * a conversation of the team or chat where the app is installed.
   * @throws SendFailure: `blocked` (403) when the app is not installed for the user, or may not
   *   reach them.
   */
  async openPersonalChat(
    request: PersonalChatRequest,
    options: SendOptions = {},
  ): Promise<ConversationRecord> {
    const via = request.via.reference as Partial<ConversationReference>;
    const through: Destination = { conversationId: request.via.conversationId, reference: via };
    // Paced as a conversation of its own: opening chats does not use up the channel's messages.
    const limiterKey = `new chat:${request.userId}`;
    const { result } = await this.request(
      through,
      limiterKey,
      options,
      async (connector, signal) => {
        const response = await connector.conversations.createConversation(
          {
            isGroup: false,
            bot: via.bot,
            members: [{ id: request.userId }],
            tenantId: request.tenantId,
            channelData: { tenant: { id: request.tenantId } },
          },
          { abortSignal: signal },
        );
        if (!response.id) throw new Error('Teams created no conversation');
        return response.id;
      },
    );
    const user = {
      id: request.userId,
      name: request.name,
      ...(request.aadObjectId ? { aadObjectId: request.aadObjectId } : {}),
    };
    return {
      conversationId: result,
      kind: 'personal',
      tenantId: request.tenantId,
      userId: request.userId,
      ...(request.aadObjectId ? { userAadObjectId: request.aadObjectId } : {}),
      reference: {
        channelId: via.channelId ?? 'msteams',
        serviceUrl: via.serviceUrl,
        bot: via.bot,
        user,
        conversation: { id: result, tenantId: request.tenantId, conversationType: 'personal' },
      },
      updatedAt: new Date().toISOString(),
    };
  }

  /** One connector call within the limits, retried by the policy, each attempt timed out. */
  private async request<T>(
    destination: Destination,
    limiterKey: string,
    options: SendOptions,
    call: (connector: ConnectorLike, signal: AbortSignal) => Promise<T>,
  ): Promise<{ result: T; attempts: number }> {
    const tenant = destination.reference.conversation?.tenantId ?? 'tenant';
    const perAttempt = timeout(this.options.timeoutMs ?? 15_000, TimeoutStrategy.Cooperative);
    let attempts = 0;
    try {
      const result = await this.retry.execute(() =>
        this.limits.run(
          limiterKey,
          tenant,
          () => {
            attempts++;
            this.stats.requests++;
            return perAttempt.execute(({ signal }) =>
              this.withConnector(destination, (connector) => call(connector, signal)),
            );
          },
          options.signal,
        ),
      );
      return { result, attempts };
    } catch (error) {
      if (error instanceof SendFailure) {
        throw new SendFailure(error.message, error.kind, Math.max(1, attempts), error.status);
      }
      throw error;
    }
  }

  private async withConnector<T>(
    destination: Destination,
    call: (connector: ConnectorLike) => Promise<T>,
  ): Promise<T> {
    const target = referenceOf(destination);
    let result: { value: T } | undefined;
    let failure: unknown;
    await this.adapter.continueConversationAsync(this.options.appId, target, async (context) => {
      // Caught here, not thrown: a throw would reach the adapter's onTurnError, which posts an
      // apology into the conversation and swallows the error.
      try {
        const connector = context.turnState.get(
          context.adapter.ConnectorClientKey,
        ) as ConnectorLike;
        withoutSdkRetries(connector);
        result = { value: await call(connector) };
      } catch (error) {
        failure = error ?? new Error('send failed');
      }
    });
    if (!result) throw classify(failure);
    return result.value;
  }

  private backoffMs(context: { attempt: number; result: unknown }): number {
    const error = (context.result as { error?: unknown }).error;
    if (error instanceof ConnectorFailure && error.retryAfterMs !== undefined) {
      return error.retryAfterMs;
    }
    const base = this.options.backoffMs ?? 500;
    const ceiling = Math.min(this.options.maxBackoffMs ?? 8_000, base * 2 ** (context.attempt - 1));
    // Full jitter over the upper half: instances that failed together do not retry together.
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}

/** The destination's reference as a post (no activity id: not a reply) to its conversation. */
function referenceOf(destination: Destination): ConversationReference {
  const { activityId: _replyTo, ...reference } = destination.reference;
  return {
    ...reference,
    conversation: { ...reference.conversation, id: destination.conversationId },
  } as ConversationReference;
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

// Errors that mean the request never left this machine: repeating it cannot duplicate anything.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function classify(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const failure = (error ?? {}) as HttpErrorLike;
  const status = typeof failure.statusCode === 'number' ? failure.statusCode : undefined;
  const detail = describe(failure);
  const fail = (message: string, kind: SendFailureKind, retryAfter?: number) =>
    new ConnectorFailure(message, kind, status, retryAfter);
  if (status === 403) return fail(`blocked (403 ${detail})`, 'blocked');
  if (status === 429) return fail(`throttled (429 ${detail})`, 'throttled', retryAfterMs(error));
  if (status !== undefined && (status >= 500 || status === 412)) {
    return fail(`service error (${status} ${detail})`, 'unavailable');
  }
  if (status !== undefined) return fail(`refused (${status} ${detail})`, 'rejected');
  const code = causeCode(error);
  if (code && NOT_SENT.has(code)) return fail(`not reached (${code})`, 'unavailable');
  const timedOut =
    failure.name === 'AbortError' ||
    failure.name === 'TaskCancelledError' ||
    /abort|timeout|timed out/i.test(failure.message ?? '');
  if (timedOut) return fail(`timed out, outcome unknown (${detail})`, 'timeout');
  return fail(`connection lost, outcome unknown (${code ?? detail})`, 'reset');
}

function causeCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
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
