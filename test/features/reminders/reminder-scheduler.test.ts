import { ReminderScheduler } from '../../../features/reminders/reminder-scheduler';
import { createLogger } from '../../../host/logger';
import type { SweepReport } from '../../../core/reminders/reminder-sweep';

describe('the reminder schedule in the bot process', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('sweeps every interval, and a failed sweep does not stop the next', async () => {
    const run = jest
      .fn<Promise<SweepReport>, []>()
      .mockRejectedValueOnce(new Error('storage unavailable'))
      .mockResolvedValue({} as SweepReport);
    const scheduler = new ReminderScheduler({ run }, 60, createLogger('silent'));
    scheduler.start();

    await jest.advanceTimersByTimeAsync(59_000);
    expect(run).toHaveBeenCalledTimes(0);
    await jest.advanceTimersByTimeAsync(3 * 60_000);
    expect(run).toHaveBeenCalledTimes(3);
    await scheduler.stop();
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('schedules nothing with an interval of 0 (REMINDER_SWEEP_INTERVAL_SECONDS=0, off)', async () => {
    const run = jest.fn<Promise<SweepReport>, []>().mockResolvedValue({} as SweepReport);
    const scheduler = new ReminderScheduler({ run }, 0, createLogger('silent'));
    scheduler.start();

    await jest.advanceTimersByTimeAsync(24 * 3600_000);
    expect(run).not.toHaveBeenCalled();
    await scheduler.stop();
  });
});
