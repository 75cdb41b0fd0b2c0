import type { ParseArgsConfig } from 'node:util';
import type { AppConfig } from '../host/config';
import type { Logger } from '../host/logger';
import type { OpenStores } from '../host/open-stores';

/** What the command line exits with: 0 done, 1 failed (bad input, storage), 2 usage error. */
export const EXIT_CODES = { ok: 0, failed: 1, usage: 2 } as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Where the command line writes: `process.stdout` / `process.stderr`, or a capture in tests. */
export interface CliStream {
  write(chunk: string | Uint8Array): unknown;
}

/** The arguments after the command's name, as `node:util` parseArgs read them. */
export interface CommandArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/** What a command runs with. */
export interface CliContext {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  readonly config: AppConfig;
  readonly log: Logger;
  readonly now: () => Date;
  /** The folder relative paths (`--out`, an import's file) are resolved against. */
  readonly cwd: string;
  /** Opens storage on first call (the same stores thereafter); the command line closes it. */
  stores(): Promise<OpenStores>;
}

/** The work a command does once its arguments are checked. */
export type CommandRun = (context: CliContext) => Promise<ExitCode>;

/**
 * One command of the command line. `prepare` checks the arguments before anything is opened, so
 * a usage error never starts storage; the work it returns is then run with the context.
 */
export interface CliCommand {
  readonly name: string;
  /** The arguments as the usage shows them, e.g. `<file> [--format tsv|csv]`. */
  readonly usage: string;
  /** One line saying what the command does. */
  readonly summary: string;
  /** The command's options, in `node:util` parseArgs form. */
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** @throws UsageError for missing or malformed arguments. */
  prepare(args: CommandArgs): CommandRun;
}

/** The command was called wrongly; the command line prints the message and the usage, exit 2. */
export class UsageError extends Error {
  readonly code = 'Usage';

  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A string option's value, or undefined when it was not given. */
export function optionText(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A time option (`--now 2022-03-30T09:00:00Z`), or undefined when it was not given.
 * @throws UsageError when it is not a time.
 */
export function optionTime(args: CommandArgs, name: string): Date | undefined {
  const text = optionText(args, name);
  if (text === undefined) return undefined;
  const time = new Date(text);
  if (Number.isNaN(time.getTime())) {
    throw new UsageError(`--${name} "${text}" is not a time like 2022-03-30T09:00:00Z`);
  }
  return time;
}

/**
 * The command's positional arguments, exactly `names.length` of them.
 * @throws UsageError naming the first missing one, or the surplus.
 */
export function positionalArgs(args: CommandArgs, names: readonly string[]): string[] {
  const missing = names[args.positionals.length];
  if (missing !== undefined) throw new UsageError(`missing ${missing}`);
  if (args.positionals.length > names.length) {
    throw new UsageError(`unexpected argument "${args.positionals[names.length] ?? ''}"`);
  }
  return [...args.positionals];
}
