/**
 * `npm run bench`: every benchmark, one after the other, each printing its figures with the
 * baseline beside them. Pass names to run only some: `npm run bench -- messages`.
 */
import { benchAddAction } from './add-action.bench';
import { benchCapture } from './capture.bench';
import { benchMemory } from './memory.bench';
import { benchMessages } from './messages.bench';
import { benchReport } from './report.bench';
import { benchReminders } from './reminders.bench';
import { benchReminderDelivery } from './reminder-delivery.bench';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  messages: benchMessages,
  report: benchReport,
  reminders: benchReminders,
  'reminder-delivery': benchReminderDelivery,
  'add-action': benchAddAction,
  capture: benchCapture,
  memory: benchMemory,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}`,
    );
    process.exit(2);
  }
  console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
