import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { cpuSecondsOf } from './node-process';

/** A server under benchmark in its own process, so that its peak memory is its own. */
export class ChildServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** Forks a TypeScript entry point (through tsx) and waits for it to report its URL. */
  static async start(entry: string, env: Record<string, string>): Promise<ChildServer> {
    const child = fork(path.resolve(__dirname, '..', entry), [], {
      env: { ...process.env, ...env },
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { ready: string }).ready));
      child.once('exit', (code) =>
        reject(new Error(`${entry} exited with ${code} before it was ready`)),
      );
    });
    return new ChildServer(child, url);
  }

  /** Sends `message` to the child and resolves with the next message it sends back. */
  ask<T>(message: object): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the child exited with ${code}`));
      this.child.once('exit', exited);
      this.child.once('message', (answer) => {
        this.child.off('exit', exited);
        resolve(answer as T);
      });
      this.child.send(message);
    });
  }

  /** Peak resident memory of the process so far (Linux: VmHWM), in MiB. */
  async peakRssMiB(): Promise<number> {
    const status = await fs.readFile(`/proc/${this.child.pid}/status`, 'utf8');
    const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
    return kib / 1024;
  }

  /** CPU time the process has used so far, user and system, in seconds. */
  cpuSeconds(): number {
    return cpuSecondsOf(this.child.pid);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.send('stop');
    await exited;
  }
}
