import type { Owner } from '../owner';
import type { DirectoryEntry } from './directory';
import { personKey } from './directory-entry';
import { foldName, sameName } from './name-matching';

/** A person of the directory an owner names. */
export interface ResolvedPerson {
  readonly entry: DirectoryEntry;
  /** The name (or picked Teams user, or e-mail) as the owner gave it. */
  readonly typed: string;
  /**
   * Whether the owner's organisation is the directory's for this person: `false` when the
   * owner says `Ofgem (Zoë Lefèvre)` and the directory has her at Elexon (one person of that name,
   * so it is her, but the chair may want to correct one or the other); `undefined` when the owner
   * names no organisation, or the person was picked in Teams.
   */
  readonly organisationMatches?: boolean;
}

/** A name that more than one person of the directory has. */
export interface AmbiguousName {
  readonly typed: string;
  /** Everyone it could be, in directory order. */
  readonly candidates: readonly DirectoryEntry[];
}

/**
 * What an owner stands for in the directory:
 * - `resolved`: one or more people (`Programme (Andrew Margan, PMO)` names Andrew Margan; the
 *   role PMO names no one and is ignored).
 * - `ambiguous`: a name matches several people and the organisation does not settle it. The
 *   candidates are shown to the chair; the app never guesses. `people` holds those the owner
 *   names unambiguously besides.
 * - `noPerson`: a body such as `Code bodies`, or names nobody in the directory has.
 *   `reason` is `organisation` when the text is (or starts with) an organisation of the directory.
 *
 * Every variant lists, in `unmatched`, the names typed that matched no one.
 */
export type OwnerResolution =
  | {
      readonly status: 'resolved';
      readonly owner: Owner;
      readonly people: readonly ResolvedPerson[];
      readonly unmatched: readonly string[];
    }
  | {
      readonly status: 'ambiguous';
      readonly owner: Owner;
      readonly ambiguous: readonly AmbiguousName[];
      readonly people: readonly ResolvedPerson[];
      readonly unmatched: readonly string[];
    }
  | {
      readonly status: 'noPerson';
      readonly owner: Owner;
      readonly reason: 'organisation' | 'notInDirectory';
      readonly unmatched: readonly string[];
    };

// Inside the brackets several people or roles may be listed: `Andrew Margan, PMO`,
// `Jason Brogden /PMO`, `Ada Lovelace & Grace Hopper`.
const NAME_SEPARATOR = /\s*(?:[,/&;+]|\band\b)\s*/i;

/**
 * Looks an owner up in the directory. Names are compared with accents, case and spacing ignored
 * (`Ofgem (zoe lefevre)` finds Zoë Lefèvre); the organisation is used to tell apart people of one
 * name. A Teams user picked for the owner is found by their Entra object id or Teams id, whatever
 * the text says. An owner's text may also be an e-mail address of the directory.
 */
export function resolveOwner(owner: Owner, directory: readonly DirectoryEntry[]): OwnerResolution {
  const found = new Map<string, ResolvedPerson>();
  const ambiguous: AmbiguousName[] = [];
  const unmatched: string[] = [];
  const add = (person: ResolvedPerson): void => {
    const key = personKey(person.entry);
    if (!found.has(key)) found.set(key, person);
  };

  // A picked user's name in the text is not "unmatched" once the pick has found them.
  const pickedNames = new Set<string>();
  for (const user of owner.teamsUsers ?? []) {
    const entry = directory.find(
      (each) =>
        (user.aadObjectId !== undefined &&
          user.aadObjectId !== '' &&
          each.aadObjectId?.toLowerCase() === user.aadObjectId.toLowerCase()) ||
        (each.teamsUserId !== undefined && each.teamsUserId === user.id),
    );
    if (!entry) continue;
    add({ entry, typed: user.name });
    pickedNames.add(foldName(user.name));
  }

  for (const typed of typedNames(owner, directory)) {
    if (pickedNames.has(foldName(typed))) continue;
    const match = matchName(typed, owner.organisation, directory);
    if (match.kind === 'one') add(match.person);
    else if (match.kind === 'several') ambiguous.push({ typed, candidates: match.candidates });
    else unmatched.push(typed);
  }

  const people = [...found.values()];
  if (ambiguous.length > 0) return { status: 'ambiguous', owner, ambiguous, people, unmatched };
  if (people.length > 0) return { status: 'resolved', owner, people, unmatched };
  const organisation = owner.organisation ?? owner.display;
  const isOrganisation = directory.some((entry) => sameName(entry.organisation, organisation));
  return {
    status: 'noPerson',
    owner,
    reason: isOrganisation ? 'organisation' : 'notInDirectory',
    unmatched,
  };
}

/** {@link resolveOwner} for each owner of an action, in order. */
export function resolveOwners(
  owners: readonly Owner[],
  directory: readonly DirectoryEntry[],
): OwnerResolution[] {
  return owners.map((owner) => resolveOwner(owner, directory));
}

/**
 * One line for the chair (the `people` card, a dry run), e.g.
 * `Ofgem (Zoë Lefèvre): Zoë Lefèvre, Ofgem, zoe.lefevre@ofgem.gov.uk` or
 * `Chris Welby: Chris Welby could be Chris Welby (Elexon) or Chris Welby (Ofgem); write the
 * organisation too, e.g. Elexon (Chris Welby)`.
 */
export function describeOwnerResolution(resolution: OwnerResolution): string {
  const display = resolution.owner.display;
  switch (resolution.status) {
    case 'resolved':
      return `${display}: ${resolution.people.map(describePerson).join('; ')}`;
    case 'ambiguous': {
      const choices = resolution.ambiguous.map((name) => {
        const options = name.candidates.map(describeCandidate);
        return `${name.typed} could be ${joinOr(options)}; ${howToChoose(name)}`;
      });
      const sure = resolution.people.map(describePerson);
      return `${display}: ${[...choices, ...sure].join('; ')}`;
    }
    case 'noPerson':
      if (resolution.unmatched.length > 0 && resolution.owner.person !== undefined) {
        return `${display}: nobody in the directory is called ${joinOr(resolution.unmatched)}`;
      }
      return resolution.reason === 'organisation'
        ? `${display}: an organisation, no person named`
        : `${display}: nobody in the directory`;
  }
}

type NameMatch =
  | { readonly kind: 'one'; readonly person: ResolvedPerson }
  | { readonly kind: 'several'; readonly candidates: readonly DirectoryEntry[] }
  | { readonly kind: 'none' };

function matchName(
  typed: string,
  organisation: string | undefined,
  directory: readonly DirectoryEntry[],
): NameMatch {
  const byEmail = typed.includes('@')
    ? directory.filter((entry) => entry.email?.toLowerCase() === typed.toLowerCase())
    : [];
  const candidates =
    byEmail.length > 0 ? byEmail : directory.filter((entry) => sameName(entry.name, typed));
  const inOrganisation =
    organisation === undefined
      ? []
      : candidates.filter((entry) => sameName(entry.organisation, organisation));
  const [only] = candidates;
  if (only && candidates.length === 1) {
    return {
      kind: 'one',
      person: {
        entry: only,
        typed,
        ...(organisation !== undefined ? { organisationMatches: inOrganisation.length === 1 } : {}),
      },
    };
  }
  const [onlyThere] = inOrganisation;
  if (onlyThere && inOrganisation.length === 1) {
    return { kind: 'one', person: { entry: onlyThere, typed, organisationMatches: true } };
  }
  if (candidates.length > 1) {
    return { kind: 'several', candidates: inOrganisation.length > 1 ? inOrganisation : candidates };
  }
  return { kind: 'none' };
}

/**
 * The names an owner's text gives: the person in `Organisation (Person)`, or the whole text of a
 * bare owner; a list inside is split (`Andrew Margan, PMO` gives both) unless the whole is a name
 * of the directory.
 */
function typedNames(owner: Owner, directory: readonly DirectoryEntry[]): string[] {
  const text = (owner.person ?? owner.display).trim();
  if (text === '') return [];
  const whole = directory.some(
    (entry) => sameName(entry.name, text) || entry.email?.toLowerCase() === text.toLowerCase(),
  );
  if (whole) return [text];
  const parts = text.split(NAME_SEPARATOR).filter((part) => part.trim() !== '');
  return parts.length > 1 ? parts : [text];
}

function describePerson(person: ResolvedPerson): string {
  const { entry } = person;
  const parts = [entry.name, entry.organisation, entry.email].filter(
    (part): part is string => part !== undefined && part !== '',
  );
  const note =
    person.organisationMatches === false && entry.organisation
      ? ` (the directory has them at ${entry.organisation})`
      : '';
  return `${parts.join(', ')}${note}`;
}

function describeCandidate(entry: DirectoryEntry): string {
  const detail = entry.organisation ?? entry.email;
  return detail ? `${entry.name} (${detail})` : entry.name;
}

function howToChoose(name: AmbiguousName): string {
  const organisations = new Set(name.candidates.map((entry) => foldName(entry.organisation ?? '')));
  const [first] = name.candidates;
  if (first?.organisation && organisations.size === name.candidates.length) {
    return `write the organisation too, e.g. ${first.organisation} (${name.typed})`;
  }
  return 'pick the person in Teams, or write their e-mail address';
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
