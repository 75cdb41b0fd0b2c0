import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The app started exactly as a developer starts it — `npm start` — with its own data folder and
 * free ports, for browser tests. Resolves once it has printed where the Playground is.
 */
export interface LocalStack {
  readonly playgroundUrl: string;
  readonly botUrl: string;
  readonly dataDir: string;
  output(): string;
  /** Ctrl-C, as a developer would press it, to the whole process group; resolves when npm exits. */
  interrupt(): Promise<void>;
}

export async function startLocalStack(settings: Record<string, string> = {}): Promise<LocalStack> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meeting-actions-data-'));
  const env = {
    ...process.env,
    PORT: String(await freePort()),
    PLAYGROUND_PORT: String(await freePort()),
    AZURITE_TABLE_PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...settings,
  };
  // Its own process group, so that the interrupt reaches npm and everything it started.
  const child: ChildProcess = spawn('npm', ['start', '--silent'], {
    cwd: path.resolve(__dirname, '..', '..'),
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const deadline = Date.now() + 90_000;
  let playgroundUrl: string | undefined;
  let botUrl: string | undefined;
  while (!playgroundUrl || !botUrl) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() > deadline) {
      process.kill(-(child.pid ?? 0), 'SIGKILL');
      throw new Error(`npm start did not print the Playground URL in time:\n${output}`);
    }
    playgroundUrl = /Agents Playground:\s+(http\S+)/.exec(output)?.[1];
    botUrl = /Meeting Actions bot:\s+(http\S+)/.exec(output)?.[1];
    await sleep(100);
  }
  return {
    playgroundUrl,
    botUrl,
    dataDir,
    output: () => output,
    interrupt: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-(child.pid ?? 0), 'SIGINT');
      await exited;
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
