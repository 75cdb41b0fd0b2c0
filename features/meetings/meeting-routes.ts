import { DateTime } from 'luxon';
import * as z from 'zod';
import type { ActionService, MeetingContext } from '../../core/action-service';
import {
  MEETING_FORM_FIELDS,
  validateMeetingForm,
  type MeetingFormField,
} from '../../core/meeting';
import { DEFAULT_TIME_ZONE } from '../../core/time-zone';
import { CARD_VERBS } from '../../cards/card-verbs';
import { buildMeetingCard } from '../../cards/meeting-card';
import { buildMeetingFormCard } from '../../cards/meeting-form-card';
import { cardAnswer } from '../routing/answer';
import { formData, typedValues } from '../routing/payloads';
import { cardRoute, commandRoute, type FeatureRoutes, type RouteRequest } from '../routing/route';
import { isBoundMeetingChat, isVisibleTo, type Scope } from '../routing/scope';
import type { TeamsPort } from '../routing/turn';

/** `meeting`: the meeting form, and **Save meeting**, which sets the meeting up or edits it. */
export function meetingRoutes(service: ActionService): FeatureRoutes {
  return {
    commands: [
      commandRoute({
        command: 'meeting',
        payload: z.string(),
        needs: 'nothing',
        changes: false,
        run: async ({ scope, teams }) => {
          const group = scope.kind === 'unbound' ? undefined : scope.group;
          const values: Partial<Record<MeetingFormField, string>> =
            scope.kind === 'meeting'
              ? meetingFormValues(scope)
              : {
                  ...(group ? { groupCode: group.code, groupName: group.name } : {}),
                  ...(await teamsMeetingPrefill(teams, group?.timeZone ?? DEFAULT_TIME_ZONE)),
                };
          return cardAnswer(
            buildMeetingFormCard({
              values,
              requireGroupName: !group,
              ...(scope.kind === 'meeting' ? { editingMeetingCode: scope.meeting.code } : {}),
            }),
          );
        },
      }),
    ],
    cards: [
      cardRoute({
        verb: CARD_VERBS.saveMeeting,
        payload: formData,
        needs: 'nothing',
        changes: true,
        run: async (request) => {
          const { payload, turn, scope } = request;
          const groupCode =
            typeof payload.groupCode === 'string' ? payload.groupCode.trim().toUpperCase() : '';
          // Only a group the caller's tenant may see changes what the form asks for: whether a
          // code exists elsewhere must not show, not even by a field becoming optional.
          const found = groupCode ? await service.groupOfCode(groupCode) : undefined;
          const group = found && isVisibleTo(found, turn) ? found : undefined;
          const form = validateMeetingForm(payload, {
            requireGroupName: !group,
            timeZone: group?.timeZone ?? DEFAULT_TIME_ZONE,
          });
          if (!form.ok) {
            return {
              card: buildMeetingFormCard({
                values: typedValues(payload, MEETING_FORM_FIELDS),
                errors: form.errors,
                requireGroupName: !group,
              }),
              unchanged: true,
            };
          }
          const saved = await service.setUpMeeting({
            conversationId: turn.conversationId,
            tenantId: turn.tenantId,
            person: turn.person,
            groupCode: form.value.groupCode,
            meetingNumber: form.value.number,
            form: form.value,
            meetingChat: turn.kind === 'meetingChat',
            ...(turn.teamsMeetingId ? { teamsMeetingId: turn.teamsMeetingId } : {}),
            ...(turn.homeChannel ? { homeChannel: turn.homeChannel } : {}),
            ...(scope.kind !== 'unbound' ? { boundGroupCode: scope.group.code } : {}),
            organizerCountsAsChair: await organizerCountsAsChair(request, form.value.groupCode),
          });
          const card = buildMeetingCard(saved.meeting, {
            groupName: saved.group.name,
            timeZone: saved.group.timeZone,
            notice: `Saved by ${turn.person.name}`,
          });
          return { card, forEveryone: card };
        },
        refused: ({ message, raw, scope }) =>
          cardAnswer(
            buildMeetingFormCard({
              values: typedValues(raw, MEETING_FORM_FIELDS),
              requireGroupName: !hasGroup(scope),
              message,
            }),
          ),
      }),
    ],
  };
}

/** The organizer chairs only in the meeting chat bound to that group's meeting. */
async function organizerCountsAsChair(
  request: RouteRequest<unknown>,
  groupCode: string,
): Promise<boolean> {
  const { scope, turn } = request;
  if (scope.kind !== 'meeting' || scope.group.code !== groupCode) return false;
  if (!isBoundMeetingChat(scope, turn)) return false;
  return (await request.actor()).isChair;
}

function hasGroup(scope: Scope | undefined): boolean {
  return scope !== undefined && scope.kind !== 'unbound';
}

function meetingFormValues({
  group,
  meeting,
}: MeetingContext): Partial<Record<MeetingFormField, string>> {
  const start = meeting.start ? DateTime.fromISO(meeting.start).setZone(group.timeZone) : undefined;
  const end = meeting.end ? DateTime.fromISO(meeting.end).setZone(group.timeZone) : undefined;
  return {
    groupCode: group.code,
    groupName: group.name,
    number: String(meeting.number),
    ...(meeting.title ? { title: meeting.title } : {}),
    ...(start ? { date: start.toISODate() ?? '', startTime: start.toFormat('HH:mm') } : {}),
    ...(end ? { endTime: end.toFormat('HH:mm') } : {}),
    venue: meeting.venue,
    classification: meeting.classification,
  };
}

/** The Teams meeting's title and scheduled times, in a meeting chat; nothing elsewhere. */
async function teamsMeetingPrefill(
  teams: TeamsPort,
  timeZone: string,
): Promise<Partial<Record<MeetingFormField, string>>> {
  const details = await teams.meetingDetails();
  if (!details) return {};
  const start = details.start ? DateTime.fromJSDate(details.start).setZone(timeZone) : undefined;
  const end = details.end ? DateTime.fromJSDate(details.end).setZone(timeZone) : undefined;
  return {
    ...(details.title ? { title: details.title } : {}),
    ...(start?.isValid
      ? { date: start.toISODate() ?? '', startTime: start.toFormat('HH:mm') }
      : {}),
    ...(end?.isValid ? { endTime: end.toFormat('HH:mm') } : {}),
  };
}
