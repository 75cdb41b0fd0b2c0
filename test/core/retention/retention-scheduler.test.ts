import { Writable } from 'node:stream';
import { StorageUnavailableError } from '../../../core/errors';
import { RetentionScheduler } from '../../../core/retention/retention-scheduler';
import type { RetentionReport } from '../../../core/retention/retention-sweep';
import { createLogger } from '../../../host/logger';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const SECRET = 'AccountKey=c2VjcmV0LWtleQ==';

/** The app's own logger (its redaction and serializers), its lines parsed, for assertions. */
function recordingLog() {
  const raw: string[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      raw.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line.trim()),
      );
      done();
    },
  });
  const lines = () =>
    raw.map((line) => {
      const { level, msg, ...details } = JSON.parse(line) as Record<string, unknown>;
      return {
        level: LEVELS[Number(level)] ?? String(level),
        message: msg,
        details: omitBase(details),
      };
    });
  return { log: createLogger('info', stream), lines, raw };
}

const LEVELS: Record<number, string> = { 20: 'debug', 30: 'info', 40: 'warn', 50: 'error' };

function omitBase(details: Record<string, unknown>): Record<string, unknown> {
  const { time: _time, pid: _pid, hostname: _hostname, app: _app, ...rest } = details;
  return rest;
}

const REPORT: RetentionReport = {
  cutoff: '2022-02-14T09:00:00.000Z',
  retentionDays: 30,
  forgotten: { operations: 4, receipts: 2 },
  failures: [],
};

describe('the retention schedule in the bot process', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sweeps a minute after start-up, then once a day, logging what it forgot', async () => {
    const run = jest.fn(async () => REPORT);
    const { log, lines } = recordingLog();
    const scheduler = new RetentionScheduler({ run }, log);
    scheduler.start();

    await jest.advanceTimersByTimeAsync(MINUTE_MS - 1);
    expect(run).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(DAY_MS);
    expect(run).toHaveBeenCalledTimes(2);
    expect(lines().filter((line) => line.message === 'retention sweep done')).toHaveLength(2);
    expect(lines().at(-1)?.details).toEqual({
      cutoff: REPORT.cutoff,
      retentionDays: 30,
      forgotten: { operations: 4, receipts: 2 },
    });
    await scheduler.stop();
  });

  it('logs a failed sweep by its message only, never the secrets its error carries, and tries again the next day', async () => {
    // As the storage client fails: the signed request, with its key, rides on the error.
    const raw = Object.assign(new Error('socket hang up'), {
      code: 'ECONNRESET',
      request: {
        url: 'https://prod.table.core.windows.net/Operations()',
        headers: { authorization: `SharedKey prod:${SECRET}` },
      },
    });
    const down = new StorageUnavailableError(
      'forget old add receipts: Table Storage is unavailable (ECONNRESET); nothing was saved',
      { cause: raw },
    );
    const run = jest
      .fn<Promise<RetentionReport>, []>()
      .mockRejectedValueOnce(raw)
      .mockResolvedValueOnce({
        ...REPORT,
        forgotten: { operations: 4 },
        failures: [{ records: 'receipts', error: down }],
      })
      .mockResolvedValue(REPORT);
    const { log, lines, raw: logged } = recordingLog();
    const scheduler = new RetentionScheduler({ run }, log);
    scheduler.start();

    await jest.advanceTimersByTimeAsync(MINUTE_MS);
    await jest.advanceTimersByTimeAsync(DAY_MS);
    await jest.advanceTimersByTimeAsync(DAY_MS);

    expect(run).toHaveBeenCalledTimes(3);
    const failures = lines().filter((line) => line.level === 'error');
    expect(failures).toHaveLength(2);
    expect(failures[0]?.details).toEqual({
      error: { code: 'ECONNRESET', message: 'socket hang up' },
    });
    expect(failures[1]?.details).toMatchObject({
      records: 'receipts',
      error: { code: 'StorageUnavailable', message: down.message },
    });
    expect(logged.join('\n')).not.toContain(SECRET);
    expect(logged.join('\n')).not.toContain('SharedKey');
    expect(lines().at(-1)?.message).toBe('retention sweep done');
    await scheduler.stop();
  });

  it('does not start a sweep while the last is still running; stop tells it to stop and waits for it', async () => {
    let finish: (report: RetentionReport) => void = () => {};
    let signal: AbortSignal | undefined;
    const run = jest.fn(
      (stop?: AbortSignal) =>
        new Promise<RetentionReport>((resolve) => {
          signal = stop;
          finish = resolve;
        }),
    );
    const { log } = recordingLog();
    const scheduler = new RetentionScheduler({ run }, log, { firstAfterMs: 10, everyMs: 100 });
    scheduler.start();
    await jest.advanceTimersByTimeAsync(10 + 3 * 100);
    expect(run).toHaveBeenCalledTimes(1);
    expect(signal?.aborted).toBe(false);

    let stopped = false;
    const stopping = scheduler.stop().then(() => {
      stopped = true;
    });
    await Promise.resolve();
    expect(signal?.aborted).toBe(true);
    expect(stopped).toBe(false);
    finish(REPORT);
    await stopping;
    expect(stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
