/**
 * Token buckets, one set per key (a conversation, a tenant). Each limit holds `capacity` tokens
 * that refill evenly over `perSeconds`; a send takes one token from every bucket of its key and
 * waits while any is empty. In-process: each instance keeps to the limits on its own, which is
 * what Teams counts per bot, so several instances should each be given a share.
 */
export interface RateLimit {
  readonly capacity: number;
  readonly perSeconds: number;
}

/** Teams: per bot per conversation 7 messages a second and 60 in 30 seconds. */
export const CONVERSATION_LIMITS: readonly RateLimit[] = [
  { capacity: 7, perSeconds: 1 },
  { capacity: 60, perSeconds: 30 },
];
/** Teams: per app per tenant about 50 requests a second. */
export const TENANT_LIMITS: readonly RateLimit[] = [{ capacity: 50, perSeconds: 1 }];

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateLimiterOptions {
  readonly clock?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket[]>();
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly limits: readonly RateLimit[],
    options: RateLimiterOptions = {},
  ) {
    this.clock = options.clock ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Resolves when a request under `key` may go; it has then used its tokens. */
  async take(key: string): Promise<void> {
    for (;;) {
      const buckets = this.bucketsOf(key);
      const now = this.clock();
      let waitMs = 0;
      buckets.forEach((bucket, index) => {
        const limit = this.limits[index] ?? { capacity: 1, perSeconds: 1 };
        const rate = limit.capacity / (limit.perSeconds * 1000);
        bucket.tokens = Math.min(limit.capacity, bucket.tokens + (now - bucket.at) * rate);
        bucket.at = now;
        if (bucket.tokens < 1) waitMs = Math.max(waitMs, (1 - bucket.tokens) / rate);
      });
      if (waitMs === 0) {
        buckets.forEach((bucket) => (bucket.tokens -= 1));
        return;
      }
      await this.sleep(Math.ceil(waitMs));
    }
  }

  private bucketsOf(key: string): Bucket[] {
    let buckets = this.buckets.get(key);
    if (!buckets) {
      const at = this.clock();
      buckets = this.limits.map((limit) => ({ tokens: limit.capacity, at }));
      this.buckets.set(key, buckets);
    }
    return buckets;
  }
}
