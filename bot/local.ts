import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { startApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';

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
  const messagingEndpoint = `http://localhost:${config.port}/api/messages`;
  const playground = startPlayground(messagingEndpoint, config.playgroundPort, log);
  const playgroundUrl = `http://localhost:${config.playgroundPort}`;

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ reason }, 'stopping the local stack');
    playground.kill('SIGTERM');
    await app.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  playground.once('exit', (code) => {
    if (!stopping) {
      log.error({ code }, 'the Agents Playground exited; stopping');
      void stop('playground exited');
    }
  });

  process.stdout.write(
    [
      '',
      `  Meeting Actions bot:   ${messagingEndpoint}`,
      `  Agents Playground:     ${playgroundUrl}   <- open this in a browser`,
      `  Health:                ${app.url}/healthz`,
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n') + '\n',
  );
}

function startPlayground(
  messagingEndpoint: string,
  port: number,
  log: ReturnType<typeof createLogger>,
): ChildProcess {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(
    process.execPath,
    [cli, 'start', '-e', messagingEndpoint, '-c', 'msteams', '--dt', '-p', String(port)],
    // Its own process group would survive a Ctrl-C of ours; a pipe keeps its output tidy.
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (line.trim()) log.debug({ source: 'playground' }, line);
    });
  }
  return child;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
