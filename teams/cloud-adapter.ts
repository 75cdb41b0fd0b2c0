import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import { isDomainError } from '../core/errors';
import type { BotAuthSettings } from '../host/config';
import type { Logger } from '../host/logger';

export const TURN_ERROR_REPLY =
  "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a moment.";

/**
 * botbuilder's CloudAdapter. With an app id it validates every incoming JWT (a request without a
 * valid token gets 401); without one it is anonymous, which is only for the local Playground and
 * tests.
 */
export function createAdapter(auth: BotAuthSettings | undefined, log: Logger): CloudAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication(
    auth
      ? {
          MicrosoftAppId: auth.appId,
          MicrosoftAppPassword: auth.appPassword,
          MicrosoftAppType: auth.appType,
          MicrosoftAppTenantId: auth.tenantId,
        }
      : {},
  );
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const activity = context.activity;
    log.error(
      {
        err: error,
        errorCode: isDomainError(error) ? error.code : undefined,
        activity: {
          type: activity.type,
          name: activity.name,
          id: activity.id,
          conversationId: activity.conversation?.id,
          conversationType: activity.conversation?.conversationType,
          fromId: activity.from?.id,
        },
      },
      'turn failed',
    );
    // An invoke is answered by its status code; a message for it would land as a stray reply.
    if (activity.type === 'invoke') return;
    try {
      await context.sendActivity(MessageFactory.text(TURN_ERROR_REPLY));
    } catch (sendError) {
      log.error({ err: sendError }, 'could not send the apology for a failed turn');
    }
  };
  return adapter;
}
