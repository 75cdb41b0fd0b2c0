import type { Action } from '../../core/action';
import type { ActionService, MeetingContext } from '../../core/action-service';
import { NotFoundError } from '../../core/errors';
import { formatMeetingCode } from '../../core/action-ref';
import { meetingNumberForCode } from '../../core/meeting';
import type { Person } from '../../core/person';
import { NO_MEETING_REPLY } from '../routing/front-door';
import type { Scope } from '../routing/scope';

/** The list commands, which list cards send back when paging. */
export const LIST_FILTERS = ['list', 'open', 'mine', 'overdue'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];

export function isListFilter(value: unknown): value is ListFilter {
  return typeof value === 'string' && (LIST_FILTERS as readonly string[]).includes(value);
}

export interface ActionListing {
  readonly title: string;
  readonly actions: readonly Action[];
  readonly emptyText: string;
}

/** What a list command shows in a conversation's context. */
export async function listActions(
  service: ActionService,
  context: MeetingContext,
  filter: ListFilter,
  person: Person,
): Promise<ActionListing> {
  const { group, meeting } = context;
  switch (filter) {
    case 'list':
      return {
        title: `Actions of ${meeting.code}${meeting.title ? ` — ${meeting.title}` : ''}`,
        actions: await service.listMeetingActions(context),
        emptyText: `No actions in ${meeting.code} yet. Type "add" to add one.`,
      };
    case 'open':
      return {
        title: `Open actions of ${group.code}`,
        actions: await service.listOpenActions(group),
        emptyText: `${group.code} has no open actions.`,
      };
    case 'mine':
      return {
        title: `Your open actions in ${group.code}`,
        actions: await service.listMine(group, person),
        emptyText: `You own no open actions in ${group.code}.`,
      };
    case 'overdue':
      return {
        title: `Overdue actions of ${group.code}`,
        actions: await service.listOverdue(group),
        emptyText: `${group.code} has no overdue actions.`,
      };
  }
}

/**
 * The meeting a list is about: the one a `list <meeting code>` names (of the conversation's
 * group only), the one a paging button carries, else the conversation's own.
 *
 * @throws ValidationError for a code that is not a meeting of the group; NotFoundError for a
 *   meeting the group does not have, or a conversation with no meeting yet.
 */
export async function meetingForListing(
  service: ActionService,
  scope: Exclude<Scope, { kind: 'unbound' }>,
  argument: string,
  meetingNumber?: number,
): Promise<MeetingContext> {
  const { group } = scope;
  const named = argument
    ? meetingNumberForCode(argument, group.code)
    : (meetingNumber ?? (scope.kind === 'meeting' ? scope.meeting.number : undefined));
  if (named === undefined) throw new NotFoundError(NO_MEETING_REPLY);
  if (scope.kind === 'meeting' && named === scope.meeting.number) return scope;
  const found = await service.meetingOf(group, named);
  if (!found) {
    throw new NotFoundError(
      `${group.code} has no meeting ${formatMeetingCode(group.code, named)}. Type "list" for the current one.`,
    );
  }
  return found;
}

/** Personal chat, bound to no group: the caller's open actions in every group of their tenant. */
export async function listMineEverywhere(
  service: ActionService,
  tenantId: string,
  person: Person,
): Promise<ActionListing> {
  const groups = await service.groupsOfTenant(tenantId);
  const mine = (await Promise.all(groups.map((group) => service.listMine(group, person)))).flat();
  return {
    title: 'Your open actions',
    actions: mine,
    emptyText: 'You own no open actions in any group.',
  };
}
