import type { TableClient, TransactionAction } from '@azure/data-tables';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../core/errors';
import {
  MAX_UNSETTLED,
  nothingSaved,
  pause,
  readBack,
  readOptional,
  stampOperation,
  unknownOutcome,
  wroteRow,
  type Entity,
  type RowKey,
} from './optimistic-write';
import { UnsettledWriteError, storageWrite, toDomainError } from './storage-errors';

/**
 * Rows numbered 1, 2, 3 … per counter (a meeting's action refs, discussion positions, report
 * versions), each number used once and none skipped, however many writers add at once.
 *
 * The counter row and the rows it numbers share a partition, so one entity-group transaction
 * moves the counter and inserts the rows: both happen or neither does. Two things keep a burst
 * from queueing on the counter's ETag:
 *
 * - the counter is cached in process with its ETag, and the transaction is conditional on that
 *   ETag, so an add needs no read first; a stale cache (another instance added) costs one 412
 *   and one read;
 * - adds to one counter wait in a short queue in this process: whatever arrived while a
 *   transaction was in flight goes in the next one, up to 25 rows. A hundred members adding at
 *   once cost a few transactions instead of a hundred retries on one row.
 *
 * A transaction whose answer was lost is settled by reading back (the counter first, then the
 * first row: its operation id says whether the batch applied), never sent blindly again.
 *
 * An insert with a receipt is made once per operation id: the transaction also creates a receipt
 * row named after the id, so a repeat (a double click, an invoke Teams delivered twice, on any
 * instance) fails on it and is answered with the row stored the first time. No separate claim is
 * needed, and so no round trip of its own. Repeats arriving while the first is queued or in flight
 * in this process simply wait for its result.
 */
const MAX_ATTEMPTS = 60;
/** One transaction holds at most 100 operations: the counter and 49 rows, each with its receipt. */
const MAX_ROWS_PER_TRANSACTION = 49;
/**
 * Rows per transaction unless told otherwise: a burst of 100 goes in four, and the first in the
 * queue are answered sooner than with one big transaction (measured: median 60–100 ms against
 * 150 ms, the same wall time).
 */
const DEFAULT_ROWS_PER_TRANSACTION = 25;
/** A transaction's body may hold 4 MiB; stay well below. */
const MAX_BATCH_CHARACTERS = 2_000_000;
/** Counters whose queue and cached ETag are kept; the idle oldest are forgotten beyond this. */
const MAX_COUNTERS = 1000;

export interface NumberedInsert<V> {
  readonly operationId: string;
  /** The row (and the value it stores) for a number; called again when the number changes. */
  build(number: number): { readonly row: Entity; readonly value: V };
  /**
   * Runs before the transaction that inserts the row, once per attempt; when it throws, nothing
   * is written for this insert and its error reaches the caller.
   */
  beforeWrite?(value: V): Promise<void>;
  /**
   * Makes this insert once per `operationId`, the receipt row (in the counter's partition) proving
   * it: a repeat is answered with `stored(row)`, `row` being what the first insert stored.
   */
  readonly receipt?: {
    readonly rowKey: string;
    stored(row: Record<string, unknown>): V;
  };
}

interface Waiting {
  readonly insert: NumberedInsert<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Built {
  readonly waiting: Waiting;
  readonly row: Entity;
  readonly value: unknown;
}

/** The counter as last read or written: `etag` undefined while the counter row does not exist. */
interface CounterState {
  readonly last: number;
  readonly etag?: string;
}

interface Line {
  readonly counter: RowKey;
  readonly operation: string;
  readonly waiting: Waiting[];
  /** The results of this line's inserts with receipts, queued or in flight, by receipt row. */
  readonly pending: Map<string, Promise<unknown>>;
  cached?: CounterState;
  running: boolean;
}

export interface NumberedInsertsOptions {
  readonly maxRowsPerTransaction?: number;
  /** The clock a receipt's `storedAt` is read from (the retention sweep ages receipts by it). */
  readonly now?: () => Date;
}

export class NumberedInserts {
  private readonly lines = new Map<string, Line>();

  constructor(
    private readonly table: TableClient,
    private readonly options: NumberedInsertsOptions = {},
  ) {}

  /**
   * Takes the counter's next number and inserts the row `insert` builds for it, atomically.
   * Resolves with the value of the row stored.
   *
   * @throws StorageUnavailableError when nothing was saved; OutcomeUnknownError when storage's
   *   answer was lost and it could not be asked afterwards.
   */
  insert<V>(counter: RowKey, operation: string, insert: NumberedInsert<V>): Promise<V> {
    const line = this.lineOf(counter, operation);
    const receipt = insert.receipt?.rowKey;
    const repeated = receipt ? line.pending.get(receipt) : undefined;
    if (repeated) return repeated as Promise<V>;
    const result = new Promise<V>((resolve, reject) => {
      line.waiting.push({
        insert: insert as NumberedInsert<unknown>,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      if (!line.running) void this.run(line);
    });
    if (receipt) {
      line.pending.set(receipt, result);
      const forget = () => line.pending.delete(receipt);
      result.then(forget, forget);
    }
    return result;
  }

  private lineOf(counter: RowKey, operation: string): Line {
    const key = `${counter.partitionKey}\n${counter.rowKey}`;
    let line = this.lines.get(key);
    if (!line) {
      line = { counter, operation, waiting: [], pending: new Map(), running: false };
      this.lines.set(key, line);
      if (this.lines.size > MAX_COUNTERS) this.forgetIdle();
    }
    return line;
  }

  private forgetIdle(): void {
    for (const [key, line] of this.lines) {
      if (this.lines.size <= MAX_COUNTERS / 2) break;
      if (!line.running && line.waiting.length === 0) this.lines.delete(key);
    }
  }

  private async run(line: Line): Promise<void> {
    line.running = true;
    try {
      // Lets the adds that arrive in the same tick share the first transaction.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (line.waiting.length > 0) {
        const batch = this.takeBatch(line);
        try {
          await this.commit(line, batch);
        } catch (error) {
          // Those of the batch still waiting (a promise settles once) learn why.
          line.cached = undefined;
          rejectAll(batch, toDomainError(error, line.operation));
        }
      }
    } finally {
      line.running = false;
    }
  }

  private takeBatch(line: Line): Waiting[] {
    const most = this.options.maxRowsPerTransaction ?? DEFAULT_ROWS_PER_TRANSACTION;
    return line.waiting.splice(0, Math.min(most, MAX_ROWS_PER_TRANSACTION));
  }

  /** Settles every insert of the batch: resolved, rejected, or put back in the queue. */
  private async commit(line: Line, batch: Waiting[]): Promise<void> {
    const { counter, operation } = line;
    let state = line.cached;
    line.cached = undefined;
    // A send whose answer was lost and that may still apply: what it sent, under which counter.
    let unsettled: { readonly state: CounterState; readonly built: Built[] } | undefined;
    let unsettledSends = 0;
    let going = batch;
    for (let attempt = 1; ; attempt++) {
      if (!state) {
        try {
          state = await this.readCounter(counter, operation);
        } catch (error) {
          return rejectAll(going, unsettled ? unknownOutcome(operation, error, error) : error);
        }
      }
      if (unsettled && state.etag !== unsettled.state.etag) {
        // The counter moved on: either the lost send applied, or it never will.
        if (await this.applied(unsettled.built, operation)) {
          line.cached = state;
          return resolveAll(unsettled.built);
        }
        unsettled = undefined;
      }
      const built = this.build(line, going, state.last);
      if (built.length === 0) {
        line.cached = state;
        return;
      }
      going = built.map((entry) => entry.waiting);
      // A resend after a lost answer has the same numbers, whose beforeWrite ran already; and
      // it must not give up on them while the lost send may still apply.
      const refused = unsettled ? [] : await this.beforeWrite(built);
      if (refused.length > 0) {
        // The others wait for the next transaction, under numbers without the refused ones.
        const kept = going.filter((waiting) => !refused.includes(waiting));
        line.waiting.unshift(...kept);
        line.cached = state;
        return;
      }
      const last = state.last + built.length;
      const counterRow = { ...counter, last };
      const storedAt = (this.options.now?.() ?? new Date()).toISOString();
      const actions: TransactionAction[] = [
        state.etag === undefined
          ? ['create', counterRow]
          : ['update', counterRow, 'Replace', { etag: state.etag }],
        ...built.flatMap((entry): TransactionAction[] => [
          ['create', entry.row],
          ...receiptsOf(counter, entry, storedAt),
        ]),
      ];
      try {
        const response = await storageWrite(operation, () => this.table.submitTransaction(actions));
        // The counter is the first operation (an update's sub-response names no row key).
        const etag = response.subResponses[0]?.etag;
        line.cached = etag ? { last, etag } : undefined;
        return resolveAll(built);
      } catch (error) {
        if (error instanceof PreconditionFailedError || error instanceof ConflictError) {
          // A receipt that exists already: those inserts were made before, by a first request.
          if (error instanceof ConflictError) {
            going = await this.answerRepeats(counter, operation, going);
            if (going.length === 0) return;
          }
          if (attempt >= MAX_ATTEMPTS) return rejectAll(going, error);
          // The first conflict is a stale cache: read at once. Later ones are a race: pause.
          if (attempt > 1) await pause(attempt);
          state = undefined;
          continue;
        }
        if (!(error instanceof UnsettledWriteError)) return rejectAll(going, error);
        unsettledSends++;
        unsettled = { state, built };
        let now: CounterState;
        try {
          now = await this.readCounter(counter, operation);
        } catch (readError) {
          return rejectAll(going, unknownOutcome(operation, error, readError));
        }
        if (now.etag !== state.etag) {
          if (await this.applied(built, operation)) {
            line.cached = now;
            return resolveAll(built);
          }
          if (unsettledSends >= MAX_UNSETTLED)
            return rejectAll(going, nothingSaved(operation, error));
          unsettled = undefined;
        } else if (unsettledSends >= MAX_UNSETTLED) {
          return this.fenceAndSettle(line, state, built, error);
        }
        // Not applied: once more, from the counter as it stands.
        state = now;
      }
    }
  }

  /**
   * Answers the inserts whose receipt exists with the row their first request stored; returns the
   * others. A receipt that cannot be read leaves its insert among the others, to be tried again.
   */
  private async answerRepeats(
    counter: RowKey,
    operation: string,
    going: Waiting[],
  ): Promise<Waiting[]> {
    const found = await Promise.all(
      going.map(async (waiting) => {
        const receipt = waiting.insert.receipt;
        if (!receipt) return false;
        const row = { partitionKey: counter.partitionKey, rowKey: receipt.rowKey };
        const stored = await readOptional<{ row?: string }>(this.table, row, operation).catch(
          () => undefined,
        );
        if (typeof stored?.row !== 'string') return false;
        const first = await readOptional(
          this.table,
          { partitionKey: counter.partitionKey, rowKey: stored.row },
          operation,
        ).catch(() => undefined);
        if (!first) return false;
        try {
          waiting.resolve(receipt.stored(first));
        } catch (error) {
          waiting.reject(error);
        }
        return true;
      }),
    );
    return going.filter((_, index) => !found[index]);
  }

  /** Builds the rows for the numbers after `last`; an insert whose build throws is refused alone. */
  private build(line: Line, batch: Waiting[], last: number): Built[] {
    const built: Built[] = [];
    let characters = 0;
    for (const waiting of batch) {
      const number = last + built.length + 1;
      let made: { row: Entity; value: unknown };
      try {
        made = waiting.insert.build(number);
      } catch (error) {
        waiting.reject(error);
        continue;
      }
      const row = stampOperation(made.row, waiting.insert.operationId);
      const size = JSON.stringify(row).length;
      if (built.length > 0 && characters + size > MAX_BATCH_CHARACTERS) {
        // Too much for one transaction: the rest go in the next one.
        line.waiting.unshift(...batch.slice(batch.indexOf(waiting)));
        return built;
      }
      characters += size;
      built.push({ waiting, row, value: made.value });
    }
    return built;
  }

  /** Runs the inserts' beforeWrite; those that failed are refused (nothing was saved for them). */
  private async beforeWrite(built: Built[]): Promise<Waiting[]> {
    const outcomes = await Promise.allSettled(
      built.map((entry) => entry.waiting.insert.beforeWrite?.(entry.value)),
    );
    const refused: Waiting[] = [];
    outcomes.forEach((outcome, index) => {
      const entry = built[index];
      if (outcome.status === 'rejected' && entry) {
        entry.waiting.reject(outcome.reason);
        refused.push(entry.waiting);
      }
    });
    return refused;
  }

  /**
   * Whether the batch is stored: its first row carries its operation id.
   * @throws OutcomeUnknownError when storage cannot be asked.
   */
  private async applied(built: Built[], operation: string): Promise<boolean> {
    const [first] = built;
    if (!first) return false;
    const stored = await readBack(this.table, first.row, operation, undefined);
    return wroteRow(stored, first.waiting.insert.operationId);
  }

  /**
   * Two sends were lost and the counter has not moved: a no-op write under the counter's ETag
   * (or creating it, when it did not exist) makes sure neither can apply later.
   */
  private async fenceAndSettle(
    line: Line,
    state: CounterState,
    built: Built[],
    cause: unknown,
  ): Promise<void> {
    const { counter, operation } = line;
    const going = built.map((entry) => entry.waiting);
    try {
      await storageWrite(operation, () =>
        state.etag === undefined
          ? this.table.createEntity({ ...counter, last: state.last })
          : this.table.updateEntity({ ...counter }, 'Merge', { etag: state.etag }),
      );
      return rejectAll(going, nothingSaved(operation, cause));
    } catch (error) {
      const moved =
        error instanceof PreconditionFailedError ||
        error instanceof ConflictError ||
        error instanceof NotFoundError;
      if (!moved) return rejectAll(going, unknownOutcome(operation, cause));
      if (await this.applied(built, operation)) return resolveAll(built);
      return rejectAll(going, nothingSaved(operation, cause));
    }
  }

  private async readCounter(counter: RowKey, operation: string): Promise<CounterState> {
    const row = await readOptional<{ last?: number }>(this.table, counter, operation);
    return row ? { last: Number(row.last ?? 0), etag: row.etag } : { last: 0 };
  }
}

/** The receipt row an insert with a receipt creates beside its row. */
function receiptsOf(counter: RowKey, entry: Built, storedAt: string): TransactionAction[] {
  const receipt = entry.waiting.insert.receipt;
  if (!receipt) return [];
  return [
    [
      'create',
      {
        partitionKey: counter.partitionKey,
        rowKey: receipt.rowKey,
        row: entry.row.rowKey,
        operationIds: entry.row.operationIds,
        storedAt,
      },
    ],
  ];
}

function resolveAll(built: Built[]): void {
  for (const entry of built) entry.waiting.resolve(entry.value);
}

function rejectAll(going: Waiting[], error: unknown): void {
  for (const waiting of going) waiting.reject(error);
}

/**
 * Inserts a row that carries its own number (an import) and raises the counter to at least that
 * number, in one transaction. Returns false, changing nothing, when the row exists already.
 */
export async function insertNumbered(
  table: TableClient,
  counter: RowKey,
  number: number,
  operation: string,
  row: Entity,
  operationId: string,
): Promise<boolean> {
  const stamped = stampOperation(row, operationId);
  let unsettled: UnsettledWriteError | undefined;
  for (let attempt = 1; ; attempt++) {
    const existing = await readOptional(table, row, operation);
    if (existing) return unsettled !== undefined && wroteRow(existing, operationId);
    const current = await readOptional(table, counter, operation);
    const last = Number(current?.last ?? 0);
    const actions: TransactionAction[] = [['create', stamped]];
    if (!current) actions.push(['create', { ...counter, last: number }]);
    else if (last < number)
      actions.push(['update', { ...counter, last: number }, 'Replace', { etag: current.etag }]);
    try {
      await storageWrite(operation, () => table.submitTransaction(actions));
      return true;
    } catch (error) {
      const raced = error instanceof PreconditionFailedError || error instanceof ConflictError;
      if (raced && attempt < MAX_ATTEMPTS) {
        await pause(attempt);
        continue;
      }
      if (!(error instanceof UnsettledWriteError) || unsettled) throw error;
      // Read back at the top of the loop: the row with this operation's id means it applied.
      unsettled = error;
    }
  }
}
