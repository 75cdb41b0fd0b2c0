import { runCli } from './run-cli';

/**
 * The administrator's command line: `npm run cli -- <command>`. See run-cli.ts for the commands
 * and cli/commands.ts for the list.
 */
void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
