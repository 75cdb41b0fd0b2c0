import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type ChannelAccount,
} from 'botbuilder';
import { parseCommand, type ParsedCommand } from '../core/commands';
import type { ConversationStore } from '../core/conversation';
import { buildHelpCard } from '../cards/help-card';
import { buildWelcomeCard } from '../cards/welcome-card';
import { conversationKindOf } from './conversation-kind';
import type { Logger } from './logger';

export interface MeetingActionsBotDependencies {
  readonly conversations: ConversationStore;
  readonly log: Logger;
  readonly now?: () => Date;
}

export const UNKNOWN_COMMAND_REPLY =
  "Sorry, I don't know that command. Type **help** to see what I can do.";

/**
 * The Teams activity handler: routes messages to commands and introduces the bot once per
 * conversation. It keeps no state between turns: everything lives in Table Storage, so any number
 * of instances can serve one bot.
 */
export class MeetingActionsBot extends TeamsActivityHandler {
  private readonly now: () => Date;

  constructor(private readonly deps: MeetingActionsBotDependencies) {
    super();
    this.now = deps.now ?? (() => new Date());

    this.onMessage(async (context, next) => {
      await Promise.all([this.rememberConversation(context), this.handleMessage(context)]);
      await next();
    });

    // Teams sends both events when the bot is installed; the storage claim makes one of them win.
    this.onMembersAdded(async (context, next) => {
      if (context.activity.membersAdded?.some((member) => isTheBot(member, context))) {
        await this.introduceOnce(context);
      }
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.introduceOnce(context);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = TurnContext.removeRecipientMention(context.activity as Activity) ?? '';
    const command = parseCommand(text);
    if (!command) {
      await context.sendActivity(MessageFactory.text(UNKNOWN_COMMAND_REPLY));
      return;
    }
    await this.runCommand(context, command);
  }

  private async runCommand(context: TurnContext, command: ParsedCommand): Promise<void> {
    switch (command.name) {
      case 'help':
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(buildHelpCard())] });
        return;
      default:
        await context.sendActivity(
          MessageFactory.text(`The **${command.name}** command is not available yet.`),
        );
    }
  }

  private async introduceOnce(context: TurnContext): Promise<void> {
    await this.rememberConversation(context);
    const conversationId = context.activity.conversation.id;
    const first = await this.deps.conversations.claimIntroduction(
      conversationId,
      this.now().toISOString(),
    );
    if (!first) return;
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(buildWelcomeCard())] });
  }

  /** Keeps the latest conversation reference, so reminders and reports can be posted later. */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const kind = conversationKindOf(activity);
    const reference = TurnContext.getConversationReference(activity);
    await this.deps.conversations.save({
      conversationId: activity.conversation.id,
      kind,
      tenantId: activity.conversation.tenantId,
      userId: kind === 'personal' ? activity.from?.id : undefined,
      userAadObjectId: kind === 'personal' ? activity.from?.aadObjectId : undefined,
      reference: reference as unknown as Record<string, unknown>,
      updatedAt: this.now().toISOString(),
    });
  }
}

function isTheBot(member: ChannelAccount, context: TurnContext): boolean {
  return member.id === context.activity.recipient.id;
}
