import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedActionRows } from '../fixtures/seed-report';
import { SEED_FILE, cli, cliConfig } from './cli-harness';

type ExportLine = Record<string, unknown> & { kind: string };

function parseLines(text: string): ExportLine[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ExportLine);
}

describe('npm run cli -- export', () => {
  it('writes the group, meeting, all 18 actions with their history and the discussion items', async () => {
    const config = cliConfig();
    await cli(['import', SEED_FILE], config);

    const run = await cli(['export'], config, { now: () => new Date('2024-05-01T12:00:00Z') });

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('Exported 1 group, 1 meeting, 18 actions and 5 discussion items\n');
    const lines = parseLines(run.stdout);
    expect(lines.map((line) => line.kind)).toEqual([
      'export',
      'group',
      'meeting',
      ...Array<string>(18).fill('action'),
      ...Array<string>(5).fill('discussionItem'),
    ]);
    expect(lines[0]).toEqual({ kind: 'export', schema: 1, exportedAt: '2024-05-01T12:00:00.000Z' });
    expect(lines[1]).toMatchObject({ code: 'CCAG', name: 'MHHS Cross Code Advisory Group' });
    expect(lines[2]).toMatchObject({ code: 'CCAG003', reportIssueDate: '2022-02-24' });
    const actions = lines.filter((line) => line.kind === 'action');
    expect(actions.map((action) => action.ref)).toEqual(seedActionRows().map((row) => row.ref));
    for (const action of actions) {
      expect(action.history).toEqual(
        expect.arrayContaining([expect.objectContaining({ change: { kind: 'created' } })]),
      );
    }
    const updated = actions.find((action) => action.ref === 'CCAG03-08');
    expect(updated?.updates).toEqual([
      expect.objectContaining({
        text: 'Dependency has been submitted to the RAID Management Framework',
      }),
    ]);
  });

  it('writes to the file --out names and says so on stdout', async () => {
    const config = cliConfig();
    await cli(['import', SEED_FILE], config);
    const out = join(await mkdtemp(join(tmpdir(), 'cli-export-')), 'backup.jsonl');

    const run = await cli(['export', '--out', out], config);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `Exported 1 group, 1 meeting, 18 actions and 5 discussion items to ${out}\n`,
    );
    expect(parseLines(await readFile(out, 'utf8'))).toHaveLength(1 + 1 + 1 + 18 + 5);
  });

  it('writes only its header line when there is nothing stored', async () => {
    const run = await cli(['export'], cliConfig());
    expect(run.code).toBe(0);
    expect(parseLines(run.stdout).map((line) => line.kind)).toEqual(['export']);
  });
});
