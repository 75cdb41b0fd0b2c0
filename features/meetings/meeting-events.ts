import type { ActionService } from '../../core/action-service';
import type { Log } from '../../core/log';
import { moveMeeting } from '../../core/meeting-lifecycle';
import { raisedBefore } from '../../core/reports/headline-report';
import type { MeetingStore } from '../../core/stores';
import { buildActionListCard } from '../../cards/action-list-card';
import { buildErrorCard } from '../../cards/error-card';
import { buildMeetingEndedCard } from '../../cards/meeting-ended-card';
import type { Answer } from '../routing/answer';
import { resolveScope, type ScopeStores } from '../routing/scope';
import type { Turn } from '../routing/turn';

export const MINUTES_AND_ACTIONS_REVIEW = 'Minutes and actions review';

export const UNKNOWN_MEETING_HINT =
  'I do not know which committee meeting this is. Type "meeting" to set it up, and I will post the open actions when it starts and prompt for the report when it ends.';

export interface MeetingEventDependencies {
  readonly service: ActionService;
  readonly stores: ScopeStores;
  readonly meetings: MeetingStore;
  readonly log: Log;
  readonly now: () => Date;
}

/**
 * Teams tells the bot when a meeting whose chat it is in starts and ends. At the start it posts
 * the group's open actions from earlier meetings for the "Minutes and actions review"; at the
 * end it asks the chairs to review and issue the report. Only a meeting chat bound to a meeting
 * (of the caller's tenant) gets these; another chat gets a hint to set the meeting up.
 */
export class MeetingEvents {
  constructor(private readonly deps: MeetingEventDependencies) {}

  async started(turn: Turn): Promise<Answer> {
    const bound = await this.boundMeeting(turn);
    if (!bound) return hint();
    await moveMeeting(this.deps.meetings, bound, 'inProgress');
    const carried = (await this.deps.service.listOpenActions(bound.group)).filter((action) =>
      raisedBefore(action, bound.meeting),
    );
    return {
      card: buildActionListCard({
        title: `${MINUTES_AND_ACTIONS_REVIEW}: open actions from before ${bound.meeting.code}`,
        actions: carried,
        now: this.deps.now(),
        timeZone: bound.group.timeZone,
        filter: 'open',
        emptyText: `No open actions from earlier meetings of ${bound.group.code}.`,
      }),
    };
  }

  async ended(turn: Turn): Promise<Answer> {
    const bound = await this.boundMeeting(turn);
    if (!bound) return hint();
    await moveMeeting(this.deps.meetings, bound, 'ended');
    const actions = await this.deps.service.listMeetingActions(bound);
    return {
      card: buildMeetingEndedCard({
        groupCode: bound.group.code,
        meetingNumber: bound.meeting.number,
        meetingCode: bound.meeting.code,
        chairs: bound.group.chairs,
        actionCount: actions.filter((action) => action.state !== 'cancelled').length,
      }),
    };
  }

  private async boundMeeting(turn: Turn) {
    const scope =
      turn.kind === 'meetingChat' ? await resolveScope(this.deps.stores, turn) : undefined;
    if (scope?.kind === 'meeting') return scope;
    this.deps.log.info(
      { conversationId: turn.conversationId },
      'meeting event in a chat bound to no meeting',
    );
    return undefined;
  }
}

function hint(): Answer {
  return { card: buildErrorCard({ message: UNKNOWN_MEETING_HINT, title: 'Which meeting?' }) };
}
