import type { TurnContext } from 'botbuilder';
import type { ActionService } from '../../core/action-service';
import { raisedBefore } from '../../core/reports/headline-report';
import { moveMeeting } from '../../core/meeting-lifecycle';
import type { MeetingStore } from '../../core/stores';
import { buildActionListCard } from '../../cards/action-list-card';
import { buildMeetingEndedCard } from '../../cards/meeting-ended-card';
import type { Logger } from '../../host/logger';
import { cardMessage, errorMessage } from '../../teams/responses';
import { turnInfoOf } from '../../teams/turn';

/** What the meeting start and end events need. */
export interface MeetingLifecycleDependencies {
  readonly service: ActionService;
  readonly meetings: MeetingStore;
  readonly log: Logger;
  readonly now: () => Date;
}

export const MINUTES_AND_ACTIONS_REVIEW = 'Minutes and actions review';

export const UNKNOWN_MEETING_HINT =
  'I do not know which committee meeting this is. Type "meeting" to set it up, and I will post the open actions when it starts and prompt for the report when it ends.';

/**
 * Teams tells the bot when a meeting whose chat it is in starts and ends. At the start it posts
 * the group's open actions from earlier meetings for the "Minutes and actions review"; at the
 * end it asks the chairs to review and issue the report. Only meeting chats bound to a meeting
 * get these; another chat gets a hint to set the meeting up.
 */
export class MeetingLifecycleHandlers {
  constructor(private readonly deps: MeetingLifecycleDependencies) {}

  async started(context: TurnContext): Promise<void> {
    const bound = await this.boundMeeting(context);
    if (!bound) return;
    await moveMeeting(this.deps.meetings, bound, 'inProgress');
    const carried = (await this.deps.service.listOpenActions(bound.group)).filter((action) =>
      raisedBefore(action, bound.meeting),
    );
    await context.sendActivity(
      cardMessage(
        buildActionListCard({
          title: `${MINUTES_AND_ACTIONS_REVIEW}: open actions from before ${bound.meeting.code}`,
          actions: carried,
          now: this.deps.now(),
          timeZone: bound.group.timeZone,
          filter: 'open',
          emptyText: `No open actions from earlier meetings of ${bound.group.code}.`,
        }),
      ),
    );
  }

  async ended(context: TurnContext): Promise<void> {
    const bound = await this.boundMeeting(context);
    if (!bound) return;
    await moveMeeting(this.deps.meetings, bound, 'ended');
    const actions = await this.deps.service.listMeetingActions(bound);
    await context.sendActivity(
      cardMessage(
        buildMeetingEndedCard({
          groupCode: bound.group.code,
          meetingNumber: bound.meeting.number,
          meetingCode: bound.meeting.code,
          chairs: bound.group.chairs,
          actionCount: actions.filter((action) => action.state !== 'cancelled').length,
        }),
      ),
    );
  }

  private async boundMeeting(context: TurnContext) {
    const turn = turnInfoOf(context);
    const bound = turn.meetingChat
      ? await this.deps.service.contextOf(turn.conversationId)
      : undefined;
    if (!bound) {
      this.deps.log.info(
        { conversationId: turn.conversationId },
        'meeting event in a chat bound to no meeting',
      );
      await context.sendActivity(errorMessage(UNKNOWN_MEETING_HINT, 'Which meeting?'));
    }
    return bound;
  }
}
