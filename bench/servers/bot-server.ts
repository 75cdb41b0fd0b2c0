/**
 * The bot under benchmark, in a process of its own so its memory is measured alone. Storage is
 * the Azurite the benchmark runs (STORAGE_CONNECTION_STRING); logging is off so the figures
 * measure the bot, not the terminal.
 */
import { startApp } from '../../host/start-app';
import { loadConfig } from '../../host/config';
import { createLogger } from '../../host/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp(config, createLogger('silent'));
  process.send?.({ ready: app.url });
  process.on('message', (message) => {
    if (message === 'stop') void app.stop().then(() => process.exit(0));
  });
}

void main();
