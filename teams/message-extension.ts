import type { MessagingExtensionAction, MessagingExtensionActionResponse } from 'botbuilder';
import { CardFactory } from './botbuilder-parts';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { CREATE_ACTION_DIALOG_TITLE } from '../features/actions/create-action-extension';
import { messageText } from './message-text';

interface MessagePayload {
  readonly body?: { readonly contentType?: string; readonly content?: string };
  readonly from?: { readonly user?: { readonly displayName?: string } };
  readonly mentions?: ReadonlyArray<{
    readonly mentioned?: { readonly application?: { readonly displayName?: string } };
  }>;
}

/**
 * The message "Create action" was chosen on: its plain text — without the mentions of this bot
 * and of other apps, which are not part of what was said — and its author's name.
 */
export function messagePayloadOf(
  action: MessagingExtensionAction,
  botName: string | undefined,
): { text: string; author: string } {
  const payload = action.messagePayload as MessagePayload | undefined;
  const apps = (payload?.mentions ?? []).flatMap((mention) => {
    const name = mention.mentioned?.application?.displayName;
    return name ? [name] : [];
  });
  return {
    text: messageText(payload?.body, { dropNames: [...(botName ? [botName] : []), ...apps] }),
    author: payload?.from?.user?.displayName ?? '',
  };
}

/** A task-module dialog showing the card. */
export function dialogAnswer(card: Record<string, unknown>): MessagingExtensionActionResponse {
  return {
    task: {
      type: 'continue',
      value: {
        title: CREATE_ACTION_DIALOG_TITLE,
        width: 'medium',
        height: 'large',
        card: CardFactory.adaptiveCard(card),
      },
    },
  };
}

/**
 * The same card for a dialog: dialogs submit with Action.Submit, not Action.Execute, so each
 * Action.Execute becomes an Action.Submit carrying its verb in its data (Teams sends the dialog's
 * inputs merged into that data with `composeExtension/submitAction`).
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
