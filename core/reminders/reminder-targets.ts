import type { Action } from '../action';
import type { DirectoryEntry } from '../people/directory';
import { normaliseName, ownerContacts } from './owner-contacts';

/** A person's Teams identity, as far as it is known: the bot-facing id, the Entra object id. */
export interface TeamsIdentity {
  /** `29:…`; '' when only the Entra object id is known (from the directory). */
  readonly id: string;
  readonly aadObjectId?: string;
}

/**
 * Who a reminder goes to. Each person behind an owner is a target of their own, reached as far
 * as their Teams identity and e-mail address allow; an owner with no person found (`Code bodies`,
 * a name the directory does not know) is listed in the group's channel digest; `chairs` stands
 * for the group's chairs, who see the actions whose owners are no longer reminded.
 */
export type ReminderTarget =
  | {
      readonly kind: 'person';
      readonly key: string;
      readonly name: string;
      readonly teams?: TeamsIdentity;
      readonly email?: string;
    }
  | {
      readonly kind: 'body';
      readonly key: string;
      readonly display: string;
      readonly groupCode: string;
      /** Why no person was found, for the dry run. */
      readonly why: string;
    }
  | { readonly kind: 'chairs'; readonly key: string; readonly groupCode: string };

/**
 * The targets of an action, each once (an owner named twice is reminded once). Keys stay stable
 * across sweeps: a Teams user by Entra object id (else Teams id), a directory person by e-mail
 * (else name), a body by its text.
 */
export function reminderTargets(
  action: Pick<Action, 'owners' | 'groupCode'>,
  people: readonly DirectoryEntry[] = [],
): ReminderTarget[] {
  const targets = new Map<string, ReminderTarget>();
  const add = (target: ReminderTarget) => {
    if (!targets.has(target.key)) targets.set(target.key, target);
  };
  for (const owner of action.owners) {
    const contacts = ownerContacts(owner, people);
    for (const { user, entry } of contacts.users) {
      // The Entra object id is the same in every conversation; the 29: id is per bot.
      const aadObjectId = user.aadObjectId || entry?.aadObjectId;
      add({
        kind: 'person',
        key: `user:${user.aadObjectId || user.id}`,
        name: user.name,
        teams: { id: user.id, ...(aadObjectId ? { aadObjectId } : {}) },
        ...(entry?.email ? { email: entry.email } : {}),
      });
    }
    for (const entry of contacts.entries) add(personOf(entry, action.groupCode));
    if (contacts.users.length > 0 || contacts.entries.length > 0) continue;
    add({
      kind: 'body',
      key: `body:${action.groupCode}:${owner.display}`,
      display: owner.display,
      groupCode: action.groupCode,
      why:
        contacts.ambiguous.length > 0
          ? `more than one person in the directory is called ${contacts.ambiguous.join(', ')}`
          : 'no Teams user was picked and no one in the directory has that name',
    });
  }
  return [...targets.values()];
}

/** The chairs of a group, as the target of the actions whose owners are reminded no more. */
export function chairsTarget(groupCode: string): ReminderTarget {
  return { kind: 'chairs', key: `chairs:${groupCode}`, groupCode };
}

function personOf(entry: DirectoryEntry, groupCode: string): ReminderTarget {
  const teamsId = entry.teamsUserId ?? '';
  const teams =
    teamsId || entry.aadObjectId
      ? { id: teamsId, ...(entry.aadObjectId ? { aadObjectId: entry.aadObjectId } : {}) }
      : undefined;
  const key = entry.aadObjectId
    ? `user:${entry.aadObjectId}`
    : teamsId
      ? `user:${teamsId}`
      : entry.email
        ? `mail:${entry.email.toLowerCase()}`
        : `person:${groupCode}:${normaliseName(entry.name)}`;
  return {
    kind: 'person',
    key,
    name: entry.name,
    ...(teams ? { teams } : {}),
    ...(entry.email ? { email: entry.email } : {}),
  };
}

/** A target's name as a card shows it. */
export function targetName(target: ReminderTarget): string {
  switch (target.kind) {
    case 'person':
      return target.name;
    case 'body':
      return target.display;
    case 'chairs':
      return 'The chairs';
  }
}
