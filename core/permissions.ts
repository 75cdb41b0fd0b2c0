import type { Action } from './action';
import { PermissionDeniedError } from './errors';
import { isOwnedBy } from './owner';
import { isSamePerson, type Person } from './person';

/** Someone asking to do something, and whether they chair the group or this meeting. */
export interface Actor {
  readonly person: Person;
  /** Meeting organizer, co-organizer, or a chair named for the group. */
  readonly isChair: boolean;
}

/** Operations anyone in the conversation may do. */
export type MemberOperation = 'addAction' | 'addDiscussion';

/** Operations on one action. */
export type ActionOperation =
  | 'addUpdate'
  | 'changeDueDate'
  | 'markDone'
  | 'reopen'
  | 'cancel'
  | 'editText'
  | 'changeArea'
  | 'changeOwners';

export type Operation = MemberOperation | ActionOperation;

type Role = 'owner' | 'creator' | 'chair';

// Owners do the work, so they report on it; the creator wrote the action, so may also reword it;
// only chairs cancel, since cancelling closes an action without it being done.
const ALLOWED: Record<ActionOperation, readonly Role[]> = {
  addUpdate: ['owner', 'creator', 'chair'],
  changeDueDate: ['owner', 'creator', 'chair'],
  markDone: ['owner', 'creator', 'chair'],
  reopen: ['owner', 'creator', 'chair'],
  cancel: ['chair'],
  editText: ['creator', 'chair'],
  changeArea: ['creator', 'chair'],
  changeOwners: ['creator', 'chair'],
};

const DOING: Record<ActionOperation, (ref: string) => string> = {
  addUpdate: (ref) => `add an update to ${ref}`,
  changeDueDate: (ref) => `change the due date of ${ref}`,
  markDone: (ref) => `mark ${ref} done`,
  reopen: (ref) => `reopen ${ref}`,
  cancel: (ref) => `cancel ${ref}`,
  editText: (ref) => `edit the text of ${ref}`,
  changeArea: (ref) => `change the area of ${ref}`,
  changeOwners: (ref) => `change the owners of ${ref}`,
};

/** True when the actor may do `operation` (to `action`, for an operation on an action). */
export function may(actor: Actor, operation: MemberOperation): boolean;
export function may(actor: Actor, operation: ActionOperation, action: Action): boolean;
export function may(actor: Actor, operation: Operation, action?: Action): boolean {
  if (operation === 'addAction' || operation === 'addDiscussion') return true;
  if (!action) return false;
  const allowed = rolesFor(operation, action);
  return (
    (actor.isChair && allowed.includes('chair')) ||
    (allowed.includes('creator') && isSamePerson(action.createdBy, actor.person)) ||
    (allowed.includes('owner') && isOwnedBy(action.owners, actor.person))
  );
}

/**
 * Refuses an operation the actor may not do, saying who may.
 *
 * @throws PermissionDeniedError e.g. "Only the group's chairs may cancel CCAG03-04."
 */
export function assertMay(actor: Actor, operation: MemberOperation): void;
export function assertMay(actor: Actor, operation: ActionOperation, action: Action): void;
export function assertMay(actor: Actor, operation: Operation, action?: Action): void {
  if (operation === 'addAction' || operation === 'addDiscussion') return;
  if (!action)
    throw new PermissionDeniedError(`Which action? Give its ref to ${DOING[operation]('it')}.`);
  if (may(actor, operation, action)) return;
  throw new PermissionDeniedError(
    `Only ${describe(rolesFor(operation, action), action)} may ${DOING[operation](action.ref)}.`,
  );
}

// A cancelled action was closed by a chair, so only a chair brings it back.
function rolesFor(operation: ActionOperation, action: Action): readonly Role[] {
  if (operation === 'reopen' && action.state === 'cancelled') return ['chair'];
  return ALLOWED[operation];
}

function describe(roles: readonly Role[], action: Action): string {
  const names = roles.map((role) => {
    switch (role) {
      case 'owner': {
        const users = action.owners.flatMap((owner) => owner.teamsUsers ?? []);
        return users.length > 0
          ? `its owners (${users.map((user) => user.name).join(', ')})`
          : 'its owners';
      }
      case 'creator':
        return `its creator (${action.createdBy.name})`;
      case 'chair':
        return "the group's chairs";
    }
  });
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
