import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type AppConfig } from '../host/config';
import { createLogger } from '../host/logger';
import { openStores, type OpenStores } from '../host/open-stores';
import {
  EXIT_CODES,
  UsageError,
  type CliCommand,
  type CliContext,
  type CliStream,
  type CommandArgs,
  type CommandRun,
  type ExitCode,
} from './cli-command';
import { COMMANDS } from './commands';

/** Where the command line writes and what it runs with; tests pass captures and a config. */
export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** The settings; read from the environment by host/config.ts when left out. */
  readonly config?: AppConfig;
  readonly now?: () => Date;
  /** What relative paths are resolved against; the process's working folder by default. */
  readonly cwd?: string;
  /** The commands to offer; {@link COMMANDS} by default. */
  readonly commands?: readonly CliCommand[];
}

const PROGRAM = 'npm run cli --';
const HELP_WORDS = new Set(['help', '--help', '-h']);

/**
 * Runs one command line (`argv` without node and the script) and returns its exit code: 0 done,
 * 1 failed (bad input, storage), 2 usage error. Every failure of the work is printed to `stderr`
 * as one line (with the stack as well when LOG_LEVEL is debug or trace); only a bug throws.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const commands = io.commands ?? COMMANDS;
  const [name, ...rest] = argv;
  if (name === undefined || HELP_WORDS.has(name)) {
    const wanted = commands.find((command) => command.name === rest[0]);
    io.stdout.write(wanted ? commandUsage(wanted) : usage(commands));
    return EXIT_CODES.ok;
  }
  const command = commands.find((each) => each.name === name);
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${usage(commands)}`);
    return EXIT_CODES.usage;
  }

  let run: CommandRun;
  try {
    const args = commandArgs(command, rest);
    if (args.values.help === true) {
      io.stdout.write(commandUsage(command));
      return EXIT_CODES.ok;
    }
    run = command.prepare(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${command.name}: ${error.message}\n${commandUsage(command)}`);
    return EXIT_CODES.usage;
  }

  let config: AppConfig;
  try {
    config = io.config ?? loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return EXIT_CODES.failed;
  }
  const log = createLogger(cliLogLevel(config), io.stderr);
  let opened: Promise<OpenStores> | undefined;
  const context: CliContext = {
    stdout: io.stdout,
    stderr: io.stderr,
    config,
    log,
    now: io.now ?? (() => new Date()),
    cwd: io.cwd ?? process.cwd(),
    stores: () => (opened ??= openStores(config, log, { reuseRunningEmulator: true })),
  };
  try {
    return await run(context);
  } catch (error) {
    printFailure(io.stderr, error, config);
    return EXIT_CODES.failed;
  } finally {
    await closeStores(opened, log);
  }
}

/** The usage of every command. */
export function usage(commands: readonly CliCommand[] = COMMANDS): string {
  const lines = [
    `Usage: ${PROGRAM} <command> [arguments]`,
    '',
    'Commands:',
    ...commands.flatMap((command) => [
      `  ${command.name} ${command.usage}`.trimEnd(),
      `      ${command.summary}`,
    ]),
    '  help [command]',
    '      show this, or one command’s usage',
    '',
    'Storage is the bot’s (STORAGE_CONNECTION_STRING, STORAGE_ACCOUNT_URL, or the embedded',
    'Azurite in DATA_DIR, and TABLE_PREFIX); it works whether or not the bot is running.',
    'Logs go to stderr at warn level; LOG_LEVEL=debug shows more, with stack traces.',
    'Exit codes: 0 done, 1 failed, 2 usage error.',
  ];
  return `${lines.join('\n')}\n`;
}

function commandUsage(command: CliCommand): string {
  return `Usage: ${PROGRAM} ${command.name} ${command.usage}\n  ${command.summary}\n`;
}

function commandArgs(command: CliCommand, rest: readonly string[]): CommandArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as CommandArgs['values'] };
  } catch (error) {
    // node:util parseArgs reports unknown options and missing values with ERR_PARSE_ARGS_* codes.
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError((error as Error).message);
    }
    throw error;
  }
}

/**
 * The command line is quiet unless asked: `info` is also the settings' default, and the CLI's
 * info lines (which storage it opened) would drown its own output, so `info` is read as `warn`.
 */
function cliLogLevel(config: AppConfig): string {
  return config.logLevel === 'info' ? 'warn' : config.logLevel;
}

function printFailure(stderr: CliStream, error: unknown, config: AppConfig): void {
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`Error: ${message}\n`);
  const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';
  if (verbose && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
}

async function closeStores(
  opened: Promise<OpenStores> | undefined,
  log: ReturnType<typeof createLogger>,
): Promise<void> {
  if (!opened) return;
  try {
    await (await opened).close();
  } catch (error) {
    // Opening failed (already reported), or the embedded emulator did not stop cleanly.
    log.debug({ err: error }, 'closing storage failed');
  }
}
