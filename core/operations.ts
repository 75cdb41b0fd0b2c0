/**
 * Exactly-once requests. Teams delivers an invoke at least once and people double-click, so every
 * request that changes data runs under an operation key (the card instance's nonce and verb, or a
 * hash of the clicked message and its data). The first caller claims the key; a repeat is answered
 * with the first one's recorded answer and changes nothing.
 */
export interface OperationRecord {
  readonly key: string;
  readonly state: 'started' | 'done';
  readonly startedAt: string;
  /** The answer the first run gave (the card JSON), once done. */
  readonly answer?: unknown;
}

export type OperationClaim =
  { readonly first: true } | { readonly first: false; readonly record: OperationRecord };

/**
 * Where operation keys are claimed and answers recorded. `scope` keeps keys apart per
 * conversation (or group); a key is at most 200 characters of letters, digits and `:_-.`.
 * Implemented in storage/ (Table Storage, and an in-memory twin for handler tests).
 */
export interface OperationStore {
  /**
   * Claims the key: `first: true` for exactly one caller, however many arrive at once; every
   * other caller gets the record as it stands. A claim that stayed `started` for longer than
   * `staleAfterMs` (its instance died) is taken over: that caller gets `first: true`.
   */
  begin(scope: string, key: string, at: Date, staleAfterMs: number): Promise<OperationClaim>;
  /** Records the first run's answer. */
  finish(scope: string, key: string, answer: unknown, at: Date): Promise<void>;
  /** Forgets a claim whose run changed nothing (refused, invalid), so a corrected retry runs. */
  abandon(scope: string, key: string): Promise<void>;
  get(scope: string, key: string): Promise<OperationRecord | undefined>;
  /**
   * Forgets every operation last recorded (finished, else started) before `cutoff`: a repeat of
   * one of them afterwards runs as a new request. For the retention sweep
   * (core/retention/retention-sweep.ts); returns how many were forgotten. Once `stop` is
   * aborted it returns early, with those forgotten so far.
   */
  forgetBefore(cutoff: Date, stop?: AbortSignal): Promise<number>;
}

/**
 * The receipts of adds made once per operation id (an action or discussion item added from a
 * card): each names the row its add stored, so a repeat of the add is answered with that row.
 * They are written by the action and discussion stores with the row they name; this store only
 * removes them once they have served.
 */
export interface AddReceiptStore {
  /**
   * Forgets every receipt stored before `cutoff`, and nothing else: the rows the receipts name
   * stay. A repeat of such an add afterwards is a new add. Returns how many were forgotten; once
   * `stop` is aborted it returns early, with those forgotten so far.
   */
  forgetBefore(cutoff: Date, stop?: AbortSignal): Promise<number>;
}
