/**
 * Raw Table round trips made from a process of their own, as the bot makes its round trips from
 * its own. Made from the benchmark's process instead, they share an event loop with Azurite and
 * skip the two process wake-ups every request between processes pays (measured: about a third
 * faster), which the add cannot skip. Answers `{ measure: n }` with `{ meanMs }`.
 */
import { RawRoundTrips } from '../support/raw-round-trips';

async function main(): Promise<void> {
  const connectionString = process.env.STORAGE_CONNECTION_STRING ?? '';
  const raw = await RawRoundTrips.open(connectionString, 'benchrawapart');
  process.on('message', (message) => {
    if (message === 'stop') process.exit(0);
    const { measure } = message as { measure?: unknown };
    if (typeof measure === 'number') {
      void raw.meanMs(measure).then((meanMs) => process.send?.({ meanMs }));
    }
  });
  process.send?.({ ready: 'raw' });
}

void main();
