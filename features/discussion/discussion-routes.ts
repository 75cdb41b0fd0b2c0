import * as z from 'zod';
import type { ActionService } from '../../core/action-service';
import {
  deleteDiscussionItem,
  DISCUSSION_FORM_FIELDS,
  editDiscussionItem,
  mayChangeDiscussionItem,
  readDiscussionItemKey,
  validateDiscussionDraft,
  type DiscussionItem,
} from '../../core/discussion-item';
import { isGroupChair, type Group } from '../../core/group';
import type { Actor } from '../../core/permissions';
import { CARD_VERBS, type CardVerb } from '../../cards/card-verbs';
import { buildDiscussionFormCard } from '../../cards/discussion-form-card';
import { buildDiscussionItemCard, DISCUSSION_CARD_INPUTS } from '../../cards/discussion-item-card';
import { withActor } from '../actions/action-routes';
import { cardAnswer, type Answer } from '../routing/answer';
import { errorAnswer } from '../routing/front-door';
import { formData, inputText, textValue, typedValues } from '../routing/payloads';
import {
  cardRoute,
  commandRoute,
  type FeatureRoutes,
  type Refusal,
  type RouteRequest,
} from '../routing/route';
import { boundGroup, boundMeeting } from '../routing/scope';

/** Key discussion items: the `discuss` form, its submit, and the item card's Edit and Delete. */
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
        run: async ({ scope, payload, turn, knownActor, operationId }) => {
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
          const item = await service.addDiscussionItem(
            meeting,
            draft.value,
            knownActor,
            operationId ? { operationId } : {},
          );
          const notice = `Added by ${turn.person.name}`;
          return itemAnswer(item, meeting.group, knownActor, notice);
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
      changeRoute(
        service,
        CARD_VERBS.editDiscussion,
        'Edited',
        (payload) => (item, actor, now) =>
          editDiscussionItem(
            item,
            {
              area: textValue(payload[DISCUSSION_CARD_INPUTS.editArea]),
              text: textValue(payload[DISCUSSION_CARD_INPUTS.editText]),
            },
            actor,
            now,
          ),
      ),
      changeRoute(
        service,
        CARD_VERBS.deleteDiscussion,
        'Deleted',
        (payload) => (item, actor, now) =>
          deleteDiscussionItem(
            item,
            actor,
            now,
            textValue(payload[DISCUSSION_CARD_INPUTS.deleteReason]) || undefined,
          ),
      ),
    ],
  };
}

/** The item card's buttons: `{ meetingCode, order }` (read by core) and the small forms' inputs. */
const itemButton = z.looseObject({
  meetingCode: z.string({ error: 'must name a meeting' }).max(40),
  order: z.union([z.number(), z.string().max(6)], { error: 'must name an item' }),
  [DISCUSSION_CARD_INPUTS.editArea]: inputText,
  [DISCUSSION_CARD_INPUTS.editText]: inputText,
  [DISCUSSION_CARD_INPUTS.deleteReason]: inputText,
});

type ItemButton = z.infer<typeof itemButton>;

type ItemChange = (item: DiscussionItem, actor: Actor, now: Date) => DiscussionItem;

/**
 * Edit or Delete on an item card. The item must be of the conversation's own group (a card can be
 * forged or come from elsewhere); who may change it is checked against the item as stored.
 */
function changeRoute(
  service: ActionService,
  verb: CardVerb,
  said: string,
  change: (payload: ItemButton) => ItemChange,
) {
  return cardRoute({
    verb,
    payload: itemButton,
    needs: 'group',
    changes: true,
    run: async (request: RouteRequest<ItemButton>) => {
      const group = boundGroup(request.scope);
      const key = readDiscussionItemKey(request.payload);
      const apply = change(request.payload);
      const { action: item, actor } = await withActor(request, (actor) =>
        service.changeDiscussionItem(
          group,
          key,
          (current, now) => apply(current, actor, now),
          request.operationId ? { operationId: request.operationId } : {},
        ),
      );
      return itemAnswer(item, group, actor, `${said} by ${request.turn.person.name}`);
    },
    refused: (refusal) => itemCardWithError(service, refusal),
  });
}

/**
 * The item card: the one who asked gets the buttons they may use; everyone else's card offers
 * Edit and Delete, which answer anyone else with the reason (the server checks every change).
 */
function itemAnswer(item: DiscussionItem, group: Group, actor: Actor, notice: string): Answer {
  const view = { notice, timeZone: group.timeZone };
  return {
    card: buildDiscussionItemCard(item, {
      ...view,
      viewer: { canChange: mayChangeDiscussionItem(actor, item) },
    }),
    forEveryone: buildDiscussionItemCard(item, { ...view, viewer: { canChange: true } }),
  };
}

/** The item card again with the reason on it and what was typed kept; an error card without it. */
async function itemCardWithError(service: ActionService, refusal: Refusal): Promise<Answer> {
  const scope = refusal.scope;
  if (!scope || scope.kind === 'unbound') return errorAnswer(refusal.message);
  try {
    const raw = (
      typeof refusal.raw === 'object' && refusal.raw !== null ? refusal.raw : {}
    ) as Record<string, unknown>;
    const item = await service.getDiscussionItem(scope.group, readDiscussionItemKey(raw));
    const actor = {
      person: refusal.turn.person,
      isChair: isGroupChair(scope.group, refusal.turn.person),
    };
    return cardAnswer(
      buildDiscussionItemCard(item, {
        viewer: { canChange: mayChangeDiscussionItem(actor, item) },
        error: refusal.message,
        values: typedValues(raw, Object.values(DISCUSSION_CARD_INPUTS)),
        timeZone: scope.group.timeZone,
      }),
    );
  } catch {
    return errorAnswer(refusal.message);
  }
}
