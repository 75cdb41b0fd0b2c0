import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEED_TEXT } from '../fixtures/seed-report';
import { logicalRows } from '../documents/seed-model';
import { SEED_FILE, cli, cliConfig, storedGroup, storedGroupRows } from './cli-harness';

/** The seed with some cells replaced: `[ref, column (0 = section), value]`. */
function seedWith(changes: ReadonlyArray<[string, number, string]>): {
  text: string;
  lines: number[];
} {
  const lines = SEED_TEXT.split('\n');
  const changed = changes.map(([ref, column, value]) => {
    const index = lines.findIndex((line) => line.split('\t')[2] === ref);
    const cells = (lines[index] ?? '').split('\t');
    cells[column] = value;
    lines[index] = cells.join('\t');
    return index + 1;
  });
  return { text: lines.join('\n'), lines: changed };
}

async function fileWith(name: string, text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'cli-import-')), name);
  await writeFile(file, text, 'utf8');
  return file;
}

/** The seed as CSV with the same rows and cells. */
function seedAsCsv(): string {
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return SEED_TEXT.split('\n')
    .map((line) => line.split('\t').map(quote).join(','))
    .join('\n');
}

describe('npm run cli -- import', () => {
  it('stores the seed: its group, meeting, 18 actions and 5 discussion items', async () => {
    const config = cliConfig();
    const run = await cli(['import', SEED_FILE], config);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('group CCAG: added');
    expect(run.stdout).toContain('meeting CCAG003: added');
    expect(run.stdout).toContain('18 actions added, 0 already present');
    expect(run.stdout).toContain('5 discussion items added, 0 already present');
    const rows = await storedGroupRows(config);
    expect(rows.filter((row) => row.rowKey?.startsWith('action|'))).toHaveLength(18);
    expect(rows.filter((row) => row.rowKey?.startsWith('discussion|'))).toHaveLength(5);
  });

  it('--tenant keeps the imported group to that tenant; without it the import says who may claim it', async () => {
    const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
    const owned = cliConfig();
    const run = await cli(['import', SEED_FILE, '--tenant', tenant.toUpperCase()], owned);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('belongs to no tenant');
    expect((await storedGroup(owned, 'CCAG'))?.tenantId).toBe(tenant);
    // Another tenant's import of the same group is refused whole.
    const other = await cli(
      ['import', SEED_FILE, '--tenant', '11111111-2222-3333-4444-555555555555'],
      owned,
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('belongs to another tenant');

    const unowned = await cli(['import', SEED_FILE], cliConfig());
    expect(unowned.code).toBe(0);
    expect(unowned.stdout).toContain(
      'Group CCAG belongs to no tenant yet: the first person to set up one of its meetings in Teams',
    );
  });

  it('refuses a --tenant that is not a tenant id, and writes nothing', async () => {
    const config = cliConfig();
    const run = await cli(['import', SEED_FILE, '--tenant', 'contoso'], config);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tenant takes the Microsoft Entra tenant id');
    expect(await storedGroupRows(config)).toHaveLength(0);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const config = cliConfig();
    expect((await cli(['import', SEED_FILE], config)).code).toBe(0);
    const before = await storedGroupRows(config);

    const again = await cli(['import', SEED_FILE], config);

    expect(again.code).toBe(0);
    expect(again.stdout).toContain('group CCAG: already present');
    expect(again.stdout).toContain('meeting CCAG003: already present');
    expect(again.stdout).toContain('18 actions already present, 0 added');
    expect(again.stdout).toContain('5 discussion items already present, 0 added');
    expect(again.stdout).toContain('Nothing changed');
    // Same rows with the same ETags: not one entity was written.
    expect(await storedGroupRows(config)).toEqual(before);
  });

  it('reports every bad line with its number and reason, and writes nothing', async () => {
    const config = cliConfig();
    const { text, lines } = seedWith([
      ['CCAG03-02', 5, '31/02/22'],
      ['CCAG03-05', 3, ''],
      ['CCAG03-07', 2, 'CCAG3-07x'],
    ]);
    const file = await fileWith('bad.txt', text);

    const run = await cli(['import', file], config);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').filter((line) => line.startsWith('line '))).toEqual([
      `line ${lines[0]}: 31/02/22 is not a date: February 2022 has 28 days.`,
      `line ${lines[1]}: Action is required.`,
      `line ${lines[2]}: "CCAG3-07x" is not an action ref like CCAG03-01.`,
    ]);
    expect(run.stderr).toContain('Nothing was imported: 3 lines of');
    expect(await storedGroupRows(config)).toEqual([]);
  });

  it('completes an import that stopped part-way when it is run again', async () => {
    const config = cliConfig();
    // What an import interrupted after CCAG03-09 left behind.
    const lines = SEED_TEXT.split('\n');
    const cut = lines.findIndex((line) => line.split('\t')[2] === 'CCAG03-09') + 1;
    const partial = await fileWith('partial.txt', lines.slice(0, cut).join('\n'));
    expect((await cli(['import', partial], config)).code).toBe(0);

    const rerun = await cli(['import', SEED_FILE], config);

    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('9 actions added, 9 already present');
    expect(rerun.stdout).toContain('5 discussion items added, 0 already present');
    const report = await cli(['report', 'CCAG003', '--format', 'tsv'], config);
    expect(logicalRows(report.stdout)).toEqual(logicalRows(SEED_TEXT));
  });

  it('imports CSV with the same columns as the tab-separated layout', async () => {
    const tsvConfig = cliConfig();
    const csvConfig = cliConfig();
    const csv = await fileWith('ccag003.csv', seedAsCsv());

    const run = await cli(['import', csv], csvConfig);
    await cli(['import', SEED_FILE], tsvConfig);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('18 actions added');
    const fromCsv = await cli(['report', 'CCAG003', '--format', 'tsv'], csvConfig);
    const fromTsv = await cli(['report', 'CCAG003', '--format', 'tsv'], tsvConfig);
    expect(fromCsv.stdout).toBe(fromTsv.stdout);
  });

  it('reads a file named .txt as CSV when told --format csv', async () => {
    const config = cliConfig();
    const file = await fileWith('log.txt', seedAsCsv());
    const run = await cli(['import', file, '--format', 'csv'], config);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('18 actions added');
  });

  it('imports an action log without a title line under the name given by --group-name', async () => {
    const config = cliConfig();
    const log = [
      '\tArea\tAction Ref\tAction\tOwner\tDue Date\tUpdate',
      '\tOther\tCCAG04-01\tCirculate the slides\tProgramme (PMO)\t30/03/22\t',
    ].join('\n');
    const file = await fileWith('log.tsv', log);

    const nameless = await cli(['import', file], config);
    expect(nameless.code).toBe(1);
    expect(nameless.stderr).toMatch(/^Error: .*group name/m);
    expect(await storedGroupRows(config)).toEqual([]);

    const named = await cli(['import', file, '--group-name', 'Cross Code Advisory Group'], config);
    expect(named.code).toBe(0);
    expect(named.stdout).toContain('1 action added, 0 already present');
  });

  it('fails with one line when the file cannot be read', async () => {
    const run = await cli(['import', '/nonexistent/ccag.txt'], cliConfig());
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('no such file');
  });
});
