import Bottleneck from 'bottleneck';
import { SendFailure } from '../../core/delivery';
import type { SendBudget } from '../../core/send-budget';

/**
 * Teams' limits on a bot's outgoing requests, kept across every instance of the bot:
 *
 * - per conversation 7 messages a second (shared through the {@link SendBudget}) and 60 in 30 s
 *   (in this process: a Bottleneck reservoir refilling 2 a second), one request at a time;
 * - per app and tenant about 50 requests a second (shared through the budget), with at most
 *   `maxConcurrent` requests in flight from this process.
 *
 * Limiters are kept per conversation and per tenant in Bottleneck groups, whose idle keys expire
 * (after 5 minutes), so a bot that has posted to thousands of conversations keeps no state for
 * them. A request starts only in the first `1000 - guardMs` ms of a second whose budget it holds,
 * so it reaches Teams within that second.
 */
export interface SendLimitsOptions {
  /** Shared with the other instances (Table Storage); absent: this process's own counts only. */
  readonly budget?: SendBudget;
  readonly tenantPerSecond?: number;
  readonly conversationPerSecond?: number;
  readonly conversationPer30Seconds?: number;
  /** Requests in flight at once from this process, over all conversations. */
  readonly maxConcurrent?: number;
  /** No request starts in the last this-many ms of a second. */
  readonly guardMs?: number;
  readonly clock?: () => number;
}

export const TEAMS_LIMITS = {
  tenantPerSecond: 50,
  conversationPerSecond: 7,
  conversationPer30Seconds: 60,
} as const;

const DEFAULT_MAX_CONCURRENT = 16;
const DEFAULT_GUARD_MS = 100;
/** The most requests one instance takes from a tenant's second at once. */
const TENANT_BLOCK = 10;
const IDLE_KEY_MS = 5 * 60_000;

export class SendLimits {
  private readonly conversations: Bottleneck.Group;
  private readonly tenants: Bottleneck.Group;
  private readonly pools = new Map<string, SecondPool>();
  private readonly budget: SendBudget;
  private readonly clock: () => number;
  private readonly guardMs: number;
  private readonly tenantPerSecond: number;
  private readonly conversationPerSecond: number;

  constructor(options: SendLimitsOptions = {}) {
    this.budget = options.budget ?? new InProcessSendBudget();
    this.clock = options.clock ?? Date.now;
    this.guardMs = options.guardMs ?? DEFAULT_GUARD_MS;
    this.tenantPerSecond = options.tenantPerSecond ?? TEAMS_LIMITS.tenantPerSecond;
    this.conversationPerSecond =
      options.conversationPerSecond ?? TEAMS_LIMITS.conversationPerSecond;
    const per30 = options.conversationPer30Seconds ?? TEAMS_LIMITS.conversationPer30Seconds;
    this.conversations = new Bottleneck.Group({
      maxConcurrent: 1,
      reservoir: per30,
      reservoirIncreaseAmount: Math.max(1, Math.round(per30 / 30)),
      reservoirIncreaseInterval: 1000,
      reservoirIncreaseMaximum: per30,
      timeout: IDLE_KEY_MS,
    });
    this.tenants = new Bottleneck.Group({
      maxConcurrent: options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT,
      timeout: IDLE_KEY_MS,
    });
    // Forget the budget pools of keys whose limiter expired.
    this.conversations.on('created', () => this.prunePools());
  }

  /**
   * Runs `request` once the conversation and the tenant may take another request. The signal
   * cancels a request that has not started (it fails with `cancelled`); one that has started runs
   * to its end.
   */
  async run<T>(
    conversationId: string,
    tenantId: string,
    request: () => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    return this.conversations.key(conversationId).schedule(() =>
      this.tenants.key(tenantId).schedule(async () => {
        await this.takeBudget(conversationId, tenantId, signal);
        return request();
      }),
    );
  }

  private async takeBudget(
    conversationId: string,
    tenantId: string,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const conversation = this.pool(
      `conversation:${conversationId}`,
      this.conversationPerSecond,
      this.conversationPerSecond,
    );
    const tenant = this.pool(`tenant:${tenantId}`, this.tenantPerSecond, TENANT_BLOCK);
    for (;;) {
      if (signal?.aborted) {
        throw new SendFailure('not sent: the sweep ran out of time', 'cancelled', 0);
      }
      const second = this.usableSecond();
      if (second === undefined) {
        await this.untilNextSecond();
        continue;
      }
      if (!(await conversation.take(second)) || !(await tenant.take(second))) {
        await this.untilNextSecond();
        continue;
      }
      // Taking the budget may have taken a while: the request must still start inside the second.
      if (this.usableSecond() === second) return;
    }
  }

  /** The current second, unless it is about to end. */
  private usableSecond(): number | undefined {
    const now = this.clock();
    const second = Math.floor(now / 1000);
    return now - second * 1000 < 1000 - this.guardMs ? second : undefined;
  }

  private untilNextSecond(): Promise<void> {
    const wait = 1000 - (this.clock() % 1000) + Math.floor(Math.random() * 20);
    return new Promise((resolve) => setTimeout(resolve, wait));
  }

  private pool(key: string, limit: number, block: number): SecondPool {
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new SecondPool(key, limit, block, this.budget);
      this.pools.set(key, pool);
    }
    pool.lastUsed = this.clock();
    return pool;
  }

  private prunePools(): void {
    const before = this.clock() - IDLE_KEY_MS;
    for (const [key, pool] of this.pools) if (pool.lastUsed < before) this.pools.delete(key);
  }
}

/**
 * This process's share of one key's current second: requests taken from the shared budget in
 * blocks (as many as are waiting, up to `block`), so one storage round trip serves several sends.
 * Requests left unused when the second ends are lost, which errs on the safe side.
 */
class SecondPool {
  lastUsed = 0;
  private second = -1;
  private tokens = 0;
  private spent = false;
  private waiting = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly key: string,
    private readonly limit: number,
    private readonly block: number,
    private readonly budget: SendBudget,
  ) {}

  /** One request from `second`, or false once this second is spent. */
  async take(second: number): Promise<boolean> {
    this.waiting++;
    const turn = this.queue.then(() => this.takeAlone(second));
    this.queue = turn.catch(() => undefined);
    try {
      return await turn;
    } finally {
      this.waiting--;
    }
  }

  private async takeAlone(second: number): Promise<boolean> {
    if (this.second !== second) {
      this.second = second;
      this.tokens = 0;
      this.spent = false;
    }
    if (this.tokens > 0) {
      this.tokens--;
      return true;
    }
    if (this.spent) return false;
    const wanted = Math.min(this.block, Math.max(1, this.waiting));
    const granted = await this.budget.take(this.key, second, this.limit, wanted);
    if (granted <= 0) {
      this.spent = true;
      return false;
    }
    this.tokens = granted - 1;
    return true;
  }
}

/** The budget of one process alone (no storage): for a single instance, the CLI and tests. */
export class InProcessSendBudget implements SendBudget {
  private readonly used = new Map<string, { second: number; used: number }>();

  async take(key: string, second: number, limit: number, wanted: number): Promise<number> {
    if (this.used.size > 10_000) {
      for (const [name, old] of this.used) if (old.second < second - 1) this.used.delete(name);
    }
    const entry = this.used.get(key);
    const used = entry && entry.second === second ? entry.used : 0;
    const granted = Math.max(0, Math.min(wanted, limit - used));
    this.used.set(key, { second, used: used + granted });
    return granted;
  }
}
