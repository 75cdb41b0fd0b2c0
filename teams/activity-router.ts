import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ChannelAccount,
  type MessagingExtensionAction,
  type MessagingExtensionActionResponse,
} from 'botbuilder';
import type { ActionService } from '../core/action-service';
import { parseCommand } from '../core/commands';
import type { ConversationStore } from '../core/conversation';
import { buildWelcomeCard } from '../cards/welcome-card';
import { CardActionHandlers } from '../features/actions/action-card-handlers';
import { CommandHandlers } from '../features/actions/action-commands';
import { conversationKindOf } from './conversation-kind';
import type { Logger } from '../host/logger';
import { MessageExtensionHandlers } from '../features/actions/create-action-extension';
import type { ReminderNudger } from '../features/reminders/reminder-commands';
import type { MeetingStore } from '../core/stores';
import type { ReportService } from '../core/reports/report-service';
import type { DocumentLinks } from '../features/reports/report-links';
import { MeetingLifecycleHandlers } from '../features/meetings/meeting-handlers';
import type { OutboundSender } from './proactive/outbound-sender';
import { ProactivePoster } from './proactive/proactive-poster';
import { ReportHandlers } from '../features/reports/report-handlers';

export interface MeetingActionsBotDependencies {
  readonly conversations: ConversationStore;
  readonly actions: ActionService;
  readonly log: Logger;
  readonly now?: () => Date;
  /** Sends reminders now, for the chairs' `remind`; without it `remind` says it cannot. */
  readonly nudger?: ReminderNudger;
  /** The headline report (`report`, Issue report) and the meeting start/end events. */
  readonly reports?: ReportFeatureDependencies;
}

/** What the headline report and the meeting lifecycle need beyond the bot's own dependencies. */
export interface ReportFeatureDependencies {
  /** The app's rate-limited sender of proactive messages, shared with reminders. */
  readonly sender?: Pick<OutboundSender, 'send'>;
  readonly reports: ReportService;
  readonly meetings: MeetingStore;
  readonly links: DocumentLinks;
  /** The bot's app id for proactive posts; absent in anonymous mode. */
  readonly botAppId?: string;
  /** Pause between the cards of one report (Teams: 7 messages a second per conversation). */
  readonly pacingMs?: number;
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
  private readonly commands: CommandHandlers;
  readonly cardActions: CardActionHandlers;
  private readonly messageExtension: MessageExtensionHandlers;
  private readonly lifecycle?: MeetingLifecycleHandlers;

  constructor(private readonly deps: MeetingActionsBotDependencies) {
    super();
    this.now = deps.now ?? (() => new Date());
    const reports = this.reportHandlers();
    this.commands = new CommandHandlers(deps.actions, deps.log, this.now, deps.nudger, reports);
    this.cardActions = new CardActionHandlers(deps.actions, deps.log, this.now, reports);
    if (deps.reports) {
      this.lifecycle = new MeetingLifecycleHandlers({
        service: deps.actions,
        meetings: deps.reports.meetings,
        log: deps.log,
        now: this.now,
      });
    }
    this.onTeamsMeetingStartEvent(async (_meeting, context, next) => {
      await this.lifecycle?.started(context);
      await next();
    });
    this.onTeamsMeetingEndEvent(async (_meeting, context, next) => {
      await this.lifecycle?.ended(context);
      await next();
    });
    this.messageExtension = new MessageExtensionHandlers(
      deps.actions,
      this.cardActions,
      deps.log,
      this.now,
    );

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

  /** `Action.Execute` from any of the bot's cards. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return this.cardActions.handle(context, invokeValue.action?.verb, invokeValue.action?.data);
  }

  /** "Create action" on a message: opens the action form in a dialog (features/actions/create-action-extension.ts). */
  protected override async handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return this.messageExtension.fetchTask(context, action);
  }

  /** The "Create action" dialog submitted. */
  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    return this.messageExtension.submitAction(context, action);
  }

  private reportHandlers(): ReportHandlers | undefined {
    const feature = this.deps.reports;
    if (!feature) return undefined;
    return new ReportHandlers({
      service: this.deps.actions,
      reports: feature.reports,
      links: feature.links,
      poster: new ProactivePoster({
        conversations: this.deps.conversations,
        log: this.deps.log,
        ...(feature.botAppId ? { botAppId: feature.botAppId } : {}),
        ...(feature.pacingMs !== undefined ? { pacingMs: feature.pacingMs } : {}),
        ...(feature.sender ? { sender: feature.sender } : {}),
      }),
      log: this.deps.log,
      now: this.now,
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = (TurnContext.removeRecipientMention(context.activity as Activity) ?? '').trim();
    // A message with no text is an old-style card submit (Action.Submit); no card sends those.
    if (text === '' && context.activity.value !== undefined) return;
    if (await this.commands.tryShortcut(context, text)) return;
    const command = parseCommand(text);
    if (!command) {
      await context.sendActivity(MessageFactory.text(UNKNOWN_COMMAND_REPLY));
      return;
    }
    await this.commands.run(context, command);
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
