import type { Action } from '../../core/action';
import type { ActionService, MeetingContext } from '../../core/action-service';
import type { Person } from '../../core/person';

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
