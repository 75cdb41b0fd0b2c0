import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CliContext, CliStream } from './cli-command';

/** Writes a whole document to `out` (resolved against the working folder); returns its path. */
export async function writeOutFile(
  context: CliContext,
  out: string,
  data: Buffer,
): Promise<string> {
  const file = path.resolve(context.cwd, out);
  await writeFile(file, data);
  return file;
}

/** Where a command writes its lines: a file named by `--out`, or stdout. */
export interface LineSink {
  writeLine(line: string): Promise<void>;
  /** The file written, or undefined for stdout. */
  readonly file?: string;
  close(): Promise<void>;
}

/**
 * Opens `out` for writing (replacing it), or stdout when `out` is undefined. Lines go out as they
 * come, so a large export never sits in memory whole.
 */
export async function openLineSink(
  context: CliContext,
  out: string | undefined,
): Promise<LineSink> {
  if (out === undefined) return streamSink(context.stdout);
  const file = path.resolve(context.cwd, out);
  const handle = await open(file, 'w');
  return {
    file,
    writeLine: async (line) => {
      await handle.write(`${line}\n`);
    },
    close: () => handle.close(),
  };
}

function streamSink(stream: CliStream): LineSink {
  return {
    writeLine: async (line) => {
      stream.write(`${line}\n`);
    },
    close: async () => {},
  };
}
