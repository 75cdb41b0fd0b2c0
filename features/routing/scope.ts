import type { Group } from '../../core/group';
import type { Meeting } from '../../core/meeting';
import type {
  BindingStore,
  ConversationBinding,
  GroupStore,
  MeetingStore,
} from '../../core/stores';
import type { Turn } from './turn';

/** The group (and meeting) a conversation is bound to, as the caller's tenant may see it. */
export type Scope =
  | { readonly kind: 'unbound' }
  | { readonly kind: 'group'; readonly group: Group; readonly binding: ConversationBinding }
  | {
      readonly kind: 'meeting';
      readonly group: Group;
      readonly meeting: Meeting;
      readonly binding: ConversationBinding;
    };

export const UNBOUND: Scope = { kind: 'unbound' };

/**
 * True when the caller's tenant may see the group. A group belongs to the tenant that set it up;
 * one imported from the command line without a tenant is claimed by the first set-up in Teams.
 */
export function isVisibleTo(group: Group, turn: Pick<Turn, 'tenantId'>): boolean {
  return group.tenantId === undefined || group.tenantId === turn.tenantId;
}

export interface ScopeStores {
  readonly bindings: BindingStore;
  readonly groups: GroupStore & MeetingStore;
}

/**
 * The conversation's scope, from its binding only: never from anything a card or a message says.
 * A binding to a group of another tenant is treated as no binding at all.
 */
export async function resolveScope(stores: ScopeStores, turn: Turn): Promise<Scope> {
  const binding = await stores.bindings.getBinding(turn.conversationId);
  if (!binding) return UNBOUND;
  const [group, meeting] = await Promise.all([
    stores.groups.getGroup(binding.groupCode),
    binding.meetingNumber !== undefined
      ? stores.groups.getMeeting(binding.groupCode, binding.meetingNumber)
      : stores.groups.listMeetings(binding.groupCode).then((meetings) => meetings.at(-1)),
  ]);
  if (!group || !isVisibleTo(group, turn)) return UNBOUND;
  return meeting ? { kind: 'meeting', group, meeting, binding } : { kind: 'group', group, binding };
}

/** True when this request comes from the meeting chat bound to the scope's meeting. */
export function isBoundMeetingChat(scope: Scope, turn: Turn): boolean {
  return (
    scope.kind === 'meeting' &&
    turn.kind === 'meetingChat' &&
    scope.binding.meetingNumber === scope.meeting.number &&
    scope.meeting.chatConversationId === turn.conversationId &&
    (!scope.meeting.teamsMeetingId || scope.meeting.teamsMeetingId === turn.teamsMeetingId)
  );
}

/** The group of a scope the front door checked is bound (routes with `needs` beyond `nothing`). */
export function boundGroup(scope: Scope): Group {
  if (scope.kind === 'unbound') throw new Error('the front door lets only bound requests here');
  return scope.group;
}

/** The meeting of a scope the front door checked has one (routes that need `meeting`). */
export function boundMeeting(scope: Scope): { readonly group: Group; readonly meeting: Meeting } {
  if (scope.kind !== 'meeting')
    throw new Error('the front door lets only requests with a meeting here');
  return scope;
}
