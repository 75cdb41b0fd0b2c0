import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, cliConfig } from './cli-harness';

/** Cells a spreadsheet would run as formulas, in every column an action log has. */
const RISKY = [
  {
    area: '=HYPERLINK("http://evil.example","Design baseline")',
    ref: 'CCAG03-01',
    action: '+cmd|/C calc!A0',
    owner: '@Programme (PMO)',
    due: '23/03/22',
    update: '-2 days behind plan',
  },
  {
    area: 'Other',
    ref: 'CCAG03-02',
    action: "'=already quoted by someone",
    owner: 'Chris Welby',
    due: '',
    update: '',
  },
];

function csv(rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((cells) => cells.map(quote).join(',')).join('\n');
}

type Exported = {
  kind: string;
  ref?: string;
  area?: string;
  text?: string;
  owners?: { display: string }[];
  updates?: { text: string }[];
};

async function exportedActions(config: ReturnType<typeof cliConfig>): Promise<Exported[]> {
  const run = await cli(['export'], config);
  expect(run.code).toBe(0);
  return run.stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Exported)
    .filter((line) => line.kind === 'action');
}

describe('exports that cannot carry spreadsheet formulas (CSV injection)', () => {
  it('quotes formula cells in the TSV report, and import reads them back to the original text', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cli-injection-'));
    const log = join(folder, 'log.csv');
    await writeFile(
      log,
      csv([
        ['Area', 'Action Ref', 'Action', 'Owner', 'Due Date', 'Update'],
        ...RISKY.map((row) => [row.area, row.ref, row.action, row.owner, row.due, row.update]),
      ]),
    );
    const first = cliConfig();
    const imported = await cli(
      ['import', log, '--group-name', 'MHHS Cross Code Advisory Group'],
      first,
    );
    expect(imported.stderr).toBe('');

    const tsv = join(folder, 'CCAG003.tsv');
    expect((await cli(['report', 'CCAG003', '--format', 'tsv', '--out', tsv], first)).code).toBe(0);
    const written = await readFile(tsv, 'utf8');
    const cells = written.split('\n').flatMap((line) => line.split('\t'));
    expect(cells.filter((cell) => /^\s*[=+\-@]/.test(cell))).toEqual([]);
    const row = written.split('\n').find((line) => line.includes('\tCCAG03-01\t'));
    expect(row?.split('\t')).toEqual([
      'Actions',
      `'${RISKY[0]?.area}`,
      'CCAG03-01',
      `'${RISKY[0]?.action}`,
      `'${RISKY[0]?.owner}`,
      '23/03/22',
      `Update: ${RISKY[0]?.update}`,
    ]);

    // The report imported into another store gives back exactly what was typed.
    const second = cliConfig();
    expect((await cli(['import', tsv], second)).stderr).toBe('');
    const before = await exportedActions(first);
    const after = await exportedActions(second);
    const content = (actions: Exported[]) =>
      actions.map(({ ref, area, text, owners, updates }) => ({
        ref,
        area,
        text,
        owners: owners?.map((owner) => owner.display),
        updates: updates?.map((update) => update.text),
      }));
    expect(content(after)).toEqual(content(before));
    expect(content(before)).toEqual(
      RISKY.map((row) => ({
        ref: row.ref,
        area: row.area,
        // A CSV cell a spreadsheet quoted ('=…) is read as the text the spreadsheet showed.
        text: row.action.replace(/^'=/, '='),
        owners: [row.owner],
        updates: row.update ? [row.update] : [],
      })),
    );
  });
});
