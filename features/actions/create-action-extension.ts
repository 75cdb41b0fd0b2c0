import {
  CardFactory,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
  type TurnContext,
} from 'botbuilder';
import type { ActionService } from '../../core/action-service';
import { TEXT_LIMITS } from '../../core/text-rules';
import { buildActionFormCard } from '../../cards/action-form-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { executeActionsOf } from '../../cards/card-nodes';
import { CARD_VERBS } from '../../cards/card-verbs';
import { CREATE_ACTION_COMMAND_ID } from '../../manifest/message-extension-commands';
import { sharedActionCard } from './action-card-view';
import type { CardActionHandlers } from './action-card-handlers';
import { userMessageFor } from '../../teams/failure';
import type { Logger } from '../../host/logger';
import { messageText } from '../../teams/message-text';
import { cardMessage } from '../../teams/responses';
import { turnInfoOf } from '../../teams/turn';

export const CREATE_ACTION_DIALOG_TITLE = 'Create action';

/**
 * Teams waits about 5 seconds for a message extension's answer. Posting the action card is the
 * last step; if the connector is slow it finishes after the dialog has been answered.
 */
export const POST_CARD_BUDGET_MS = 2500;

interface MessagePayload {
  readonly body?: { readonly contentType?: string; readonly content?: string };
  readonly from?: { readonly user?: { readonly displayName?: string } };
}

/**
 * "Create action" on a chat message: the action form in a dialog, prefilled with the message's
 * text and its author as the suggested owner; submitting it adds the action through the same
 * handler as the form card in chat (same validation, same meeting set-up), then posts the action
 * card in the conversation.
 */
export class MessageExtensionHandlers {
  constructor(
    private readonly service: ActionService,
    private readonly cardActions: CardActionHandlers,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {}

  async fetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== CREATE_ACTION_COMMAND_ID) return unknownCommand();
    const turn = turnInfoOf(context);
    const payload = action.messagePayload as MessagePayload | undefined;
    const text = messageText(payload?.body).slice(0, TEXT_LIMITS.actionText);
    const owner = payload?.from?.user?.displayName?.trim().slice(0, TEXT_LIMITS.owner);
    const values = { ...(text ? { text } : {}), ...(owner ? { owner } : {}) };
    try {
      const meeting = await this.service.contextOf(turn.conversationId);
      const group = meeting ? undefined : await this.service.groupOf(turn.conversationId);
      return dialog(
        meeting
          ? buildActionFormCard({
              values,
              areasInMeeting: await this.service.areasInMeeting(meeting),
              meeting: { code: meeting.meeting.code },
            })
          : buildActionFormCard({
              values,
              meeting: { needsSetup: true, ...(group ? { groupCode: group.code } : {}) },
            }),
      );
    } catch (error) {
      const message = userMessageFor(error);
      if (message === undefined) throw error;
      return dialog(buildActionFormCard({ values, message, meeting: { needsSetup: true } }));
    }
  }

  async submitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== CREATE_ACTION_COMMAND_ID) return unknownCommand();
    const data = (action.data ?? {}) as Record<string, unknown>;
    // The card handler would replace the message it answers; here that is someone's chat message.
    context.activity.replyToId = undefined;
    const answer = await this.cardActions.handle(context, CARD_VERBS.addAction, data);
    const card = answer.value as unknown as AdaptiveCard;
    const ref = refOfActionCard(card);
    // Anything but the new action's card (the form with errors, a refusal) goes back in the dialog.
    if (!ref || isActionForm(card)) return dialog(card);
    await this.postActionCard(context, ref);
    return {};
  }

  private async postActionCard(context: TurnContext, ref: string): Promise<void> {
    const turn = turnInfoOf(context);
    const meeting = await this.service.contextOf(turn.conversationId);
    if (!meeting) return;
    const action = await this.service.getAction(meeting.group, ref);
    const card = sharedActionCard(action, meeting.group, {
      now: this.now(),
      notice: `Added by ${turn.person.name}`,
    });
    const posted = context.sendActivity(cardMessage(card)).catch((error: unknown) => {
      this.log.warn({ err: error, ref }, 'could not post the new action card');
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      posted,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, POST_CARD_BUDGET_MS);
      }),
    ]);
    clearTimeout(timer);
  }
}

/** A task-module dialog showing the card. Dialogs submit with Action.Submit, not Action.Execute. */
function dialog(card: AdaptiveCard): MessagingExtensionActionResponse {
  return {
    task: {
      type: 'continue',
      value: {
        title: CREATE_ACTION_DIALOG_TITLE,
        width: 'medium',
        height: 'large',
        card: CardFactory.adaptiveCard(asDialogCard(card)),
      },
    },
  };
}

/**
 * The same card for a dialog: each Action.Execute becomes an Action.Submit carrying its verb in
 * its data (Teams sends the dialog's inputs merged into that data with `composeExtension/submitAction`).
 */
export function asDialogCard(card: AdaptiveCard): Record<string, unknown> {
  const convert = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(convert);
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    const converted = Object.fromEntries(
      Object.entries(record)
        .filter(([key]) => key !== 'refresh')
        .map(([key, value]) => [key, convert(value)]),
    );
    if (record.type !== 'Action.Execute') return converted;
    const { verb, data, ...rest } = converted as { verb?: unknown; data?: Record<string, unknown> };
    return { ...rest, type: 'Action.Submit', data: { ...(data ?? {}), verb } };
  };
  return convert(card) as Record<string, unknown>;
}

function isActionForm(card: AdaptiveCard): boolean {
  return executeActionsOf(card).some((action) => action.verb === CARD_VERBS.addAction);
}

/** The ref of an action card (every action card refreshes itself by its ref). */
function refOfActionCard(card: AdaptiveCard): string | undefined {
  const ref = card.refresh?.action.data?.ref;
  return typeof ref === 'string' ? ref : undefined;
}

function unknownCommand(): MessagingExtensionActionResponse {
  return {
    task: { type: 'message', value: 'Meeting Actions does not know that command.' },
  };
}
