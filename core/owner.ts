import { ValidationError } from './errors';
import { checkPerson, isSamePerson, type Person } from './person';
import { TEXT_RULES, checkText } from './text-rules';

/** A Teams user behind an owner, for @mentions and reminders in personal chat. */
export interface TeamsUserRef {
  readonly id: string;
  readonly aadObjectId?: string;
  readonly name: string;
}

/**
 * One owner of an action as the report shows it: `Programme (Justin Andrews)`, `Chris Welby`,
 * `Code bodies`. `organisation` and `person` are filled only for the `Organisation (Person)` form;
 * a bare name may be a person or a body and is left as `display` alone.
 */
export interface Owner {
  readonly display: string;
  readonly organisation?: string;
  readonly person?: string;
  /** The Teams users this owner stands for, where known; an owner without one is reminded in the channel. */
  readonly teamsUsers?: readonly TeamsUserRef[];
}

const SEPARATOR = ', ';
const ORGANISATION_AND_PERSON = /^([^()]*?)\s*\((.*)\)$/s;

/**
 * Reads an owners text such as `Ofgem (Andy MacFaul), Programme (Andrew Margan)`. Owners are
 * separated by commas outside brackets: `Programme (Andrew Margan, PMO)` is one owner.
 * White space around the whole text and around each owner is dropped; nothing else changes,
 * so {@link formatOwners} prints back the text as typed.
 *
 * @throws ValidationError (field `owner`) when the text is empty, too long, holds control
 *   characters or line breaks, or names an empty owner (`A, , B`).
 */
export function parseOwners(text: string): Owner[] {
  const checked = checkText(text, TEXT_RULES.owner);
  return splitOutsideBrackets(checked).map((part) => {
    const display = part.trim();
    if (display === '') {
      throw new ValidationError('Owner has an empty name between commas.', 'owner');
    }
    return ownerFromDisplay(display);
  });
}

/** Prints owners as the report shows them, joined by `, `. */
export function formatOwners(owners: readonly Owner[]): string {
  return owners.map((owner) => owner.display).join(SEPARATOR);
}

/**
 * Checks owners that arrive already split (from the people picker, storage or an import) and
 * keeps the Teams users attached to them. A display may hold a comma here (`Welby, Chris` is how
 * many directories name people), because it is not read back from text.
 *
 * @throws ValidationError (field `owner`) when there is no owner, a display is empty or unusable,
 *   the owners together are longer than the owner limit, or a Teams user lacks an id or name.
 */
export function checkOwners(owners: readonly Owner[]): Owner[] {
  if (!Array.isArray(owners) || owners.length === 0) {
    throw new ValidationError('Owner is required.', 'owner');
  }
  const checked = owners.map((owner: Owner): Owner => {
    const display = checkText(owner?.display, TEXT_RULES.owner);
    const teamsUsers = (owner.teamsUsers ?? []).map((user: TeamsUserRef) =>
      checkPerson(user, 'owner'),
    );
    const parsed = ownerFromDisplay(display);
    return teamsUsers.length > 0 ? { ...parsed, teamsUsers } : parsed;
  });
  checkText(formatOwners(checked), TEXT_RULES.owner);
  return checked;
}

/** A person picked with the Teams people picker, as the conversation's roster knows them. */
export interface PickedPerson {
  /** The bot-facing Teams id (`29:…`), for mentions and reminders. */
  readonly id: string;
  readonly name: string;
  /** Their organisation, when known (e.g. from the group's directory): shown `Ofgem (Name)`. */
  readonly organisation?: string;
}

/**
 * Finds a picked person by their Entra object id (what the people picker sends); undefined when
 * the conversation's members, as the caller knows them, hold nobody with that id.
 */
export type PickedPersonLookup = (aadObjectId: string) => PickedPerson | undefined;

/** The most people one owner field may pick; a committee action has a handful at most. */
export const MAX_PICKED_PEOPLE = 20;

// An Entra object id is a GUID; anything else in the picker's value is forged or stale.
const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the people picker's value: the Entra object ids of the people picked, comma separated
 * (`"6b1f…,0c2e…"`), in the order picked, each once. Empty means nobody was picked.
 *
 * @throws ValidationError (field `field`, default `people`) for a value that is not text, an id
 *   that is not an object id, or more than {@link MAX_PICKED_PEOPLE} people.
 */
export function parsePickedPeople(value: unknown, field = 'people'): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string')
    throw new ValidationError('People must be a list of people.', field);
  const ids = value
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== '');
  const unique = [...new Set(ids)];
  if (unique.some((id) => !OBJECT_ID.test(id))) {
    throw new ValidationError('The people picked could not be read; pick them again.', field);
  }
  if (unique.length > MAX_PICKED_PEOPLE) {
    throw new ValidationError(
      `Pick at most ${MAX_PICKED_PEOPLE} people; ${unique.length} were picked.`,
      field,
    );
  }
  return unique;
}

/**
 * The owners of an owner field and a people picker used together: the typed owners as typed,
 * then each picked person. A picked person whom a typed owner already names (`Ofgem (Andy
 * MacFaul)` and Andy MacFaul picked) is attached to that owner, so the report keeps the typed
 * text and the owner gets the person's ids; anyone else becomes an owner of their own, shown
 * `Organisation (Name)` when their organisation is known, else by name. Names are compared
 * ignoring case, accents and spacing.
 *
 * @throws ValidationError (field `field`, default `people`) when a picked person is unknown to
 *   `lookup`, and (field `owner`) when the owners together are not valid.
 */
export function combineOwners(
  typed: readonly Owner[],
  pickedIds: readonly string[],
  lookup: PickedPersonLookup,
  field = 'people',
): Owner[] {
  const owners = [...typed];
  const unknown: string[] = [];
  for (const aadObjectId of pickedIds) {
    const person = lookup(aadObjectId);
    if (!person) {
      unknown.push(aadObjectId);
      continue;
    }
    const user: TeamsUserRef = { id: person.id, aadObjectId, name: person.name };
    if (
      owners.some((owner) => (owner.teamsUsers ?? []).some((known) => isSamePerson(known, user)))
    ) {
      continue;
    }
    const named = owners.findIndex((owner) => namesPerson(owner, person.name));
    const existing = owners[named];
    if (existing) {
      owners[named] = { ...existing, teamsUsers: [...(existing.teamsUsers ?? []), user] };
    } else {
      const organisation = person.organisation?.trim();
      const name = person.name.trim();
      owners.push({
        ...ownerFromDisplay(organisation ? `${organisation} (${name})` : name),
        teamsUsers: [user],
      });
    }
  }
  if (unknown.length > 0) {
    throw new ValidationError(
      unknown.length === 1
        ? 'One person picked is not a member of this conversation as far as the bot can tell; ' +
            'type their name under Owner instead.'
        : `${unknown.length} people picked are not members of this conversation as far as the ` +
            'bot can tell; type their names under Owner instead.',
      field,
    );
  }
  return checkOwners(owners);
}

/** The ids of an owner field and its people picker, as a form names them. */
export interface OwnerInputFields {
  readonly owner: string;
  readonly people: string;
}

/**
 * Reads an owner field (free text, e.g. `Code bodies, Ofgem (Andy MacFaul)`) and its people
 * picker together; either may be empty, not both. Without a `lookup` (a surface that cannot
 * name the members) a picked person is refused rather than dropped.
 *
 * @throws ValidationError on the owner field, or on the picker's field for the picked people.
 */
export function readOwnerInputs(
  raw: Readonly<Record<string, unknown>>,
  fields: OwnerInputFields,
  lookup: PickedPersonLookup | undefined,
): Owner[] {
  const text = raw[fields.owner];
  if (text !== undefined && text !== null && typeof text !== 'string') {
    throw new ValidationError('Owner must be text.', fields.owner);
  }
  const picked = parsePickedPeople(raw[fields.people], fields.people);
  const typed = (text ?? '').trim() === '' ? [] : parseOwnersAt(text ?? '', fields.owner);
  if (typed.length === 0 && picked.length === 0) {
    throw new ValidationError(
      'Name at least one owner, or pick people in this chat.',
      fields.owner,
    );
  }
  if (picked.length === 0) return typed;
  if (!lookup) {
    throw new ValidationError(
      'People picked here cannot be looked up; type their names under Owner instead.',
      fields.people,
    );
  }
  return combineOwners(typed, picked, lookup, fields.people);
}

/** The owner that stands for one Teams user, shown by their name. */
export function ownerForTeamsUser(user: TeamsUserRef): Owner {
  return { ...ownerFromDisplay(user.name.trim()), teamsUsers: [user] };
}

/** True when `person` is one of the Teams users behind any of the owners. */
export function isOwnedBy(
  owners: readonly Owner[],
  person: Pick<Person, 'id' | 'aadObjectId'>,
): boolean {
  return owners.some((owner) =>
    (owner.teamsUsers ?? []).some((user) => isSamePerson(user, person)),
  );
}

/** True when both lists show the same owners backed by the same Teams users. */
export function sameOwners(a: readonly Owner[], b: readonly Owner[]): boolean {
  if (formatOwners(a) !== formatOwners(b) || a.length !== b.length) return false;
  return a.every((owner, index) => {
    const left = (owner.teamsUsers ?? []).map((user) => user.id).join('\n');
    const right = (b[index]?.teamsUsers ?? []).map((user) => user.id).join('\n');
    return left === right;
  });
}

// parseOwners reports on `owner`; a form whose owner input has another id gets its own.
function parseOwnersAt(text: string, field: string): Owner[] {
  try {
    return parseOwners(text);
  } catch (error) {
    if (error instanceof ValidationError && field !== 'owner') {
      throw new ValidationError(error.message, field);
    }
    throw error;
  }
}

function namesPerson(owner: Owner, name: string): boolean {
  const wanted = comparableName(name);
  return (owner.person ?? owner.display)
    .split(/\s*[,/]\s*/)
    .some((part) => comparableName(part) === wanted);
}

// "Zoë Lefèvre" and "zoe  lefevre" name the same person.
function comparableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function ownerFromDisplay(display: string): Owner {
  const match = ORGANISATION_AND_PERSON.exec(display);
  const organisation = match?.[1]?.trim();
  const person = match?.[2]?.trim();
  if (!organisation || !person) return { display };
  return { display, organisation, person };
}

// Commas inside brackets belong to the person: `Programme (Andrew Margan, PMO)`. An unmatched
// `(` therefore keeps the rest of the text as one owner, which still prints back unchanged.
function splitOutsideBrackets(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === '(') depth++;
    else if (character === ')') depth = Math.max(0, depth - 1);
    else if (character === ',' && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * Attaches the conversation's members whose name matches an owner's person (`Programme (Justin
 * Andrews)` → Justin Andrews) or whole name (`Chris Welby`), so they can be mentioned, reminded
 * and allowed to update. Owners that match nobody (`Code bodies`) stay text.
 */
export function attachTeamsUsers(
  owners: readonly Owner[],
  members: readonly TeamsUserRef[],
): Owner[] {
  if (members.length === 0) return [...owners];
  return owners.map((owner) => {
    if (owner.teamsUsers && owner.teamsUsers.length > 0) return owner;
    const names = (owner.person ?? owner.display).split(/\s*[,/]\s*/).map(normaliseName);
    const matched = members.filter((member) => names.includes(normaliseName(member.name)));
    return matched.length > 0 ? { ...owner, teamsUsers: matched } : owner;
  });
}

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
