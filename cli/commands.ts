import type { CliCommand } from './cli-command';
import { exportCommand } from './commands/export-command';
import { importCommand } from './commands/import-command';
import { peopleCommand } from './commands/people-command';
import { pruneCommand } from './commands/prune-command';
import { reportCommand } from './commands/report-command';
import { sweepCommand } from './commands/sweep-command';

/** Every command, in the order `help` lists them. A new command is one file and one line here. */
export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  reportCommand,
  exportCommand,
  sweepCommand,
  peopleCommand,
  pruneCommand,
];
