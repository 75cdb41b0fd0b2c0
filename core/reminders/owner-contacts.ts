import type { Owner, TeamsUserRef } from '../owner';
import type { DirectoryEntry } from '../people/directory';

/**
 * The people behind an owner, as the group's directory knows them, for reminders: a Teams user
 * picked in the form is matched to their entry by Entra object id (or Teams id); a typed owner
 * (`Ofgem (Andy MacFaul)`, `Chris Welby`) by name, accents and case ignored, the organisation
 * deciding between two people of one name. An owner naming several people
 * (`Programme (Andrew Margan, PMO)`) yields each one found. A name two entries share is never
 * guessed: it is reported as ambiguous.
 */
export interface OwnerContacts {
  /** Teams users picked for the owner, each with their directory entry when there is one. */
  readonly users: ReadonlyArray<{ readonly user: TeamsUserRef; readonly entry?: DirectoryEntry }>;
  /** Directory entries a typed owner's name matched. */
  readonly entries: readonly DirectoryEntry[];
  /** Names that matched more than one entry. */
  readonly ambiguous: readonly string[];
}

export function ownerContacts(owner: Owner, people: readonly DirectoryEntry[]): OwnerContacts {
  const picked = owner.teamsUsers ?? [];
  if (picked.length > 0) {
    return {
      users: picked.map((user) => {
        const entry = people.find(
          (candidate) =>
            (!!user.aadObjectId && candidate.aadObjectId === user.aadObjectId) ||
            (!!candidate.teamsUserId && candidate.teamsUserId === user.id),
        );
        return entry ? { user, entry } : { user };
      }),
      entries: [],
      ambiguous: [],
    };
  }
  const entries: DirectoryEntry[] = [];
  const ambiguous: string[] = [];
  for (const name of namesIn(owner)) {
    const found = matchName(name, owner.organisation, people);
    if (found.length === 1) entries.push(found[0]!);
    else if (found.length > 1) ambiguous.push(name);
  }
  return { users: [], entries, ambiguous };
}

/** Folds accents, case and spacing: `Zoë  Lefèvre` and `zoe lefevre` are one name. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// `Programme (Andrew Margan, PMO)`, `Programme (Jason Brogden /PMO)`: each part may be a person.
function namesIn(owner: Owner): string[] {
  const text = owner.person ?? owner.display;
  return text
    .split(/\s*(?:[,/&;]|\band\b)\s*/i)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function matchName(
  name: string,
  organisation: string | undefined,
  people: readonly DirectoryEntry[],
): DirectoryEntry[] {
  const wanted = normaliseName(name);
  const byName = people.filter((entry) => normaliseName(entry.name) === wanted);
  if (byName.length <= 1 || !organisation) return byName;
  const org = normaliseName(organisation);
  const byOrganisation = byName.filter(
    (entry) => !!entry.organisation && normaliseName(entry.organisation) === org,
  );
  return byOrganisation.length > 0 ? byOrganisation : byName;
}
