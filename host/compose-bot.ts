import type { ActionService } from '../core/action-service';
import type { ConversationStore } from '../core/conversation';
import type { Log } from '../core/log';
import type { OperationStore } from '../core/operations';
import type { DirectoryStore } from '../core/people/directory';
import type { ReportService } from '../core/reports/report-service';
import type { ActionStore, BindingStore, GroupStore, MeetingStore } from '../core/stores';
import { actionRoutes } from '../features/actions/action-routes';
import { createActionRoutes } from '../features/actions/create-action-extension';
import { discussionRoutes } from '../features/discussion/discussion-routes';
import { MeetingEvents } from '../features/meetings/meeting-events';
import { meetingRoutes } from '../features/meetings/meeting-routes';
import { peopleRoutes } from '../features/people/people-routes';
import { reminderRoutes, type ReminderNudger } from '../features/reminders/reminder-routes';
import type { DocumentLinks } from '../features/reports/report-links';
import { reportRoutes } from '../features/reports/report-routes';
import { FrontDoor } from '../features/routing/front-door';
import { MeetingActionsBot, type AfterTurnDelivery } from '../teams/activity-router';
import type { OutboundSender } from '../teams/proactive/outbound-sender';
import { ProactivePoster } from '../teams/proactive/proactive-poster';

/** What the bot is made of: stores, services, and the senders it posts through. */
export interface BotParts {
  readonly service: ActionService;
  readonly stores: {
    readonly groups: GroupStore & MeetingStore;
    readonly bindings: BindingStore;
    readonly actions: Pick<ActionStore, 'getAction'>;
    readonly conversations: ConversationStore;
    readonly operations: OperationStore;
  };
  readonly reports: ReportService;
  /** Each group's directory of people, which its chairs edit with `people`. */
  readonly people: DirectoryStore;
  readonly links: DocumentLinks;
  readonly log: Log;
  readonly now?: () => Date;
  /** Sends reminders now, for the chairs' `remind`. */
  readonly nudger?: ReminderNudger;
  /** The app's rate-limited sender of proactive messages, shared with reminders. */
  readonly sender?: Pick<OutboundSender, 'send'>;
  /** The bot's app id for proactive posts; absent in anonymous mode. */
  readonly botAppId?: string;
  /** Pause between the cards of one report (Teams: 7 messages a second per conversation). */
  readonly pacingMs?: number;
  /** How cards are replaced and posted after a turn (tests on TestAdapter give their own). */
  readonly afterTurn?: AfterTurnDelivery;
}

/**
 * The bot as the features make it: every feature's routes behind the one front door, and the
 * Teams activity handler in front of that. Shared by the server and the tests.
 */
export function composeBot(parts: BotParts): MeetingActionsBot {
  const { service, stores, log } = parts;
  const frontDoor = new FrontDoor({
    stores,
    operations: stores.operations,
    log,
    ...(parts.now ? { now: parts.now } : {}),
    routes: [
      actionRoutes(service),
      discussionRoutes(service),
      meetingRoutes(service),
      reportRoutes({ service, reports: parts.reports, links: parts.links, log }),
      reminderRoutes(service, parts.nudger),
      peopleRoutes(parts.people, service),
    ],
  });
  const poster = new ProactivePoster({
    conversations: stores.conversations,
    log,
    ...(parts.botAppId ? { botAppId: parts.botAppId } : {}),
    ...(parts.pacingMs !== undefined ? { pacingMs: parts.pacingMs } : {}),
    ...(parts.sender ? { sender: parts.sender } : {}),
  });
  return new MeetingActionsBot({
    frontDoor,
    conversations: stores.conversations,
    events: new MeetingEvents({
      service,
      stores,
      meetings: stores.groups,
      log,
      now: parts.now ?? (() => new Date()),
    }),
    createAction: createActionRoutes(service),
    poster,
    log,
    ...(parts.now ? { now: parts.now } : {}),
    ...(parts.botAppId ? { botAppId: parts.botAppId } : {}),
    ...(parts.afterTurn ? { afterTurn: parts.afterTurn } : {}),
  });
}
