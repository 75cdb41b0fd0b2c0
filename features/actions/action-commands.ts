import { TeamsInfo, type TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { addUpdate, changeDueDate, markDone, reopen, type Action } from '../../core/action';
import type { ActionService, MeetingContext } from '../../core/action-service';
import type { Actor } from '../../core/permissions';
import type { ParsedCommand } from '../../core/commands';
import { parseDueDate } from '../../core/due-date';
import { DEFAULT_TIME_ZONE } from '../../core/time-zone';
import type { MeetingFormField } from '../../core/meeting';
import { parseShortcut, type Shortcut } from '../../core/shortcuts';
import { buildActionFormCard } from '../../cards/action-form-card';
import { buildActionListCard } from '../../cards/action-list-card';
import { buildDiscussionFormCard } from '../../cards/discussion-form-card';
import { buildHelpCard } from '../../cards/help-card';
import { buildMeetingFormCard } from '../../cards/meeting-form-card';
import { actionCardFor } from './action-card-view';
import { listActions, type ListFilter } from './action-lists';
import { answerRefusal } from '../../teams/failure';
import { ReminderCommands, type ReminderNudger } from '../reminders/reminder-commands';
import type { Logger } from '../../host/logger';
import type { ReportHandlers } from '../reports/report-handlers';
import { cardMessage, errorMessage } from '../../teams/responses';
import { isMeetingOrganizer } from '../../teams/roster';
import { turnInfoOf, type TurnInfo } from '../../teams/turn';

export const NO_MEETING_REPLY =
  'No meeting is set up in this conversation yet. Type "meeting" to set one up, or "add" to add the first action (the form asks which meeting).';

/**
 * The typed commands (`help`, `add`, `list`, …) and the plain-text shortcuts (`CCAG03-04 done`).
 * Each answers with a card; a refusal or bad input is answered with the reason, never a stack trace.
 */
export class CommandHandlers {
  private readonly reminderCommands: ReminderCommands;

  constructor(
    private readonly service: ActionService,
    private readonly log: Logger,
    private readonly now: () => Date,
    nudger?: ReminderNudger,
    /** The `report` command; without it `report` says it is not available. */
    private readonly reports?: ReportHandlers,
  ) {
    this.reminderCommands = new ReminderCommands(service, log, nudger);
  }

  /** Runs a shortcut when the text is one; false when it is not (the caller tries commands). */
  async tryShortcut(context: TurnContext, text: string): Promise<boolean> {
    const shortcut = parseShortcut(text);
    if (!shortcut) return false;
    await this.guard(context, () => this.runShortcut(context, shortcut));
    return true;
  }

  async run(context: TurnContext, command: ParsedCommand): Promise<void> {
    await this.guard(context, () => this.dispatch(context, command));
  }

  private async dispatch(context: TurnContext, command: ParsedCommand): Promise<void> {
    const turn = turnInfoOf(context);
    switch (command.name) {
      case 'help':
        await context.sendActivity(cardMessage(buildHelpCard()));
        return;
      case 'add':
        await this.add(context, turn, command.argument);
        return;
      case 'discuss':
        await this.discuss(context, turn);
        return;
      case 'list':
      case 'open':
      case 'mine':
      case 'overdue':
        await this.list(context, turn, command.name);
        return;
      case 'show':
        await this.show(context, turn, command.argument);
        return;
      case 'meeting':
        await this.meeting(context, turn);
        return;
      case 'reminders':
        await this.reminderCommands.showPolicy(context);
        return;
      case 'remind':
        await this.reminderCommands.remind(context, command.argument);
        return;
      case 'report':
        if (this.reports) {
          await this.reports.showPreview(context);
          return;
        }
        await context.sendActivity(
          errorMessage(`The ${command.name} command is coming soon.`, 'Not available yet'),
        );
        return;
    }
  }

  private async add(context: TurnContext, turn: TurnInfo, text: string): Promise<void> {
    const meeting = await this.service.contextOf(turn.conversationId);
    const card = meeting
      ? buildActionFormCard({
          values: text ? { text } : {},
          areasInMeeting: await this.service.areasInMeeting(meeting),
          meeting: { code: meeting.meeting.code },
        })
      : buildActionFormCard({
          values: text ? { text } : {},
          meeting: { needsSetup: true, ...(await this.groupCodePrefill(turn)) },
        });
    await context.sendActivity(cardMessage(card));
  }

  private async discuss(context: TurnContext, turn: TurnInfo): Promise<void> {
    const meeting = await this.requireMeeting(context, turn);
    if (!meeting) return;
    await context.sendActivity(
      cardMessage(
        buildDiscussionFormCard({
          meetingCode: meeting.meeting.code,
          areasInMeeting: await this.service.areasInMeeting(meeting),
        }),
      ),
    );
  }

  private async list(context: TurnContext, turn: TurnInfo, filter: ListFilter): Promise<void> {
    const meeting = await this.requireMeeting(context, turn);
    if (!meeting) return;
    const listing = await listActions(this.service, meeting, filter, turn.person);
    await context.sendActivity(
      cardMessage(
        buildActionListCard({
          ...listing,
          filter,
          now: this.now(),
          timeZone: meeting.group.timeZone,
        }),
      ),
    );
  }

  private async show(context: TurnContext, turn: TurnInfo, refText: string): Promise<void> {
    const meeting = await this.requireMeeting(context, turn);
    if (!meeting) return;
    if (!refText) {
      await context.sendActivity(errorMessage('Which action? For example: show CCAG03-01'));
      return;
    }
    const action = await this.service.getAction(meeting.group, refText);
    await this.sendActionCard(context, meeting, action);
  }

  private async meeting(context: TurnContext, turn: TurnInfo): Promise<void> {
    const current = await this.service.contextOf(turn.conversationId);
    const group = current?.group ?? (await this.service.groupOf(turn.conversationId));
    const values: Partial<Record<MeetingFormField, string>> = current
      ? meetingFormValues(current)
      : {
          ...(group ? { groupCode: group.code, groupName: group.name } : {}),
          ...(await this.teamsMeetingPrefill(context, group?.timeZone ?? DEFAULT_TIME_ZONE)),
        };
    await context.sendActivity(
      cardMessage(buildMeetingFormCard({ values, requireGroupName: !group })),
    );
  }

  private async runShortcut(context: TurnContext, shortcut: Shortcut): Promise<void> {
    const turn = turnInfoOf(context);
    if (shortcut.kind === 'show') {
      await this.show(context, turn, shortcut.ref);
      return;
    }
    const meeting = await this.requireMeeting(context, turn);
    if (!meeting) return;
    const { group } = meeting;
    const actor = this.service.actorFor(
      turn.person,
      group,
      await isMeetingOrganizer(context, this.log),
    );
    const by = turn.person;
    let action: Action;
    switch (shortcut.kind) {
      case 'done':
        action = await this.service.changeAction(group, shortcut.ref, actor, 'markDone', (a, now) =>
          markDone(a, by, now),
        );
        break;
      case 'reopen':
        action = await this.service.changeAction(group, shortcut.ref, actor, 'reopen', (a, now) =>
          reopen(a, by, now),
        );
        break;
      case 'update':
        action = await this.service.changeAction(
          group,
          shortcut.ref,
          actor,
          'addUpdate',
          (a, now) => addUpdate(a, shortcut.text, by, now),
        );
        break;
      case 'due': {
        const due = parseDueDate(shortcut.due, { timeZone: group.timeZone });
        action = await this.service.changeAction(
          group,
          shortcut.ref,
          actor,
          'changeDueDate',
          (a, now) => changeDueDate(a, due, by, now, shortcut.reason || undefined),
        );
        break;
      }
    }
    await this.sendActionCard(context, meeting, action, `Changed by ${by.name}`, actor);
  }

  private async sendActionCard(
    context: TurnContext,
    meeting: MeetingContext,
    action: Action,
    notice?: string,
    // The caller's actor when it has one: the meeting role is asked of Teams once per turn.
    known?: Actor,
  ): Promise<void> {
    const actor =
      known ??
      this.service.actorFor(
        turnInfoOf(context).person,
        meeting.group,
        await isMeetingOrganizer(context, this.log),
      );
    await context.sendActivity(
      cardMessage(
        actionCardFor(action, meeting.group, actor, {
          now: this.now(),
          ...(notice ? { notice } : {}),
        }),
      ),
    );
  }

  private async requireMeeting(
    context: TurnContext,
    turn: TurnInfo,
  ): Promise<MeetingContext | undefined> {
    const meeting = await this.service.contextOf(turn.conversationId);
    if (!meeting) await context.sendActivity(errorMessage(NO_MEETING_REPLY, 'No meeting yet'));
    return meeting;
  }

  private async groupCodePrefill(turn: TurnInfo): Promise<{ groupCode?: string }> {
    const group = await this.service.groupOf(turn.conversationId);
    return group ? { groupCode: group.code } : {};
  }

  /** The Teams meeting's title and scheduled times, in a meeting chat; nothing elsewhere. */
  private async teamsMeetingPrefill(
    context: TurnContext,
    timeZone: string,
  ): Promise<Partial<Record<MeetingFormField, string>>> {
    if (!turnInfoOf(context).teamsMeetingId) return {};
    try {
      const info = await TeamsInfo.getMeetingInfo(context);
      const start = info.details?.scheduledStartTime
        ? DateTime.fromJSDate(new Date(info.details.scheduledStartTime)).setZone(timeZone)
        : undefined;
      const end = info.details?.scheduledEndTime
        ? DateTime.fromJSDate(new Date(info.details.scheduledEndTime)).setZone(timeZone)
        : undefined;
      return {
        ...(info.details?.title ? { title: info.details.title } : {}),
        ...(start?.isValid
          ? { date: start.toISODate() ?? '', startTime: start.toFormat('HH:mm') }
          : {}),
        ...(end?.isValid ? { endTime: end.toFormat('HH:mm') } : {}),
      };
    } catch (error) {
      this.log.debug({ err: error }, 'could not read the Teams meeting; the form starts empty');
      return {};
    }
  }

  /** Answers a refusal or bad input with its reason; anything else is the turn error handler's. */
  private async guard(context: TurnContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      await answerRefusal(error, (message) => context.sendActivity(errorMessage(message)));
    }
  }
}

function meetingFormValues({
  group,
  meeting,
}: MeetingContext): Partial<Record<MeetingFormField, string>> {
  const start = meeting.start ? DateTime.fromISO(meeting.start).setZone(group.timeZone) : undefined;
  const end = meeting.end ? DateTime.fromISO(meeting.end).setZone(group.timeZone) : undefined;
  return {
    groupCode: group.code,
    groupName: group.name,
    number: String(meeting.number),
    ...(meeting.title ? { title: meeting.title } : {}),
    ...(start ? { date: start.toISODate() ?? '', startTime: start.toFormat('HH:mm') } : {}),
    ...(end ? { endTime: end.toFormat('HH:mm') } : {}),
    venue: meeting.venue,
    classification: meeting.classification,
  };
}
