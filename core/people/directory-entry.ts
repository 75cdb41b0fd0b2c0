import { ValidationError } from '../errors';
import { FieldCollector, type FormResult } from '../form-result';
import { TEXT_LIMITS, checkText } from '../text-rules';
import type { DirectoryEntry } from './directory';
import { foldName } from './name-matching';

/** The fields of a directory entry as the CSV columns and the people card's inputs name them. */
export const DIRECTORY_FIELDS = {
  name: 'name',
  organisation: 'organisation',
  email: 'email',
  aadObjectId: 'aadObjectId',
  guest: 'guest',
} as const;

/** A field a message can be about: one of {@link DIRECTORY_FIELDS}, or the Teams id the bot recorded. */
export type DirectoryField =
  (typeof DIRECTORY_FIELDS)[keyof typeof DIRECTORY_FIELDS] | 'teamsUserId';

/** A directory entry as typed or read from a file: every part still to be checked. */
export interface DirectoryEntryInput {
  readonly name?: unknown;
  readonly organisation?: unknown;
  readonly email?: unknown;
  readonly aadObjectId?: unknown;
  readonly teamsUserId?: unknown;
  /** `true`/`false`, or `yes`/`no`/`true`/`false` as text; empty means not a guest. */
  readonly guest?: unknown;
}

// RFC 5321 caps a forward path at 256 octets, so an address is at most 254 characters.
const MAX_EMAIL_LENGTH = 254;
const ORGANISATION_MAX_LENGTH = 200;
// Deliberately loose: one @, something on each side, a dot in the domain, nothing that would end
// an address in a header. Whether the mailbox exists only the mail server can say.
const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\.]+$/;
const ENTRA_OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0', '']);

/**
 * Checks one person for the directory and tidies it: surrounding spaces dropped, the Entra
 * object id lower-cased, empty optional parts left out, `guest` only when true.
 *
 * @throws ValidationError naming the first bad field (see {@link DIRECTORY_FIELDS}).
 */
export function checkDirectoryEntry(input: DirectoryEntryInput): DirectoryEntry {
  const result = readDirectoryEntry(input);
  if (result.ok) return result.value;
  const [field, message] = Object.entries(result.errors)[0] ?? [];
  throw new ValidationError(message ?? 'The person is invalid.', field);
}

/** Checks one person, reporting every bad field at once (for the people card's form). */
export function readDirectoryEntry(
  input: DirectoryEntryInput,
): FormResult<DirectoryEntry, DirectoryField> {
  const fields = new FieldCollector<DirectoryField>();
  const name = fields.check('name', () =>
    checkText(input.name, {
      field: 'name',
      label: 'Name',
      maxLength: TEXT_LIMITS.personName,
      required: true,
      multiline: false,
    }),
  );
  const organisation = fields.check('organisation', () =>
    checkText(input.organisation, {
      field: 'organisation',
      label: 'Organisation',
      maxLength: ORGANISATION_MAX_LENGTH,
      required: false,
      multiline: false,
    }),
  );
  const email = fields.check('email', () => checkEmail(input.email));
  const aadObjectId = fields.check('aadObjectId', () => checkEntraObjectId(input.aadObjectId));
  const guest = fields.check('guest', () => checkGuest(input.guest));
  const teamsUserId = fields.check('teamsUserId', () =>
    checkText(input.teamsUserId, {
      field: 'teamsUserId',
      label: "The person's Teams id",
      maxLength: TEXT_LIMITS.personId,
      required: false,
      multiline: false,
    }),
  );
  return fields.result(() => ({
    name: name ?? '',
    ...(organisation ? { organisation } : {}),
    ...(email ? { email } : {}),
    ...(aadObjectId ? { aadObjectId } : {}),
    ...(teamsUserId ? { teamsUserId } : {}),
    ...(guest ? { guest: true } : {}),
  }));
}

/**
 * The identity of an entry in the directory, as {@link DirectoryStore.savePeople} keys it: the
 * e-mail address (case ignored) when there is one, else the name and organisation (accents, case
 * and spacing ignored). Two entries with one key are one person.
 */
export function personKey(entry: Pick<DirectoryEntry, 'name' | 'organisation' | 'email'>): string {
  if (entry.email) return `email:${entry.email.trim().toLowerCase()}`;
  return nameKey(entry);
}

/** The key an entry has, or had before it was given an e-mail: its name and organisation. */
export function nameKey(entry: Pick<DirectoryEntry, 'name' | 'organisation'>): string {
  return `name:${foldName(entry.name)}|${foldName(entry.organisation ?? '')}`;
}

/** True when both entries say exactly the same things. */
export function sameEntry(a: DirectoryEntry, b: DirectoryEntry): boolean {
  return (
    a.name === b.name &&
    (a.organisation ?? '') === (b.organisation ?? '') &&
    (a.email ?? '') === (b.email ?? '') &&
    (a.aadObjectId ?? '') === (b.aadObjectId ?? '') &&
    (a.teamsUserId ?? '') === (b.teamsUserId ?? '') &&
    (a.guest ?? false) === (b.guest ?? false)
  );
}

/** Orders entries as the directory lists them: by name, then organisation, accents ignored. */
export function compareEntries(a: DirectoryEntry, b: DirectoryEntry): number {
  const byName = foldName(a.name).localeCompare(foldName(b.name), 'en-GB');
  if (byName !== 0) return byName;
  return foldName(a.organisation ?? '').localeCompare(foldName(b.organisation ?? ''), 'en-GB');
}

function checkEmail(value: unknown): string {
  const email = checkText(value, {
    field: 'email',
    label: 'E-mail',
    maxLength: MAX_EMAIL_LENGTH,
    required: false,
    multiline: false,
  });
  if (email !== '' && !EMAIL.test(email)) {
    throw new ValidationError(
      `E-mail "${email}" is not an e-mail address (such as zoe.lefevre@ofgem.gov.uk).`,
      'email',
    );
  }
  return email;
}

function checkEntraObjectId(value: unknown): string {
  const id = checkText(value, {
    field: 'aadObjectId',
    label: 'Teams user (Entra object id)',
    maxLength: 36,
    required: false,
    multiline: false,
  });
  if (id !== '' && !ENTRA_OBJECT_ID.test(id)) {
    throw new ValidationError(
      `"${id}" is not an Entra object id: it is a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301 ` +
        '(Entra admin centre → Users → the user → Object ID).',
      'aadObjectId',
    );
  }
  return id.toLowerCase();
}

function checkGuest(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (text !== undefined && YES.has(text)) return true;
  if (text !== undefined && NO.has(text)) return false;
  throw new ValidationError('Guest must be yes or no (or left empty for no).', 'guest');
}
