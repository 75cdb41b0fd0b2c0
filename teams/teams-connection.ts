import type { ConversationReference } from 'botbuilder';
import { TeamsInfo, TurnContext } from './botbuilder-parts';
import type { Log } from '../core/log';
import type { TeamsUserRef } from '../core/owner';
import type { AdaptiveCard } from '../cards/adaptive-card';
import type { TeamsMeetingDetails, TeamsPort } from '../features/routing/turn';
import type { ProactivePoster } from './proactive/proactive-poster';
import { cardMessage } from './responses';
import { conversationKindOf } from './conversation-kind';
import { isMeetingOrganizer, personOf, rosterOf, teamsMeetingIdOf } from './roster';
import { BoundedMap } from '../core/bounded-map';

/**
 * Members of recent conversations, kept in this process for a short time: owners typed into the
 * action form are matched to members without a call to Teams before the answer. A cache only —
 * every instance reads its own, and a stale one costs a missed match, never a wrong permission
 * (permissions use the acting user's ids from the activity, not the roster).
 */
export class RosterCache {
  private readonly entries: BoundedMap<TeamsUserRef[]>;

  constructor(ttlMs = 5 * 60_000, maxConversations = 2000, clock: () => number = Date.now) {
    this.entries = new BoundedMap({ most: maxConversations, ttlMs, clock });
  }

  get(conversationId: string): TeamsUserRef[] | undefined {
    return this.entries.get(conversationId);
  }

  set(conversationId: string, members: TeamsUserRef[]): void {
    this.entries.set(conversationId, members);
  }
}

/**
 * What Teams answers about one turn, over the Bot Connector; see TeamsPort. Work that runs once
 * the answer has gone (matching owners to a roster read then) cannot use the turn, whose context
 * botbuilder revokes: it reaches the conversation again through the adapter.
 */
export class TeamsConnection implements TeamsPort {
  private rosterRead?: Promise<TeamsUserRef[]>;
  private organizer?: Promise<boolean>;
  private turnOver = false;
  private readonly adapter: TurnContext['adapter'];
  private readonly reference: Partial<ConversationReference>;
  private readonly conversationId: string;
  /** In a personal chat the only member is the user, known from the activity itself. */
  private readonly personal?: TeamsUserRef[];

  constructor(
    private readonly context: TurnContext,
    private readonly deps: {
      readonly rosters: RosterCache;
      readonly poster: ProactivePoster;
      readonly log: Log;
      /** The bot's app id for calls after the turn; '' when anonymous. */
      readonly botAppId: string;
    },
  ) {
    this.adapter = context.adapter;
    this.reference = TurnContext.getConversationReference(context.activity);
    this.conversationId = context.activity.conversation.id;
    if (conversationKindOf(context.activity) === 'personal')
      this.personal = personalRoster(context);
  }

  /** The turn has been answered: later questions go through the adapter. */
  endTurn(): void {
    this.turnOver = true;
  }

  cachedRoster(): readonly TeamsUserRef[] | undefined {
    return this.personal ?? this.deps.rosters.get(this.conversationId);
  }

  roster(): Promise<TeamsUserRef[]> {
    const cached = this.cachedRoster();
    if (cached) return Promise.resolve([...cached]);
    this.rosterRead ??= this.readRoster().then((members) => {
      if (members.length > 0) this.deps.rosters.set(this.conversationId, members);
      return members;
    });
    return this.rosterRead;
  }

  private async readRoster(): Promise<TeamsUserRef[]> {
    if (!this.turnOver) return rosterOf(this.context, this.deps.log);
    let members: TeamsUserRef[] = [];
    try {
      await this.adapter.continueConversationAsync(
        this.deps.botAppId,
        this.reference,
        async (again) => {
          members = await rosterOf(again, this.deps.log);
        },
      );
    } catch (error) {
      this.deps.log.warn(
        { err: error },
        'could not read the conversation members after the answer',
      );
    }
    return members;
  }

  isMeetingOrganizer(): Promise<boolean> {
    this.organizer ??= isMeetingOrganizer(this.context, this.deps.log);
    return this.organizer;
  }

  async meetingDetails(): Promise<TeamsMeetingDetails | undefined> {
    if (!teamsMeetingIdOf(this.context)) return undefined;
    try {
      const info = await TeamsInfo.getMeetingInfo(this.context);
      const details = info.details;
      return {
        ...(details?.title ? { title: details.title } : {}),
        ...(details?.scheduledStartTime ? { start: new Date(details.scheduledStartTime) } : {}),
        ...(details?.scheduledEndTime ? { end: new Date(details.scheduledEndTime) } : {}),
      };
    } catch (error) {
      this.deps.log.debug(
        { err: error },
        'could not read the Teams meeting; the form starts empty',
      );
      return undefined;
    }
  }

  async post(conversationId: string, cards: readonly AdaptiveCard[]): Promise<void> {
    await this.deps.poster.post(this.context, conversationId, cards.map(cardMessage));
  }
}

function personalRoster(context: TurnContext): TeamsUserRef[] {
  const person = personOf(context);
  return [
    {
      id: person.id,
      name: person.name,
      ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}),
    },
  ];
}
