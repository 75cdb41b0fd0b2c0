import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SEED_FILE, cli, cliConfig } from './cli-harness';

const ROOT = join(__dirname, '..', '..');

/** The environment as a user has it: the default log level, so only the report is printed. */
function withoutLogLevel(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { LOG_LEVEL: _level, ...rest } = env;
  return rest;
}

describe('npm run cli', () => {
  it('prints the usage of every command with no arguments or help (exit 0)', async () => {
    for (const argv of [[], ['help'], ['--help']]) {
      const run = await cli(argv, cliConfig());
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Usage: npm run cli -- <command>');
      for (const command of ['import <file>', 'report <meeting code', 'export [--out <file>]']) {
        expect(run.stdout).toContain(command);
      }
    }
  });

  it("prints one command's usage for help <command> and <command> --help", async () => {
    for (const argv of [
      ['help', 'report'],
      ['report', '--help'],
    ]) {
      const run = await cli(argv, cliConfig());
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Usage: npm run cli -- report <meeting code/);
    }
  });

  it('answers an unknown command with the usage (exit 2)', async () => {
    const run = await cli(['sweeep'], cliConfig());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Unknown command "sweeep"\.\n\nUsage: npm run cli -- <command>/);
  });

  it.each([
    [['import'], 'import: missing <file>'],
    [['report'], 'report: missing <meeting code>'],
    [['report', 'CCAG3'], 'report: "CCAG3" is not a meeting code like CCAG003'],
    [['report', 'CCAG003'], 'report: give --format docx|html|md|tsv'],
    [['report', 'CCAG003', '--format', 'pdf'], 'report: --format must be one of'],
    [['report', 'CCAG003', '--format', 'md', '--issue-date', '24/02/22'], '--issue-date must be'],
    [['import', 'a.txt', '--format', 'xlsx'], 'import: --format must be tsv or csv'],
    [['export', '--bogus'], "export: Unknown option '--bogus'"],
    [['export', 'extra'], 'export: unexpected argument "extra"'],
  ])('refuses %j with the command usage (exit 2)', async (argv, message) => {
    const run = await cli(argv, cliConfig());
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain(`Usage: npm run cli -- ${argv[0] ?? ''} `);
  });

  it('fails with one line when storage cannot be reached (exit 1)', async () => {
    const config = cliConfig();
    const unreachable = {
      ...config,
      storage: {
        kind: 'connectionString' as const,
        connectionString:
          'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=' +
          'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;' +
          'TableEndpoint=http://127.0.0.1:9/devstoreaccount1;',
      },
    };
    const run = await cli(['export'], unreachable);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^Error: .*Table Storage is unavailable/);
  });

  // The one test that runs the command line as a user does: a separate process through npm.
  it('runs as `npm run cli --silent -- report CCAG003 --format md` on the same storage', async () => {
    const config = cliConfig();
    expect((await cli(['import', SEED_FILE], config)).code).toBe(0);
    if (config.storage.kind !== 'connectionString')
      throw new Error('tests use a connection string');

    const { stdout, stderr } = await promisify(execFile)(
      'npm',
      ['run', 'cli', '--silent', '--', 'report', 'CCAG003', '--format', 'md'],
      {
        cwd: ROOT,
        env: {
          ...withoutLogLevel(process.env),
          STORAGE_CONNECTION_STRING: config.storage.connectionString,
          TABLE_PREFIX: config.tablePrefix,
        },
        timeout: 15_000,
      },
    );

    expect(stderr).toBe('');
    expect(stdout).toContain('# MHHS Cross Code Advisory Group Headline Report');
    expect(stdout).toContain('Issue date: 24/02/22');
    for (const ref of ['CCAG03-01', 'CCAG03-18']) expect(stdout).toContain(`| ${ref} |`);
  });
});
