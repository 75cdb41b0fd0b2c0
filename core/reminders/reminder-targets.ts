import type { Action } from '../action';
import type { TeamsUserRef } from '../owner';

/**
 * Who a reminder goes to. Each Teams user behind an owner is a target of their own (in their
 * personal chat when the bot has one, else @mentioned in the group's channel); an owner with no
 * Teams user (`Code bodies`) is reminded in the group's channel by name.
 */
export type ReminderTarget =
  | { readonly kind: 'user'; readonly key: string; readonly user: TeamsUserRef }
  | {
      readonly kind: 'body';
      readonly key: string;
      readonly display: string;
      readonly groupCode: string;
    };

/** The targets of an action, each once (an owner named twice is reminded once). */
export function reminderTargets(action: Pick<Action, 'owners' | 'groupCode'>): ReminderTarget[] {
  const targets = new Map<string, ReminderTarget>();
  for (const owner of action.owners) {
    const users = owner.teamsUsers ?? [];
    if (users.length === 0) {
      const key = `body:${action.groupCode}:${owner.display}`;
      targets.set(key, { kind: 'body', key, display: owner.display, groupCode: action.groupCode });
      continue;
    }
    for (const user of users) {
      // The Entra object id is the same in every conversation; the 29: id is per bot.
      const key = `user:${user.aadObjectId || user.id}`;
      if (!targets.has(key)) targets.set(key, { kind: 'user', key, user });
    }
  }
  return [...targets.values()];
}

/** A target's name as a card shows it. */
export function targetName(target: ReminderTarget): string {
  return target.kind === 'user' ? target.user.name : target.display;
}
