import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { latestUpdate, type Action } from '../../core/action';
import { parseActionRef, parseMeetingCode } from '../../core/action-ref';
import type { DiscussionItem } from '../../core/discussion-item';
import { formatDueDate, formatShortDate } from '../../core/due-date';
import type { Group } from '../../core/group';
import type { Meeting } from '../../core/meeting';
import { formatOwners } from '../../core/owner';
import { CLI_PERSON } from '../../core/person';
import { DEFAULT_TIME_ZONE } from '../../core/time-zone';
import {
  importedReportToDomain,
  parseReportImport,
  type ImportedDomain,
  type ImportedReport,
  type ReportImportFormat,
} from '../../documents/import/report-import';
import type { OpenStores } from '../../host/open-stores';
import {
  EXIT_CODES,
  UsageError,
  optionText,
  positionalArgs,
  type CliCommand,
  type CliContext,
  type CommandArgs,
  type ExitCode,
} from '../cli-command';
import { counted } from '../counted';
import { rejectedFile } from '../line-errors';

interface ImportInput {
  readonly file: string;
  readonly format?: ReportImportFormat;
  readonly groupName?: string;
  readonly tenantId?: string;
}

/**
 * `import <file>`: a headline report or action log (the seed's tab-separated layout, or CSV with
 * the same rows) into storage, keeping every ref, owner, due date and update.
 *
 * All or nothing, then idempotent: the whole file is checked before anything is opened, and one
 * bad line means nothing is written. Each record is then written only if it is not there yet
 * (group and meeting create-if-missing, each action and discussion item inserted at its own
 * ref or position in one transaction with its counter). So importing the same file again
 * changes nothing, and an import that storage interrupted is completed by running it again.
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage: '<file> [--format tsv|csv] [--group-name <name>] [--tenant <tenant id>]',
  summary: 'import a headline report or action log (tab-separated as the seed, or CSV)',
  options: {
    format: { type: 'string' },
    'group-name': { type: 'string' },
    tenant: { type: 'string' },
  },
  prepare(args: CommandArgs) {
    const [file = ''] = positionalArgs(args, ['<file>']);
    const format = optionText(args, 'format');
    if (format !== undefined && format !== 'tsv' && format !== 'csv') {
      throw new UsageError(`--format must be tsv or csv, not "${format}"`);
    }
    const groupName = optionText(args, 'group-name');
    const tenantId = optionText(args, 'tenant')?.trim();
    if (tenantId !== undefined && !/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(tenantId)) {
      throw new UsageError(
        `--tenant takes the Microsoft Entra tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47), not "${tenantId}"`,
      );
    }
    const input: ImportInput = {
      file,
      ...(format ? { format } : {}),
      ...(groupName !== undefined ? { groupName } : {}),
      ...(tenantId ? { tenantId: tenantId.toLowerCase() } : {}),
    };
    return (context) => runImport(input, context);
  },
};

async function runImport(input: ImportInput, context: CliContext): Promise<ExitCode> {
  const file = path.resolve(context.cwd, input.file);
  const text = await readFile(file, 'utf8');
  // A .csv file is CSV even when a cell holds a tab; otherwise a tab means the seed's layout.
  const format = input.format ?? (path.extname(file).toLowerCase() === '.csv' ? 'csv' : undefined);
  const parsed = parseReportImport(text, format ? { format } : {});
  if (!parsed.ok) return rejectedFile(context, input.file, parsed.errors);

  const stores = await context.stores();
  const existingGroup = await findGroup(stores, parsed.report);
  if (existingGroup?.tenantId && input.tenantId && existingGroup.tenantId !== input.tenantId) {
    context.stderr.write(
      `Group ${existingGroup.code} belongs to another tenant than ${input.tenantId}; nothing was imported.\n`,
    );
    return EXIT_CODES.failed;
  }
  // The file's meeting times are in the group's zone; a group already stored may have its own.
  let report = parsed.report;
  if (existingGroup && existingGroup.timeZone !== DEFAULT_TIME_ZONE) {
    const again = parseReportImport(text, {
      ...(format ? { format } : {}),
      timeZone: existingGroup.timeZone,
    });
    if (!again.ok) return rejectedFile(context, input.file, again.errors);
    report = again.report;
  }
  const imported = importedReportToDomain(report, CLI_PERSON, context.now(), {
    groupName: input.groupName ?? existingGroup?.name,
    timeZone: existingGroup?.timeZone,
  });
  // A new group belongs to the tenant named; without one, to whoever sets it up first in Teams.
  const domain = input.tenantId
    ? { ...imported, group: { ...imported.group, tenantId: input.tenantId } }
    : imported;

  const progress = new ImportProgress();
  try {
    await writeDomain(stores, domain, progress);
  } catch (error) {
    const done = progress.written();
    context.stderr.write(
      `The import stopped part-way (${counted(done, 'record')} written). Run the same import ` +
        'again to complete it: every record is written only when it is not there yet, so ' +
        'nothing is duplicated.\n',
    );
    throw error;
  }
  for (const line of progress.summary(input.file, domain.group)) context.stdout.write(`${line}\n`);
  if (existingGroup && !existingGroup.tenantId && input.tenantId) {
    context.stderr.write(
      `--tenant names the tenant of a group the import adds; ${existingGroup.code} was stored ` +
        'before, with no tenant, and keeps none.\n',
    );
  }
  if (!(existingGroup ?? domain.group).tenantId) {
    context.stdout.write(
      `Group ${domain.group.code} belongs to no tenant yet: the first person to set up one of its ` +
        'meetings in Teams, in any organisation, becomes its chair. Import with --tenant ' +
        '<tenant id> to keep it to yours.\n',
    );
  }
  return EXIT_CODES.ok;
}

/** The stored group the file is about, when there is one. */
async function findGroup(stores: OpenStores, report: ImportedReport): Promise<Group | undefined> {
  const code =
    parseMeetingCode(report.header.meetingCode ?? '')?.groupCode ??
    parseActionRef(report.actions[0]?.ref ?? '')?.groupCode;
  return code === undefined ? undefined : stores.groups.getGroup(code);
}

async function writeDomain(
  stores: OpenStores,
  domain: ImportedDomain,
  progress: ImportProgress,
): Promise<void> {
  const { group } = domain;
  const stored = await stores.groups.getGroup(group.code);
  if (stored) progress.note(`group ${group.code}: already present`);
  else {
    await stores.groups.createGroupIfMissing(group);
    progress.added(`group ${group.code}: added`);
  }
  if (stored && stored.name !== group.name) {
    progress.note(`  the stored name "${stored.name}" was kept (the file says "${group.name}")`);
  }

  for (const meeting of domain.meetings) await writeMeeting(stores, meeting, progress);
  const [reportMeeting] = domain.meetings;
  if (reportMeeting && domain.issueDate) {
    const recorded = await stores.groups.recordReportIssueDateIfMissing(
      group.code,
      reportMeeting.number,
      domain.issueDate,
    );
    if (recorded !== domain.issueDate) {
      progress.note(
        `  ${reportMeeting.code}'s report issue date stays ${formatShortDate(recorded)} ` +
          `(the file says ${formatShortDate(domain.issueDate)})`,
      );
    }
  }

  for (const meeting of domain.meetings) {
    const actions = domain.actions.filter((action) => action.meetingCode === meeting.code);
    if (actions.length > 0) await writeActions(stores, meeting, actions, progress);
    const items = domain.discussionItems.filter((item) => item.meetingCode === meeting.code);
    if (items.length > 0) await writeDiscussion(stores, meeting, items, progress);
  }
}

async function writeMeeting(
  stores: OpenStores,
  meeting: Meeting,
  progress: ImportProgress,
): Promise<void> {
  if (await stores.groups.getMeeting(meeting.groupCode, meeting.number)) {
    progress.note(`meeting ${meeting.code}: already present`);
    return;
  }
  await stores.groups.createMeetingIfMissing(meeting);
  progress.added(`meeting ${meeting.code}: added`);
}

async function writeActions(
  stores: OpenStores,
  meeting: Meeting,
  actions: readonly Action[],
  progress: ImportProgress,
): Promise<void> {
  const stored = new Map(
    (await stores.actions.listMeetingActions(meeting.groupCode, meeting.number)).map((action) => [
      action.ref,
      action,
    ]),
  );
  for (const action of actions) {
    const existing = stored.get(action.ref);
    if (existing === undefined && (await stores.actions.importAction(action))) {
      progress.count('action', 'added');
      continue;
    }
    progress.count('action', 'present');
    if (existing && !sameActionContent(existing, action)) progress.differs(action.ref);
  }
}

async function writeDiscussion(
  stores: OpenStores,
  meeting: Meeting,
  items: readonly DiscussionItem[],
  progress: ImportProgress,
): Promise<void> {
  const stored = new Set(
    (await stores.discussion.listDiscussionItems(meeting.groupCode, meeting.number)).map(
      (item) => item.order,
    ),
  );
  for (const item of items) {
    const added = !stored.has(item.order) && (await stores.discussion.importDiscussionItem(item));
    progress.count('discussion item', added ? 'added' : 'present');
  }
}

/** Whether a stored action says what the file says (the report's cells). */
function sameActionContent(stored: Action, imported: Action): boolean {
  return (
    stored.area === imported.area &&
    stored.text === imported.text &&
    formatOwners(stored.owners) === formatOwners(imported.owners) &&
    formatDueDate(stored.due) === formatDueDate(imported.due) &&
    latestUpdate(stored)?.text === latestUpdate(imported)?.text
  );
}

type RecordKind = 'action' | 'discussion item';

/** What the import wrote and found, for the summary and for a report of an interrupted run. */
class ImportProgress {
  private readonly lines: string[] = [];
  private readonly counts: Record<RecordKind, { added: number; present: number }> = {
    action: { added: 0, present: 0 },
    'discussion item': { added: 0, present: 0 },
  };
  private readonly differing: string[] = [];
  private addedRecords = 0;

  added(line: string): void {
    this.addedRecords += 1;
    this.lines.push(line);
  }

  note(line: string): void {
    this.lines.push(line);
  }

  count(kind: RecordKind, outcome: 'added' | 'present'): void {
    this.counts[kind][outcome] += 1;
    if (outcome === 'added') this.addedRecords += 1;
  }

  differs(ref: string): void {
    this.differing.push(ref);
  }

  written(): number {
    return this.addedRecords;
  }

  summary(file: string, group: Group): string[] {
    const lines = [`Imported ${file} into ${group.code}:`, ...this.lines];
    for (const kind of ['action', 'discussion item'] as const) {
      const { added, present } = this.counts[kind];
      if (added + present === 0) continue;
      lines.push(
        added === 0
          ? `${counted(present, kind)} already present, 0 added`
          : `${counted(added, kind)} added, ${present} already present`,
      );
    }
    if (this.differing.length > 0) {
      lines.push(
        `${this.differing.join(', ')}: stored with content other than the file's (changed ` +
          'since, or another action holds the ref); the stored version was kept',
      );
    }
    if (this.addedRecords === 0) lines.push('Nothing changed: the file was imported already.');
    return lines;
  }
}
