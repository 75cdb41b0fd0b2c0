import type { Action } from '../../core/action';
import { validateActionDraft } from '../../core/action-form';
import { parseGroupCode } from '../../core/action-ref';
import type { ActionService, MeetingContext } from '../../core/action-service';
import { ValidationError } from '../../core/errors';
import { FieldCollector, type FieldErrors } from '../../core/form-result';
import { parseMeetingNumber } from '../../core/meeting';
import { attachTeamsUsers } from '../../core/owner';
import { DEFAULT_TIME_ZONE } from '../../core/time-zone';
import type { MeetingSetupField } from '../../cards/action-form-card';
import type { ActionFormField } from '../../core/action-form';
import type { RouteRequest } from '../routing/route';

/** What adding an action from the form came to. */
export type AddActionOutcome =
  | {
      readonly kind: 'added';
      readonly action: Action;
      readonly context: MeetingContext;
      /** Attaches Teams users to owners once the roster is read (when it was not cached). */
      readonly linkOwners?: () => Promise<Action>;
    }
  | {
      readonly kind: 'invalid';
      readonly errors: FieldErrors<ActionFormField | MeetingSetupField>;
      readonly context?: MeetingContext;
    };

/**
 * Adds an action from the action form's data — the form card in chat and the message
 * extension's dialog both come here. In a conversation with no meeting the form's group code and
 * meeting number set the meeting up first (with the set-up rules of ActionService.setUpMeeting).
 * Owners are matched to the conversation's members from the cached roster, so no call to Teams
 * delays the answer; when the roster was not cached, `linkOwners` does it afterwards.
 */
export async function addActionFromForm(
  service: ActionService,
  request: RouteRequest<Readonly<Record<string, unknown>>>,
): Promise<AddActionOutcome> {
  const { scope, turn, payload, teams } = request;
  const existing =
    scope.kind === 'meeting' ? { group: scope.group, meeting: scope.meeting } : undefined;
  // Picked people need names: from the cached roster, or (picked into a cold cache) read now.
  const picked = typeof payload.people === 'string' && payload.people.trim() !== '';
  const members = teams.cachedRoster() ?? (picked ? await teams.roster() : []);
  const draft = validateActionDraft(payload, {
    timeZone:
      existing?.group.timeZone ??
      (scope.kind === 'group' ? scope.group.timeZone : DEFAULT_TIME_ZONE),
    now: request.now,
    lookupPerson: (aadObjectId) => {
      const member = members.find((candidate) => candidate.aadObjectId === aadObjectId);
      return member ? { id: member.id, name: member.name, aadObjectId } : undefined;
    },
  });
  const setup = existing ? undefined : readMeetingSetup(payload);
  if (!draft.ok || (setup && !setup.ok)) {
    return {
      kind: 'invalid',
      errors: { ...(draft.ok ? {} : draft.errors), ...(setup && !setup.ok ? setup.errors : {}) },
      ...(existing ? { context: existing } : {}),
    };
  }
  const context =
    existing ??
    (await service.setUpMeeting({
      conversationId: turn.conversationId,
      tenantId: turn.tenantId,
      person: turn.person,
      groupCode: setup?.ok ? setup.value.groupCode : '',
      meetingNumber: setup?.ok ? setup.value.meetingNumber : 0,
      meetingChat: turn.kind === 'meetingChat',
      ...(turn.teamsMeetingId ? { teamsMeetingId: turn.teamsMeetingId } : {}),
      ...(turn.homeChannel ? { homeChannel: turn.homeChannel } : {}),
      ...(scope.kind !== 'unbound' ? { boundGroupCode: scope.group.code } : {}),
    }));
  const cached = teams.cachedRoster();
  const owners = attachTeamsUsers(draft.value.owners, cached ?? []);
  const action = await service.addAction(context, { ...draft.value, owners }, request.knownActor, {
    ...(request.operationId ? { operationId: request.operationId } : {}),
  });
  return {
    kind: 'added',
    action,
    context,
    ...(cached
      ? {}
      : {
          linkOwners: async () =>
            service.linkOwners(context.group, action.ref, await teams.roster()),
        }),
  };
}

/** The group code and meeting number the action form asks for when no meeting is set up. */
function readMeetingSetup(data: Readonly<Record<string, unknown>>) {
  const fields = new FieldCollector<MeetingSetupField>();
  const groupCode = fields.check('groupCode', () =>
    parseGroupCode(typeof data.groupCode === 'string' ? data.groupCode : '', 'groupCode'),
  );
  const meetingNumber = fields.check('meetingNumber', () => {
    try {
      return parseMeetingNumber(data.meetingNumber, groupCode);
    } catch (error) {
      if (error instanceof ValidationError)
        throw new ValidationError(error.message, 'meetingNumber');
      throw error;
    }
  });
  return fields.result(() => ({ groupCode: groupCode ?? '', meetingNumber: meetingNumber ?? 0 }));
}
