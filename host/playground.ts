import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const STOP_GRACE_MS = 3000;

/** A running Microsoft 365 Agents Playground (the local Teams-like client). */
export interface PlaygroundProcess {
  /** e.g. http://localhost:56150 — the port it really bound (see below). */
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Where it writes its own log (it redirects console.* there). */
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  readonly botEndpoint: string;
  readonly port: number;
  /** Its log file; a temporary folder's when absent. */
  readonly logFile?: string;
  readonly timeoutMs?: number;
}

/**
 * Starts `agentsplayground start -e <bot> -c msteams --dt -p <port>` and resolves once it prints
 * `Listening on <port>`. Quirks handled here (see test/support/PLAYGROUND.md): a taken port makes
 * it silently pick a random one, so the URL comes from that line; it runs in a temporary folder so
 * it neither reads a config file from the project nor creates `devTools/` in it; and it is told not
 * to open a browser (on a headless machine there is none).
 */
export async function startPlayground(options: PlaygroundOptions): Promise<PlaygroundProcess> {
  const workDir = mkdtempSync(join(tmpdir(), 'agents-playground-'));
  const logFile = options.logFile ?? join(workDir, 'playground.log');
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const child = spawn(
    process.execPath,
    [cli, 'start', '-e', options.botEndpoint, '-c', 'msteams', '--dt', '-p', String(options.port)],
    {
      cwd: workDir,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    // With a browser still connected it may linger on SIGTERM; a stop must not hang.
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(killer);
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`The Agents Playground was not ready after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const ready = /Listening on (\d+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(Number(ready[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The Agents Playground exited (${code ?? signal}) before it was ready:\n${output}`,
        ),
      );
    });
  });
  return { url: `http://localhost:${port}`, port, child, logFile, stop };
}
