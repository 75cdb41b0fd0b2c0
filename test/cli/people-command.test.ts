import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGroup } from '../../core/group';
import type { AppConfig } from '../../host/config';
import { TableDirectoryStore } from '../../storage/table-directory-store';
import { TableGroupStore } from '../../storage/table-group-store';
import { TableStorage } from '../../storage/table-storage';
import { testConnectionString } from '../support/test-storage';
import { cli, cliConfig, storedGroupRows } from './cli-harness';

const PEOPLE_CSV = [
  'name,organisation,email,aadObjectId',
  'Zoë Lefèvre,Ofgem,zoe.lefevre@ofgem.gov.uk,',
  '"Welby, Chris",Elexon,chris.welby@elexon.co.uk,3f2504e0-4f89-11d3-9a0c-0305e82c3301',
  'Andrew Margan,Programme,,',
].join('\n');

async function fileWith(name: string, text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'cli-people-')), name);
  await writeFile(file, text, 'utf8');
  return file;
}

function storage(config: AppConfig): TableStorage {
  return new TableStorage(
    { connectionString: testConnectionString() },
    { tablePrefix: config.tablePrefix },
  );
}

/** Settings on fresh tables holding the groups named, set up as a chair would have. */
async function withGroups(...codes: string[]): Promise<AppConfig> {
  const config = cliConfig();
  const tables = storage(config);
  await tables.ensureTables();
  const groups = new TableGroupStore(tables.table('groups'));
  for (const code of codes) {
    await groups.createGroupIfMissing(createGroup({ code, name: `${code} group` }));
  }
  return config;
}

const directoryOf = (config: AppConfig, code: string) =>
  new TableDirectoryStore(storage(config).table('groups')).listPeople(code);

const personRows = async (config: AppConfig) =>
  (await storedGroupRows(config)).filter((row) => row.rowKey?.startsWith('person|'));

describe('npm run cli -- people import', () => {
  it('imports a good file into the only group', async () => {
    const config = await withGroups('CCAG');
    const run = await cli(['people', 'import', await fileWith('people.csv', PEOPLE_CSV)], config);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('into the people of CCAG:');
    expect(run.stdout).toContain('3 people added, 0 changed, 0 already present');
    expect(await directoryOf(config, 'CCAG')).toEqual([
      { name: 'Andrew Margan', organisation: 'Programme' },
      {
        name: 'Welby, Chris',
        organisation: 'Elexon',
        email: 'chris.welby@elexon.co.uk',
        aadObjectId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
      },
      { name: 'Zoë Lefèvre', organisation: 'Ofgem', email: 'zoe.lefevre@ofgem.gov.uk' },
    ]);
  });

  it('reports every bad line by its number and writes nothing', async () => {
    const config = await withGroups('CCAG');
    const bad = [
      'name,organisation,email',
      'Zoë Lefèvre,Ofgem,zoe.lefevre@ofgem.gov.uk',
      ',Ofgem,someone@ofgem.gov.uk',
      'Andy MacFaul,Ofgem,andy at ofgem',
      'Zoe Lefevre,Ofgem,zoe.lefevre@ofgem.gov.uk',
    ].join('\n');
    const run = await cli(['people', 'import', await fileWith('bad.csv', bad)], config);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('line 3: Name is required.');
    expect(run.stderr).toMatch(/line 4: E-mail "andy at ofgem" is not an e-mail address/);
    expect(run.stderr).toContain('line 5: This is the same person as line 2');
    expect(run.stderr).toMatch(/Nothing was imported: 3 lines of .*bad\.csv were rejected\./);
    expect(await personRows(config)).toEqual([]);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const config = await withGroups('CCAG');
    const file = await fileWith('people.csv', PEOPLE_CSV);
    expect((await cli(['people', 'import', file], config)).code).toBe(0);
    const before = await personRows(config);

    const again = await cli(['people', 'import', file], config);

    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 people added, 0 changed, 3 already present');
    expect(again.stdout).toContain(
      'Nothing changed: everyone in the file is in the directory already.',
    );
    // Same rows with the same ETags: not one entity was written.
    expect(await personRows(config)).toEqual(before);
  });

  it('a corrected file changes the people it corrects and keeps what it leaves empty', async () => {
    const config = await withGroups('CCAG');
    await cli(['people', 'import', await fileWith('people.csv', PEOPLE_CSV)], config);
    const corrected = [
      'name,organisation,email,guest',
      'Zoë Lefèvre,Ofgem,zoe.lefevre@ofgem.gov.uk,yes',
      'Welby; Chris,Elexon,chris.welby@elexon.co.uk,',
      'Andrew Margan,Programme,andrew.margan@mhhsprogramme.co.uk,',
      'Ann Perry,REC,ann.perry@rec.co.uk,',
    ].join('\n');

    const run = await cli(['people', 'import', await fileWith('corrected.csv', corrected)], config);

    expect(run.stdout).toContain('1 person added, 3 changed, 0 already present');
    const people = await directoryOf(config, 'CCAG');
    expect(people).toHaveLength(4);
    expect(people).toContainEqual({
      name: 'Welby; Chris',
      organisation: 'Elexon',
      email: 'chris.welby@elexon.co.uk',
      aadObjectId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    });
    expect(people).toContainEqual({
      name: 'Andrew Margan',
      organisation: 'Programme',
      email: 'andrew.margan@mhhsprogramme.co.uk',
    });
    expect(people).toContainEqual(expect.objectContaining({ name: 'Zoë Lefèvre', guest: true }));
  });

  it('needs --group when there is more than one group, and names them', async () => {
    const config = await withGroups('CCAG', 'TAG');
    const file = await fileWith('people.csv', PEOPLE_CSV);

    const unsure = await cli(['people', 'import', file], config);
    expect(unsure.code).toBe(2);
    expect(unsure.stderr).toContain('there are 2 groups (CCAG, TAG): name one with --group <code>');
    expect(await personRows(config)).toEqual([]);

    const named = await cli(['people', 'import', file, '--group', 'tag'], config);
    expect(named.code).toBe(0);
    expect(await directoryOf(config, 'TAG')).toHaveLength(3);
    expect(await directoryOf(config, 'CCAG')).toEqual([]);

    const unknown = await cli(['people', 'import', file, '--group', 'XYZ'], config);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no group XYZ; the groups are CCAG, TAG.');
  });

  it('says a group must exist first', async () => {
    const config = await withGroups();
    const run = await cli(['people', 'import', await fileWith('people.csv', PEOPLE_CSV)], config);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/There is no group yet: import a report first/);
  });

  it.each([
    [['people'], 'say import or export'],
    [['people', 'delete'], '"delete" is not a people command'],
    [['people', 'import'], 'missing <file.csv>'],
    [['people', 'import', 'a.csv', '--out', 'b.csv'], '--out is for people export'],
    [['people', 'export', '--group', 'C'], '--group: Group code must be 2 to 10 letters'],
  ])('%j is a usage error', async (argv, message) => {
    const run = await cli(argv, cliConfig());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('npm run cli -- people export', () => {
  it('writes the directory as CSV with formula-like cells neutralised, and it imports back the same', async () => {
    const config = await withGroups('CCAG', 'TAG');
    const hostile = [
      'name,organisation,email,aadObjectId,guest',
      '"=HYPERLINK(""https://evil.example"")",+Ofgem,zoe.lefevre@ofgem.gov.uk,,yes',
      'Andrew Margan,Programme,,,',
    ].join('\n');
    const file = await fileWith('people.csv', hostile);
    expect((await cli(['people', 'import', file, '--group', 'CCAG'], config)).code).toBe(0);

    const run = await cli(['people', 'export', '--group', 'CCAG'], config);

    expect(run.code).toBe(0);
    expect(run.stderr).toBe('Exported 2 people of CCAG\n');
    expect(run.stdout.split('\n')).toEqual([
      '\uFEFFname,organisation,email,aadObjectId,guest',
      `"'=HYPERLINK(""https://evil.example"")",'+Ofgem,zoe.lefevre@ofgem.gov.uk,,yes`,
      'Andrew Margan,Programme,,,no',
      '',
    ]);

    const out = join(await mkdtemp(join(tmpdir(), 'cli-people-')), 'ccag-people.csv');
    const toFile = await cli(['people', 'export', '--group', 'CCAG', '--out', out], config);
    expect(toFile.stdout).toBe(`Exported 2 people of CCAG to ${out}\n`);
    expect(await readFile(out, 'utf8')).toBe(run.stdout);

    expect((await cli(['people', 'import', out, '--group', 'TAG'], config)).code).toBe(0);
    expect(await directoryOf(config, 'TAG')).toEqual(await directoryOf(config, 'CCAG'));
  });
});
