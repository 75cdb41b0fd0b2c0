import { z } from 'zod';
import type { ActionService } from '../../core/action-service';
import { DISCUSSION_FORM_FIELDS, validateDiscussionDraft } from '../../core/discussion-item';
import { CARD_VERBS } from '../../cards/card-verbs';
import { buildDiscussionFormCard } from '../../cards/discussion-form-card';
import { buildDiscussionItemCard } from '../../cards/discussion-item-card';
import { cardAnswer } from '../routing/answer';
import { formData, typedValues } from '../routing/payloads';
import { cardRoute, commandRoute, type FeatureRoutes } from '../routing/route';
import { boundMeeting } from '../routing/scope';

/** Key discussion items: the `discuss` form and its submit. */
export function discussionRoutes(service: ActionService): FeatureRoutes {
  return {
    commands: [
      commandRoute({
        command: 'discuss',
        payload: z.string(),
        needs: 'meeting',
        changes: false,
        run: async ({ scope }) => {
          const meeting = boundMeeting(scope);
          return cardAnswer(
            buildDiscussionFormCard({
              meetingCode: meeting.meeting.code,
              areasInMeeting: await service.areasInMeeting(meeting),
            }),
          );
        },
      }),
    ],
    cards: [
      cardRoute({
        verb: CARD_VERBS.addDiscussion,
        payload: formData,
        needs: 'meeting',
        changes: true,
        run: async ({ scope, payload, turn, knownActor }) => {
          const meeting = boundMeeting(scope);
          const draft = validateDiscussionDraft(payload);
          if (!draft.ok) {
            return {
              card: buildDiscussionFormCard({
                values: typedValues(payload, DISCUSSION_FORM_FIELDS),
                errors: draft.errors,
                meetingCode: meeting.meeting.code,
              }),
              unchanged: true,
            };
          }
          const item = await service.addDiscussionItem(meeting, draft.value, knownActor);
          const card = buildDiscussionItemCard(item, { notice: `Added by ${turn.person.name}` });
          return { card, forEveryone: card };
        },
        refused: ({ message, field, raw, scope }) =>
          cardAnswer(
            buildDiscussionFormCard({
              values: typedValues(raw, DISCUSSION_FORM_FIELDS),
              ...(field && (DISCUSSION_FORM_FIELDS as readonly string[]).includes(field)
                ? { errors: { [field]: message } }
                : { message }),
              ...(scope?.kind === 'meeting' ? { meetingCode: scope.meeting.code } : {}),
            }),
          ),
      }),
    ],
  };
}
