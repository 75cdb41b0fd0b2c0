import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EmbeddedAzurite } from '../storage/embedded-azurite';
import { ConnectorStub } from '../test/support/connector-stub';
import { activityMix, type BenchActivity } from './support/activity-mix';
import { runClosedLoop } from './support/load';
import { NodeProcess, ProbeFolder, type MemorySample } from './support/node-process';
import { ensureProductionBuild, productionCommand, REPO_ROOT } from './support/production-build';
import { printTable } from './support/report';

/**
 * The production build, started as `npm run start:prod` starts it (its node flags included;
 * anonymous, Table Storage on an Azurite in this process, the Bot Connector stubbed), and a bare
 * restify server, both under plain `node`, one after the other, each sent the same 3,000
 * activities — committee meetings' adds, lists, clicks, help and members joining. Printed beside
 * the goal (issue 12): resident memory after the load, the ratio, start-up time, and the growth
 * from 1,500 to 3,000 activities (a leak shows there). When start:prod gives node flags, the
 * bare server is also run with them, so the ratio can be read with and without them.
 */
const ACTIVITIES = 3000;
const HALFWAY = 1500;
const CONCURRENCY = 4;
/** Quiet time before a sample: work after the answers (cards replaced for everyone) finishes. */
const SETTLE_MS = 2000;

/** Issue 12, measured before this benchmark existed. */
const ISSUE_TODAY = { rssMiB: 210, ratio: 2.8 } as const;
/**
 * This benchmark on `main` f64517e (no node flags, docx, chrono-node's every language and
 * botbuilder's whole index loaded, an ICU formatter built per time zone check), this machine.
 */
const BEFORE = {
  ratio: 4.74,
  rssMiB: 401.5,
  peakRssMiB: 410.7,
  growthMiB: 89.9,
  startupMs: 1097,
  cpuMsPerActivity: 10.37,
} as const;
const GOAL_RATIO = 1.5;

interface Run {
  readonly name: string;
  readonly nodeFlags: readonly string[];
  readonly startupMs: number;
  readonly atStart: MemorySample;
  readonly halfway: MemorySample;
  readonly end: MemorySample;
  readonly seconds: number;
  /** CPU time the server used for the activities (samples excluded), in seconds. */
  readonly cpuSeconds: number;
  readonly failures: Map<string, number>;
}

export async function benchMemory(): Promise<void> {
  console.log(`\n${ensureProductionBuild()}`);
  const production = productionCommand();
  const azurite = await EmbeddedAzurite.start({ port: 0 });
  const connector = await ConnectorStub.start();
  const probes = ProbeFolder.create();
  try {
    const bare = await compileBaseline(probes);
    const activities = activityMix(ACTIVITIES, connector.serviceUrl, CONCURRENCY);
    const load = { activities, connector, probes };
    const runs = [await measure('bare restify (200 only)', bare, [], {}, load)];
    if (production.nodeFlags.length > 0) {
      runs.push(
        await measure('bare restify, start:prod flags', bare, production.nodeFlags, {}, load),
      );
    }
    const app = await measure(
      'production build (npm run start:prod)',
      path.join(REPO_ROOT, production.script),
      production.nodeFlags,
      {
        STORAGE_CONNECTION_STRING: azurite.connectionString,
        TABLE_PREFIX: 'benchmem',
        // Production's default level, written to /dev/null: the cost of logging stays in.
        LOG_LEVEL: 'info',
      },
      load,
    );
    console.log(`\nstart:prod is "${production.line}"`);
    report(app, runs, activities);
  } finally {
    probes.remove();
    await connector.stop();
    await azurite.stop();
  }
}

/**
 * The baseline compiled to JavaScript, so that it runs under plain `node` as the production build
 * does (through tsx it would carry the TypeScript loader's memory and flatter the ratio).
 */
async function compileBaseline(probes: ProbeFolder): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = probes.file('bare-restify-server.js');
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'servers', 'bare-restify-server.ts')],
    bundle: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

interface Load {
  readonly activities: readonly BenchActivity[];
  readonly connector: ConnectorStub;
  readonly probes: ProbeFolder;
}

async function measure(
  name: string,
  script: string,
  nodeFlags: readonly string[],
  env: Record<string, string>,
  { activities, connector, probes }: Load,
): Promise<Run> {
  const server = await NodeProcess.start(script, {
    cwd: REPO_ROOT,
    // The compiled baseline lives in a temporary folder: it finds restify where the app does.
    env: { ...env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    nodeFlags,
    readyPath: '/healthz',
    probes,
  });
  try {
    const failures = new Map<string, number>();
    const send = (offset: number) => async (index: number) => {
      const activity = activities[offset + index];
      if (!activity) return false;
      connector.reset(); // the stub would otherwise keep every call in memory
      const response = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: activity.body,
      });
      const body = await response.text();
      // An invoke's answer carries a status of its own; an error card is still HTTP 200.
      const answer = body === '' ? undefined : (JSON.parse(body) as { statusCode?: unknown });
      const refused = typeof answer?.statusCode === 'number' && answer.statusCode >= 400;
      const ok = response.status === 200 && !refused;
      if (!ok) failures.set(activity.kind, (failures.get(activity.kind) ?? 0) + 1);
      return ok;
    };
    const sample = async () => {
      await sleep(SETTLE_MS);
      return server.memory();
    };
    /** Wall and CPU seconds of one stretch of load. */
    const loaded = async (run: () => Promise<unknown>) => {
      const cpu = server.cpuSeconds();
      const started = process.hrtime.bigint();
      await run();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return { seconds, cpuSeconds: server.cpuSeconds() - cpu };
    };
    const atStart = await sample();
    const first = await loaded(async () => {
      await runClosedLoop(1, 1, send(0)); // sets the first meeting up
      await runClosedLoop(HALFWAY - 1, CONCURRENCY, send(1));
    });
    const halfway = await sample();
    const second = await loaded(() =>
      runClosedLoop(ACTIVITIES - HALFWAY, CONCURRENCY, send(HALFWAY)),
    );
    const end = await sample();
    const seconds = first.seconds + second.seconds;
    const cpuSeconds = first.cpuSeconds + second.cpuSeconds;
    const startupMs = server.startupMs;
    return { name, nodeFlags, startupMs, atStart, halfway, end, seconds, cpuSeconds, failures };
  } finally {
    await server.stop();
  }
}

function report(app: Run, baselines: Run[], activities: readonly BenchActivity[]): void {
  const mib = (value: number) => value.toFixed(1);
  const cpuMs = (run: Run) => (run.cpuSeconds * 1000) / ACTIVITIES;
  const kinds = new Map<string, number>();
  for (const activity of activities) kinds.set(activity.kind, (kinds.get(activity.kind) ?? 0) + 1);
  console.log(
    `the ${ACTIVITIES} activities, ${CONCURRENCY} in flight: ${[...kinds]
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ')}`,
  );
  printTable(
    `memory of each process (plain node), after start-up and after ${HALFWAY} and ${ACTIVITIES} activities, each sample ${SETTLE_MS / 1000} s after the last answer`,
    [
      'server',
      'start-up ms',
      'RSS start',
      `RSS ${HALFWAY}`,
      `RSS ${ACTIVITIES}`,
      'peak RSS',
      `heap used ${ACTIVITIES}`,
      'retained start',
      `retained ${HALFWAY}`,
      `retained ${ACTIVITIES}`,
      'activities/s',
      'CPU ms/activity',
      'failures',
    ],
    [...baselines, app].map((run) => [
      run.name,
      run.startupMs.toFixed(0),
      mib(run.atStart.rssMiB),
      mib(run.halfway.rssMiB),
      mib(run.end.rssMiB),
      mib(run.end.peakRssMiB),
      mib(run.end.heapUsedMiB),
      mib(run.atStart.retainedHeapMiB),
      mib(run.halfway.retainedHeapMiB),
      mib(run.end.retainedHeapMiB),
      (ACTIVITIES / run.seconds).toFixed(0),
      cpuMs(run).toFixed(2),
      [...run.failures].map(([kind, count]) => `${kind} ${count}`).join(', ') || '0',
    ]),
  );
  console.log(
    '  MiB. RSS: /proc/<pid>/status VmRSS; peak: VmHWM. heap used: the V8 heap, garbage included;',
  );
  console.log('  retained: the V8 heap after a full collection, made after the RSS was read.');
  const [bare] = baselines as [Run];
  const ratio = (base: Run) => `${(app.end.rssMiB / base.end.rssMiB).toFixed(2)}x`;
  const flagged = baselines.find((run) => run.nodeFlags.length > 0);
  printTable(
    'a lean process, against its goals',
    ['figure', 'now', 'goal', 'before', 'issue 12'],
    [
      [
        `RSS of the production build ÷ bare restify after the same ${ACTIVITIES} activities`,
        ratio(bare),
        `≤ ${GOAL_RATIO}x`,
        `${BEFORE.ratio}x`,
        `${ISSUE_TODAY.ratio}x`,
      ],
      ...(flagged
        ? [
            [
              `  the same ÷ bare restify with start:prod's node flags`,
              ratio(flagged),
              '-',
              '-',
              '-',
            ],
          ]
        : []),
      [
        `RSS of the production build after ${ACTIVITIES}, MiB`,
        mib(app.end.rssMiB),
        `≤ ${mib(bare.end.rssMiB * GOAL_RATIO)}`,
        mib(BEFORE.rssMiB),
        String(ISSUE_TODAY.rssMiB),
      ],
      ['  its peak, MiB', mib(app.end.peakRssMiB), '-', mib(BEFORE.peakRssMiB), '-'],
      [
        `growth from ${HALFWAY} to ${ACTIVITIES} activities, RSS MiB (production build)`,
        signed(app.end.rssMiB - app.halfway.rssMiB),
        '≈ 0',
        signed(BEFORE.growthMiB),
        '-',
      ],
      [
        `growth from ${HALFWAY} to ${ACTIVITIES} activities, retained heap MiB (production build)`,
        signed(app.end.retainedHeapMiB - app.halfway.retainedHeapMiB),
        '≈ 0',
        '-',
        '-',
      ],
      [
        'start-up, spawn → /healthz 200, ms (production build / bare restify)',
        `${app.startupMs.toFixed(0)} / ${bare.startupMs.toFixed(0)}`,
        '-',
        String(BEFORE.startupMs),
        '-',
      ],
      [
        'CPU per activity, ms (production build)',
        cpuMs(app).toFixed(2),
        '-',
        BEFORE.cpuMsPerActivity.toFixed(2),
        '-',
      ],
    ],
  );
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
}
