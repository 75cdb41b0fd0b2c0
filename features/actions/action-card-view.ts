import type { Action } from '../../core/action';
import type { ActionFormField } from '../../core/action-form';
import type { ActionService } from '../../core/action-service';
import { buildActionFormCard } from '../../cards/action-form-card';
import type { Scope } from '../routing/scope';
import type { Group } from '../../core/group';
import { CLI_PERSON } from '../../core/person';
import { may, type Actor } from '../../core/permissions';
import {
  buildActionCard,
  type ActionCardOptions,
  type ActionCardViewer,
} from '../../cards/action-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';

type ViewOptions = Pick<
  ActionCardOptions,
  'notice' | 'error' | 'values' | 'meetingTitle' | 'addAnother'
> & {
  readonly now: Date;
};

/**
 * The action card as one person may act on it. Teams refreshes the card for its owners, creator
 * and the group's chairs, so each of them sees their own buttons (Cancel only for chairs).
 */
export function actionCardFor(
  action: Action,
  group: Group,
  actor: Actor,
  options: ViewOptions,
): AdaptiveCard {
  return buildActionCard(action, {
    ...options,
    timeZone: group.timeZone,
    refreshUserIds: refreshUsersOf(action, group),
    viewer: viewerOf(action, actor),
  });
}

/** Which of the action card's buttons this person may use, by the domain's permissions. */
export function viewerOf(action: Action, actor: Actor): ActionCardViewer {
  return {
    canUpdate: may(actor, 'markDone', action) || may(actor, 'addUpdate', action),
    canCancel: may(actor, 'cancel', action),
    canReopen: may(actor, 'reopen', action),
    canEdit: may(actor, 'editText', action),
  };
}

/**
 * The card everyone in the conversation sees until their own refresh: the everyday buttons, no
 * Cancel. Buttons a person may not use answer with the reason (permissions are checked on the
 * server for every change, whatever a card shows).
 */
export function sharedActionCard(action: Action, group: Group, options: ViewOptions): AdaptiveCard {
  return buildActionCard(action, {
    ...options,
    timeZone: group.timeZone,
    refreshUserIds: refreshUsersOf(action, group),
    viewer: { canUpdate: true, canCancel: false, canReopen: action.state === 'done' },
  });
}

function refreshUsersOf(action: Action, group: Group): string[] {
  const ids = [
    ...action.owners.flatMap((owner) => (owner.teamsUsers ?? []).map((user) => user.id)),
    action.createdBy.id,
    ...group.chairs.map((chair) => chair.id),
  ];
  return [...new Set(ids.filter((id) => id !== CLI_PERSON.id))];
}

/** The action form for the conversation's meeting, or asking which meeting when it has none. */
export async function actionForm(
  service: ActionService,
  scope: Scope,
  values: Partial<Record<ActionFormField, string>>,
  options: { readonly message?: string } = {},
) {
  if (scope.kind === 'meeting') {
    return buildActionFormCard({
      values,
      areasInMeeting: await service.areasInMeeting(scope),
      meeting: { code: scope.meeting.code },
      ...options,
    });
  }
  return buildActionFormCard({
    values,
    ...options,
    meeting: {
      needsSetup: true,
      ...(scope.kind === 'group' ? { groupCode: scope.group.code } : {}),
    },
  });
}
