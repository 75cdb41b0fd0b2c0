import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { SEED_TEXT, seedActionRows } from '../fixtures/seed-report';
import { logicalRows } from '../documents/seed-model';
import { SEED_FILE, cli, cliConfig } from './cli-harness';

async function seededConfig() {
  const config = cliConfig();
  const run = await cli(['import', SEED_FILE], config);
  if (run.code !== 0) throw new Error(`the seed did not import: ${run.stderr}`);
  return config;
}

describe('npm run cli -- report', () => {
  it('reproduces the imported seed cell for cell as tab-separated text', async () => {
    const config = await seededConfig();

    const run = await cli(['report', 'CCAG003', '--format', 'tsv'], config);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(logicalRows(run.stdout)).toEqual(logicalRows(SEED_TEXT));
    // Refs, owners, due-date notes and updates exactly, without normalising.
    const rows = run.stdout.split('\n').map((line) => line.split('\t'));
    for (const seed of seedActionRows()) {
      const row = rows.find((cells) => cells[2] === seed.ref);
      expect(row?.slice(2)).toEqual([seed.ref, seed.action, seed.owner, seed.due, seed.update]);
    }
  });

  it('writes every format to a file; the .docx is a Word document holding every action', async () => {
    const config = await seededConfig();
    const folder = await mkdtemp(join(tmpdir(), 'cli-report-'));
    const written: Record<string, Buffer> = {};
    for (const format of ['docx', 'html', 'md', 'tsv']) {
      const out = join(folder, `CCAG003.${format}`);
      const run = await cli(['report', 'CCAG003', '--format', format, '--out', out], config);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        `Wrote the CCAG003 headline report (${format}, issue date 24/02/22) to ${out}\n`,
      );
      written[format] = await readFile(out);
    }

    const docx = await JSZip.loadAsync(written.docx ?? Buffer.alloc(0));
    const xml = (await docx.file('word/document.xml')?.async('string')) ?? '';
    for (const { ref } of seedActionRows()) expect(xml).toContain(ref);
    expect(written.html?.toString('utf8')).toContain(
      'MHHS Cross Code Advisory Group Headline Report',
    );
    expect(written.md?.toString('utf8')).toContain('| CCAG03-18 |');
    expect(logicalRows(written.tsv?.toString('utf8') ?? '')).toEqual(logicalRows(SEED_TEXT));
  });

  it('takes the format from the --out file name when --format is left out', async () => {
    const config = await seededConfig();
    const out = join(await mkdtemp(join(tmpdir(), 'cli-report-')), 'minutes.md');
    const run = await cli(['report', 'CCAG003', '--out', out], config);
    expect(run.code).toBe(0);
    expect(await readFile(out, 'utf8')).toContain(
      '# MHHS Cross Code Advisory Group Headline Report',
    );
  });

  it('prints the issue date given by --issue-date instead of the recorded one', async () => {
    const config = await seededConfig();
    const run = await cli(
      ['report', 'CCAG003', '--format', 'tsv', '--issue-date', '2022-03-01'],
      config,
    );
    expect(run.stdout.split('\n')).toContain('Issue date: 01/03/22');
  });

  it("dates a report not yet issued today in the group's time zone, carrying open actions forward", async () => {
    const config = await seededConfig();
    const log = join(await mkdtemp(join(tmpdir(), 'cli-report-')), 'ccag004.tsv');
    await writeFile(
      log,
      [
        '\tArea\tAction Ref\tAction\tOwner\tDue Date\tUpdate',
        '\tOther\tCCAG04-01\tCirculate the slides\tProgramme (PMO)\t30/03/22\t',
      ].join('\n'),
    );
    expect((await cli(['import', log], config)).code).toBe(0);

    // 23:30 UTC on 30 June is already 1 July in London (summer time).
    const run = await cli(['report', 'CCAG004', '--format', 'tsv'], config, {
      now: () => new Date('2022-06-30T23:30:00Z'),
    });

    const lines = run.stdout.split('\n');
    expect(lines).toContain('Issue date: 01/07/22');
    expect(lines.some((line) => line.startsWith('Actions Carried Forward\t'))).toBe(true);
    for (const { ref } of seedActionRows()) expect(run.stdout).toContain(`\t${ref}\t`);
  });

  it('refuses to write a .docx to the terminal (exit 2)', async () => {
    const run = await cli(['report', 'CCAG003', '--format', 'docx'], cliConfig());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('give --out <file>');
    expect(run.stdout).toBe('');
  });

  it('fails with one line for a meeting that is not there (exit 1)', async () => {
    const config = await seededConfig();
    const noGroup = await cli(['report', 'XYZ001', '--format', 'md'], config);
    expect(noGroup).toMatchObject({
      code: 1,
      stdout: '',
      stderr: 'Error: There is no group XYZ.\n',
    });
    const noMeeting = await cli(['report', 'CCAG009', '--format', 'md'], config);
    expect(noMeeting.code).toBe(1);
    expect(noMeeting.stderr).toBe('Error: CCAG has no meeting 9; its meetings are CCAG003.\n');
  });
});
