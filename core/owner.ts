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
