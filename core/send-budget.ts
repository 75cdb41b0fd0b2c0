/**
 * A request budget shared by every instance of the bot: Teams counts its limits per app and
 * tenant (about 50 requests a second) and per conversation (7 a second), whichever instance sends.
 * Each key (a tenant, a conversation) has a number of requests per second of wall-clock time;
 * instances take part of a second's budget before they send. Implemented in storage/.
 */
export interface SendBudget {
  /**
   * Takes up to `wanted` requests from `key`'s budget for the second `second` (Unix seconds),
   * of which `limit` may be used in all. Returns how many were granted: 0 once the second's
   * budget is spent (the caller waits for the next second). May grant fewer than asked, never
   * more than the budget leaves.
   */
  take(key: string, second: number, limit: number, wanted: number): Promise<number>;
}
