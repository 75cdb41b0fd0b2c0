import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startApp } from './start-app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startPlayground } from './playground';

/**
 * `npm start`: everything a developer needs in one process tree — the embedded Azurite (unless a
 * storage account is configured), the bot, and the Microsoft 365 Agents Playground pointed at the
 * bot. Ctrl-C stops all of it.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const app = await startApp(config, log);
  // The real port, which differs from the setting when PORT=0 asks for any free one.
  const messagingEndpoint = `http://localhost:${new URL(app.url).port}/api/messages`;
  await mkdir(config.dataDir, { recursive: true });
  const playground = await startPlayground({
    botEndpoint: messagingEndpoint,
    port: config.playgroundPort,
    logFile: path.join(config.dataDir, 'playground.log'),
  }).catch(async (error: unknown) => {
    await app.stop();
    throw error;
  });

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping the local stack');
    await playground.stop();
    log.debug('stopped the Playground');
    await app.stop();
    process.exit(0);
  };
  // `on`, not `once`: Ctrl-C reaches this process twice (from the terminal and relayed by tsx),
  // and a second SIGINT without a handler would kill it mid-shutdown.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  playground.child.once('exit', (code) => {
    if (!stopping) {
      log.error({ code }, 'the Agents Playground exited; stopping');
      void stop('playground exited');
    }
  });

  process.stdout.write(
    [
      '',
      `  Meeting Actions bot:   ${messagingEndpoint}`,
      `  Agents Playground:     ${playground.url}   <- open this in a browser`,
      `  Health:                ${app.url}/healthz`,
      `  Playground log:        ${playground.logFile}`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
