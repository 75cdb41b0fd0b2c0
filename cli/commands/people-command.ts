import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseGroupCode } from '../../core/action-ref';
import { NotFoundError, ValidationError } from '../../core/errors';
import type { Group } from '../../core/group';
import { mergeImportedEntry } from '../../core/people/directory-changes';
import { directoryCsvLines, parseDirectoryCsv } from '../../core/people/directory-csv';
import type { OpenStores } from '../../host/open-stores';
import {
  EXIT_CODES,
  UsageError,
  optionText,
  type CliCommand,
  type CliContext,
  type CommandArgs,
  type ExitCode,
} from '../cli-command';
import { openLineSink } from '../command-output';
import { rejectedFile } from '../line-errors';

type PeopleInput =
  | { readonly action: 'import'; readonly file: string; readonly groupCode?: string }
  | { readonly action: 'export'; readonly out?: string; readonly groupCode?: string };

/**
 * `people import <file.csv>` and `people export`: a group's directory of people as CSV
 * (`name,organisation,email`, optionally `aadObjectId` and `guest`), which typed owners resolve
 * against and reminders use to reach people by Teams or e-mail. `--group <code>` names the group
 * when there is more than one.
 *
 * The import checks the whole file first: one bad line and nothing is written. It then adds
 * new people and updates those it knows (by e-mail, else by name and organisation); an empty
 * cell keeps what is stored. Importing the same file again changes nothing, and says so.
 */
export const peopleCommand: CliCommand = {
  name: 'people',
  usage: 'import <file.csv> [--group <code>] | export [--group <code>] [--out <file>]',
  summary:
    "import or export a group's directory of people as CSV (name,organisation,email[,aadObjectId,guest])",
  options: { group: { type: 'string' }, out: { type: 'string' } },
  prepare(args: CommandArgs) {
    const input = peopleInput(args);
    return (context) =>
      input.action === 'import' ? runImport(input, context) : runExport(input, context);
  },
};

function peopleInput(args: CommandArgs): PeopleInput {
  const [action, ...rest] = args.positionals;
  const group = optionText(args, 'group');
  const out = optionText(args, 'out');
  const groupCode = group === undefined ? undefined : groupCodeOf(group);
  const withGroup = groupCode === undefined ? {} : { groupCode };
  if (action === 'import') {
    const [file, surplus] = rest;
    if (file === undefined) throw new UsageError('missing <file.csv>');
    if (surplus !== undefined) throw new UsageError(`unexpected argument "${surplus}"`);
    if (out !== undefined) throw new UsageError('--out is for people export');
    return { action, file, ...withGroup };
  }
  if (action === 'export') {
    if (rest[0] !== undefined) throw new UsageError(`unexpected argument "${rest[0]}"`);
    return { action, ...withGroup, ...(out !== undefined ? { out } : {}) };
  }
  if (action === undefined) throw new UsageError('say import or export');
  throw new UsageError(`"${action}" is not a people command: say import or export`);
}

function groupCodeOf(text: string): string {
  try {
    return parseGroupCode(text);
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(`--group: ${error.message}`);
    throw error;
  }
}

async function runImport(
  input: Extract<PeopleInput, { action: 'import' }>,
  context: CliContext,
): Promise<ExitCode> {
  const text = await readFile(path.resolve(context.cwd, input.file), 'utf8');
  const parsed = parseDirectoryCsv(text);
  if (!parsed.ok) return rejectedFile(context, input.file, parsed.errors);

  const stores = await context.stores();
  const group = await chooseGroup(stores, input.groupCode, context);
  if (typeof group === 'number') return group;
  const stored = await stores.people.listPeople(group.code);
  const entries = parsed.people.map((person) => mergeImportedEntry(stored, person.entry));
  const { added, changed } = await stores.people.savePeople(group.code, entries);
  const present = entries.length - added - changed;
  const lines = [
    `Imported ${input.file} into the people of ${group.code}:`,
    `${peopleCount(added)} added, ${changed} changed, ${present} already present`,
  ];
  if (added + changed === 0) {
    lines.push('Nothing changed: everyone in the file is in the directory already.');
  }
  for (const line of lines) context.stdout.write(`${line}\n`);
  return EXIT_CODES.ok;
}

async function runExport(
  input: Extract<PeopleInput, { action: 'export' }>,
  context: CliContext,
): Promise<ExitCode> {
  const stores = await context.stores();
  const group = await chooseGroup(stores, input.groupCode, context);
  if (typeof group === 'number') return group;
  const entries = await stores.people.listPeople(group.code);
  const sink = await openLineSink(context, input.out);
  try {
    for (const line of directoryCsvLines(entries)) await sink.writeLine(line);
  } finally {
    await sink.close();
  }
  const summary = `Exported ${peopleCount(entries.length)} of ${group.code}${sink.file ? ` to ${sink.file}` : ''}\n`;
  // With the CSV on stdout, the summary goes to stderr so the file stays clean for a pipe.
  (sink.file ? context.stdout : context.stderr).write(summary);
  return EXIT_CODES.ok;
}

/**
 * The group named by `--group`, or the only group there is. Several groups and no `--group` is
 * a usage error (exit 2) that lists them.
 *
 * @throws NotFoundError when the named group, or any group, does not exist.
 */
async function chooseGroup(
  stores: OpenStores,
  code: string | undefined,
  context: CliContext,
): Promise<Group | ExitCode> {
  if (code !== undefined) {
    const group = await stores.groups.getGroup(code);
    if (group) return group;
    const known = (await stores.groups.listGroups()).map((each) => each.code);
    throw new NotFoundError(
      `There is no group ${code}${known.length > 0 ? `; the groups are ${known.join(', ')}` : ''}.`,
    );
  }
  const groups = await stores.groups.listGroups();
  const [only] = groups;
  if (only && groups.length === 1) return only;
  if (!only) {
    throw new NotFoundError(
      'There is no group yet: import a report first (npm run cli -- import <file>), or set one up in Teams.',
    );
  }
  context.stderr.write(
    `people: there are ${groups.length} groups (${groups.map((group) => group.code).join(', ')}): name one with --group <code>.\n`,
  );
  return EXIT_CODES.usage;
}

function peopleCount(n: number): string {
  return `${n} ${n === 1 ? 'person' : 'people'}`;
}
