import * as z from 'zod';
import { ACTION_FORM_FIELDS } from '../../core/action-form';
import type { ActionService } from '../../core/action-service';
import { TEXT_LIMITS } from '../../core/text-rules';
import { buildActionFormCard } from '../../cards/action-form-card';
import { CARD_VERBS } from '../../cards/card-verbs';
import { cardAnswer } from '../routing/answer';
import { formData, typedValues } from '../routing/payloads';
import { cardRoute, type CardRoute } from '../routing/route';
import { actionForm, sharedActionCard } from './action-card-view';
import { addActionFromForm } from './add-action';

export const CREATE_ACTION_DIALOG_TITLE = 'Create action';

/** The message "Create action" was chosen on, as teams/ reads it from the invoke. */
export const createActionPrefill = z.object({
  text: z.string().transform((text) => text.slice(0, TEXT_LIMITS.actionText)),
  author: z.string().transform((name) => name.trim().slice(0, TEXT_LIMITS.owner)),
});

/**
 * "Create action" on a chat message: the action form in a dialog, prefilled with the message's
 * text and its author as the suggested owner; submitting it adds the action with the same use
 * case as the form card in chat, closes the dialog and posts the action card in the conversation.
 */
export function createActionRoutes(service: ActionService): {
  readonly open: CardRoute;
  readonly submit: CardRoute;
} {
  return {
    open: cardRoute({
      verb: CARD_VERBS.addAction,
      payload: createActionPrefill,
      needs: 'nothing',
      changes: false,
      run: async ({ payload, scope }) => {
        const values = {
          ...(payload.text ? { text: payload.text } : {}),
          ...(payload.author ? { owner: payload.author } : {}),
        };
        return cardAnswer(await actionForm(service, scope, values));
      },
    }),
    submit: cardRoute({
      verb: CARD_VERBS.addAction,
      payload: formData,
      needs: 'nothing',
      changes: true,
      run: async (request) => {
        const outcome = await addActionFromForm(service, request);
        if (outcome.kind === 'invalid') {
          return {
            card: buildActionFormCard({
              values: typedValues(request.payload, ACTION_FORM_FIELDS),
              errors: outcome.errors,
              meeting: outcome.context
                ? { code: outcome.context.meeting.code }
                : { needsSetup: true },
            }),
            unchanged: true,
          };
        }
        const card = sharedActionCard(outcome.action, outcome.context.group, {
          now: request.now,
          notice: `Added by ${request.turn.person.name}`,
        });
        return {
          card,
          closesDialog: true,
          ...(outcome.linkOwners
            ? { afterAnswer: async () => void (await outcome.linkOwners?.()) }
            : {}),
        };
      },
      refused: ({ message, raw, scope }) =>
        cardAnswer(
          buildActionFormCard({
            values: typedValues(raw, ACTION_FORM_FIELDS),
            message,
            meeting:
              scope?.kind === 'meeting' ? { code: scope.meeting.code } : { needsSetup: true },
          }),
        ),
    }),
  };
}
