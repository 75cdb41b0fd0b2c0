import type {
  Activity,
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  ChannelAccount,
  ConversationReference,
  MessagingExtensionAction,
  MessagingExtensionActionResponse,
} from 'botbuilder';
import { CardFactory, MessageFactory, TeamsActivityHandler, TurnContext } from './botbuilder-parts';
import type { ConversationStore } from '../core/conversation';
import type { Log } from '../core/log';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { buildWelcomeCard } from '../cards/welcome-card';
import type { Answer } from '../features/routing/answer';
import type { FrontDoor } from '../features/routing/front-door';
import type { CardRoute } from '../features/routing/route';
import type { MeetingEvents } from '../features/meetings/meeting-events';
import { CREATE_ACTION_COMMAND_ID } from '../manifest/message-extension-commands';
import { conversationKindOf } from './conversation-kind';
import { asDialogCard, dialogAnswer, messagePayloadOf } from './message-extension';
import type { ProactivePoster } from './proactive/proactive-poster';
import { cardMessage, invokeCard } from './responses';
import type { TeamsUserRef } from '../core/owner';
import { RosterCache, TeamsConnection } from './teams-connection';
import { turnOf } from './turn';

/** Replaces a card message for everyone in a conversation (after the clicker's answer has gone). */
export type CardReplacer = (
  reference: Partial<ConversationReference>,
  messageId: string,
  card: AdaptiveCard,
) => Promise<void>;

/** Posts a card in a conversation once a turn is over. */
export type CardPoster = (
  reference: Partial<ConversationReference>,
  card: AdaptiveCard,
) => Promise<void>;

/** How cards reach a conversation once the turn is over (tests on TestAdapter give their own). */
export interface AfterTurnDelivery {
  readonly replace: CardReplacer;
  readonly post: CardPoster;
}

export interface MeetingActionsBotDependencies {
  readonly frontDoor: FrontDoor;
  readonly conversations: ConversationStore;
  readonly events: MeetingEvents;
  readonly createAction: { readonly open: CardRoute; readonly submit: CardRoute };
  readonly poster: ProactivePoster;
  readonly log: Log;
  readonly now?: () => Date;
  readonly rosters?: RosterCache;
  /**
   * How cards are replaced and posted once the turn is over; by default through the turn's
   * adapter, proactively (the turn's own context is revoked by then).
   */
  readonly afterTurn?: AfterTurnDelivery;
  /** The bot's app id for proactive calls; '' when anonymous. */
  readonly botAppId?: string;
}

export const UNKNOWN_COMMAND_REPLY =
  "Sorry, I don't know that command. Type **help** to see what I can do.";

/**
 * The Teams activity handler: turns each activity into a Turn for the front door and the front
 * door's Answer into what Teams expects. It keeps no state between turns (the roster cache is a
 * cache), so any number of instances can serve one bot.
 */
export class MeetingActionsBot extends TeamsActivityHandler {
  private readonly now: () => Date;
  private readonly rosters: RosterCache;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: MeetingActionsBotDependencies) {
    super();
    this.now = deps.now ?? (() => new Date());
    this.rosters = deps.rosters ?? new RosterCache();

    this.onMessage(async (context, next) => {
      await Promise.all([this.rememberConversation(context), this.handleMessage(context)]);
      await next();
    });
    this.onTeamsMeetingStartEvent(async (_meeting, context, next) => {
      await this.send(context, await this.deps.events.started(turnOf(context)));
      await next();
    });
    this.onTeamsMeetingEndEvent(async (_meeting, context, next) => {
      await this.send(context, await this.deps.events.ended(turnOf(context)));
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

  /** The verbs the front door routes. */
  get verbs(): readonly string[] {
    return this.deps.frontDoor.verbs;
  }

  /** Resolves when the work scheduled after answers (cards replaced for everyone) is done. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** `Action.Execute` from any of the bot's cards. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const answer = await this.execute(context, invokeValue.action?.verb, invokeValue.action?.data);
    return invokeCard(answer.card);
  }

  /**
   * A card button pressed in this turn's conversation — in chat, or in the side panel, whose
   * requests run as turns of the meeting's conversation (teams/member-turn.ts).
   */
  async execute(context: TurnContext, verb: unknown, data: unknown): Promise<Answer> {
    const answer = await this.withTeams(context, (teams) =>
      this.deps.frontDoor.card(turnOf(context), teams, verb, data),
    );
    this.afterAnswer(context, answer);
    return answer;
  }

  /**
   * The conversation's members, for the side panel's people picker: from the roster the bot keeps
   * per conversation (a few minutes), else read from Teams in this turn and kept.
   */
  membersOf(context: TurnContext): Promise<readonly TeamsUserRef[]> {
    return this.withTeams(context, (teams) => teams.roster());
  }

  /** "Create action" on a message: opens the action form in a dialog. */
  protected override async handleTeamsMessagingExtensionFetchTask(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== CREATE_ACTION_COMMAND_ID) return unknownCommand();
    const answer = await this.withTeams(context, (teams) =>
      this.deps.frontDoor.dialog(
        this.deps.createAction.open,
        turnOf(context),
        teams,
        messagePayloadOf(action, context.activity.recipient?.name),
      ),
    );
    return dialogAnswer(asDialogCard(answer.card));
  }

  /** The "Create action" dialog submitted: the dialog closes and the action card is posted. */
  protected override async handleTeamsMessagingExtensionSubmitAction(
    context: TurnContext,
    action: MessagingExtensionAction,
  ): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== CREATE_ACTION_COMMAND_ID) return unknownCommand();
    const answer = await this.withTeams(context, (teams) =>
      this.deps.frontDoor.dialog(
        this.deps.createAction.submit,
        turnOf(context),
        teams,
        action.data ?? {},
      ),
    );
    if (!answer.closesDialog) return dialogAnswer(asDialogCard(answer.card));
    const followUp = answer.afterAnswer;
    this.afterTurn(context, async (reference, send) => {
      if (followUp) await followUp();
      if (!answer.unchanged) await send(reference, answer.card);
    });
    // An empty answer closes the dialog.
    return {};
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = (TurnContext.removeRecipientMention(context.activity as Activity) ?? '').trim();
    // A message with no text is an old-style card submit (Action.Submit); no card sends those.
    if (text === '' && context.activity.value !== undefined) return;
    const answer = await this.withTeams(context, (teams) =>
      this.deps.frontDoor.message(turnOf(context), teams, text),
    );
    if (!answer) {
      await context.sendActivity(MessageFactory.text(UNKNOWN_COMMAND_REPLY));
      return;
    }
    await this.send(context, answer);
    const followUp = answer.afterAnswer;
    if (followUp) this.schedule(async () => void (await followUp()));
  }

  private async send(context: TurnContext, answer: Answer): Promise<void> {
    await context.sendActivity(
      answer.text ? MessageFactory.text(answer.text) : cardMessage(answer.card),
    );
  }

  /**
   * Runs one front-door call with a connection to Teams for this turn; whatever asks Teams once
   * the call has answered goes through the adapter, since botbuilder revokes the turn's context.
   */
  private async withTeams<T>(
    context: TurnContext,
    call: (teams: TeamsConnection) => Promise<T>,
  ): Promise<T> {
    const teams = this.teamsFor(context);
    try {
      return await call(teams);
    } finally {
      teams.endTurn();
    }
  }

  private teamsFor(context: TurnContext): TeamsConnection {
    const connection = new TeamsConnection(context, {
      rosters: this.rosters,
      poster: this.deps.poster,
      log: this.deps.log,
      botAppId: this.deps.botAppId ?? '',
    });
    return connection;
  }

  /**
   * The work an answer leaves for after it has gone: the card replaced for everyone (Teams shows
   * the invoke answer only to the clicker), the route's own follow-up, and a new message posted
   * under the card. It must not delay the clicker, so it runs once the turn is over, through the
   * adapter rather than the turn.
   */
  private afterAnswer(context: TurnContext, answer: Answer): void {
    const messageId = context.activity.replyToId;
    // Cards sent through a message extension arrive with replyToId "-1": nothing to update.
    const replaceable = !answer.unchanged && !!messageId && messageId !== '-1';
    const post = answer.unchanged ? undefined : answer.post;
    this.afterTurn(context, async (reference, send, update) => {
      // The route's follow-up may change what everyone should see (owners matched to members).
      const followed = answer.afterAnswer ? await answer.afterAnswer() : undefined;
      const shared = followed ?? answer.forEveryone;
      if (shared && replaceable && messageId) await update(reference, messageId, shared);
      if (post) await send(reference, post);
    });
  }

  private afterTurn(
    context: TurnContext,
    work: (
      reference: Partial<ConversationReference>,
      send: CardPoster,
      update: CardReplacer,
    ) => Promise<void>,
  ): void {
    const adapter = context.adapter;
    const reference = TurnContext.getConversationReference(context.activity);
    const appId = this.deps.botAppId ?? '';
    const send: CardPoster =
      this.deps.afterTurn?.post ??
      ((to, card) =>
        adapter.continueConversationAsync(appId, to, async (proactive) => {
          await proactive.sendActivity(cardMessage(card));
        }));
    const update: CardReplacer =
      this.deps.afterTurn?.replace ??
      ((to, messageId, card) =>
        adapter.continueConversationAsync(appId, to, async (proactive) => {
          await proactive.updateActivity({
            ...cardMessage(card),
            id: messageId,
            conversation: to.conversation,
          } as Partial<Activity>);
        }));
    this.schedule(() => work(reference, send, update));
  }

  /** Runs `work` once the current turn's answer has gone; failures are logged, never thrown. */
  private schedule(work: () => Promise<void>): void {
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((error: unknown) => {
        this.deps.log.warn({ err: error }, 'follow-up after an answer failed');
      })
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  private async introduceOnce(context: TurnContext): Promise<void> {
    await this.rememberConversation(context);
    const first = await this.deps.conversations.claimIntroduction(
      context.activity.conversation.id,
      this.now().toISOString(),
    );
    if (!first) return;
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(buildWelcomeCard())] });
  }

  /** Keeps the latest conversation reference, so reminders and reports can be posted later. */
  private async rememberConversation(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const kind = conversationKindOf(activity);
    const turn = turnOf(context);
    const reference = TurnContext.getConversationReference(activity);
    await this.deps.conversations.save({
      conversationId: activity.conversation.id,
      kind,
      ...(turn.tenantId ? { tenantId: turn.tenantId } : {}),
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

function unknownCommand(): MessagingExtensionActionResponse {
  return { task: { type: 'message', value: 'Meeting Actions does not know that command.' } };
}
