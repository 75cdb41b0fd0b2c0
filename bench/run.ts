/**
 * `npm run bench`: every benchmark, one after the other, each printing its figures with the
 * baseline beside them. Pass names to run only some: `npm run bench -- messages`.
 */
/**
 * Each benchmark's module is loaded only when it runs, so one benchmark's process holds nothing of
 * another's. Memory runs first: its load generator shares this process with Azurite, and with
 * the other benchmarks' modules (the bot harness and its stores) loaded beside them, the
 * production build fell behind and ran out of heap (see the closing note of issue 12).
 */
const BENCHMARKS: Record<string, () => Promise<void>> = {
  memory: async () => (await import('./memory.bench')).benchMemory(),
  messages: async () => (await import('./messages.bench')).benchMessages(),
  report: async () => (await import('./report.bench')).benchReport(),
  reminders: async () => (await import('./reminders.bench')).benchReminders(),
  'reminder-delivery': async () =>
    (await import('./reminder-delivery.bench')).benchReminderDelivery(),
  'add-action': async () => (await import('./add-action.bench')).benchAddAction(),
  capture: async () => (await import('./capture.bench')).benchCapture(),
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
