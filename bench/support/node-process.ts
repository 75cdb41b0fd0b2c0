import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a process holds at one moment. */
export interface MemorySample {
  /** Resident memory as the kernel counts it (/proc/<pid>/status VmRSS), MiB. */
  readonly rssMiB: number;
  /** The most resident memory the process has had so far (VmHWM), MiB. */
  readonly peakRssMiB: number;
  /** The V8 heap in use, garbage included (process.memoryUsage), MiB. */
  readonly heapUsedMiB: number;
  /** The V8 heap in use after a full collection: what the process really keeps, MiB. */
  readonly retainedHeapMiB: number;
}

/**
 * Loaded with `--require` into every measured process, the app and the baseline alike: answers
 * the benchmark's `memoryProbe` message over the IPC channel with the heap figures, which cannot
 * be read from outside. It adds one listener; the app's code is unchanged. A full collection
 * (`collect`) is made only after the heap in use has been read.
 */
const PROBE_SOURCE = `'use strict';
const v8 = require('node:v8');
const vm = require('node:vm');
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc');
process.on('message', (message) => {
  if (!message || message.memoryProbe !== 'sample') return;
  const heapUsed = process.memoryUsage().heapUsed;
  collect();
  process.send({ memoryProbe: { heapUsed, retainedHeap: process.memoryUsage().heapUsed } });
});
`;

/** Linux's USER_HZ, the unit of /proc/<pid>/stat times, on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

interface ProbeAnswer {
  readonly heapUsed: number;
  readonly retainedHeap: number;
}

/** Files the measured processes are started from, written once per run into a temporary folder. */
export class ProbeFolder {
  private constructor(readonly folder: string) {}

  static create(): ProbeFolder {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'bench-memory-'));
    writeFileSync(path.join(folder, 'memory-probe.cjs'), PROBE_SOURCE);
    return new ProbeFolder(folder);
  }

  get probe(): string {
    return path.join(this.folder, 'memory-probe.cjs');
  }

  /** A path in the folder for a script of the run's own (the baseline, compiled). */
  file(name: string): string {
    return path.join(this.folder, name);
  }

  remove(): void {
    rmSync(this.folder, { recursive: true, force: true });
  }
}

export interface StartOptions {
  readonly env: Record<string, string>;
  /** Flags for node itself, e.g. from the start:prod script. */
  readonly nodeFlags?: readonly string[];
  /** The folder the script runs in. */
  readonly cwd: string;
  /** Answers 200 once the server can serve (the app's /healthz also asks storage). */
  readonly readyPath: string;
  readonly probes: ProbeFolder;
  /** How long start-up may take. */
  readonly timeoutMs?: number;
}

/**
 * A server under measurement run by plain `node` (no loader, no tsx), in a process of its own so
 * that its memory is its own. Start-up is timed from the spawn to the first 200 on `readyPath`.
 */
export class NodeProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    /** Spawn → `readyPath` answered 200, ms. */
    readonly startupMs: number,
    private readonly stderr: () => string,
  ) {}

  static async start(script: string, options: StartOptions): Promise<NodeProcess> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const started = process.hrtime.bigint();
    const child = fork(script, [], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, HOST: '127.0.0.1', PORT: String(port) },
      execArgv: [...(options.nodeFlags ?? []), '--require', options.probes.probe],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8192);
    });
    let exited: number | null | undefined;
    child.once('exit', (code) => (exited = code));
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    for (;;) {
      if (exited !== undefined) {
        throw new Error(`${script} exited with ${exited} before it answered:\n${stderr}`);
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`${script} did not answer ${options.readyPath} in time:\n${stderr}`);
      }
      if (await answers200(`${url}${options.readyPath}`)) break;
      await sleep(10);
    }
    const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
    return new NodeProcess(child, url, startupMs, () => stderr);
  }

  async memory(): Promise<MemorySample> {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
    const { heapUsed, retainedHeap } = await new Promise<ProbeAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.child.off('message', listen);
        reject(new Error(`no memory sample from the process:\n${this.stderr()}`));
      }, 10_000);
      // The process may send messages of its own (the baseline says when it is ready).
      const listen = (message: { memoryProbe?: ProbeAnswer }) => {
        if (!message.memoryProbe) return;
        clearTimeout(timer);
        this.child.off('message', listen);
        resolve(message.memoryProbe);
      };
      this.child.on('message', listen);
      this.child.send({ memoryProbe: 'sample' });
    });
    return {
      rssMiB: kib('VmRSS') / 1024,
      peakRssMiB: kib('VmHWM') / 1024,
      heapUsedMiB: heapUsed / 1048576,
      retainedHeapMiB: retainedHeap / 1048576,
    };
  }

  /** CPU time the process has used so far, user and system, in seconds (/proc/<pid>/stat). */
  cpuSeconds(): number {
    return cpuSecondsOf(this.child.pid);
  }

  /** SIGTERM, as an orchestrator stops the app; resolves when the process has exited. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/** CPU time a process has used so far, user and system, in seconds (/proc/<pid>/stat). */
export function cpuSecondsOf(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return ticks / CLOCK_TICKS_PER_SECOND;
}

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** A loopback port nobody listens on now (the OS picks it; it is free until someone takes it). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}
