import type { CliContext, ExitCode } from './cli-command';
import { EXIT_CODES } from './cli-command';
import { counted } from './counted';

/** A line of an imported file that was refused, and why. */
export interface RejectedLine {
  readonly line: number;
  readonly reason: string;
}

/**
 * Prints every refused line (`line 4: …`) and that nothing was imported, on stderr; exit 1.
 * An import that finds one bad line writes nothing, so the administrator fixes the file and runs
 * the same command again.
 */
export function rejectedFile(
  context: CliContext,
  file: string,
  errors: readonly RejectedLine[],
): ExitCode {
  for (const error of errors) context.stderr.write(`line ${error.line}: ${error.reason}\n`);
  const lines = new Set(errors.map((error) => error.line)).size;
  context.stderr.write(
    `Nothing was imported: ${counted(lines, 'line')} of ${file} ${lines === 1 ? 'was' : 'were'} rejected.\n`,
  );
  return EXIT_CODES.failed;
}
