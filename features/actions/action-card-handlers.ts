import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import {
  addUpdate,
  cancel,
  changeArea,
  changeDueDate,
  changeOwners,
  editText,
  markDone,
  reopen,
  type Action,
} from '../../core/action';
import { ACTION_FORM_FIELDS, validateActionDraft } from '../../core/action-form';
import { parseGroupCode } from '../../core/action-ref';
import type { ActionService, MeetingContext } from '../../core/action-service';
import { validateDiscussionDraft, DISCUSSION_FORM_FIELDS } from '../../core/discussion-item';
import { parseDueDate } from '../../core/due-date';
import { ValidationError } from '../../core/errors';
import { FieldCollector } from '../../core/form-result';
import type { Group } from '../../core/group';
import { formatOwners, parseOwners } from '../../core/owner';
import { MEETING_FORM_FIELDS, parseMeetingNumber, validateMeetingForm } from '../../core/meeting';
import type { ActionOperation } from '../../core/permissions';
import { DEFAULT_TIME_ZONE } from '../../core/time-zone';
import { ACTION_CARD_INPUTS } from '../../cards/action-card';
import { buildActionFormCard, type MeetingSetupField } from '../../cards/action-form-card';
import { buildActionListCard } from '../../cards/action-list-card';
import { CARD_VERBS, isCardVerb, type CardVerb } from '../../cards/card-verbs';
import { buildDiscussionFormCard } from '../../cards/discussion-form-card';
import { buildDiscussionItemCard } from '../../cards/discussion-item-card';
import { buildErrorCard } from '../../cards/error-card';
import { buildMeetingCard } from '../../cards/meeting-card';
import { buildMeetingFormCard } from '../../cards/meeting-form-card';
import { actionCardFor, sharedActionCard } from './action-card-view';
import { isListFilter, listActions } from './action-lists';
import { answerRefusal } from '../../teams/failure';
import { reminderCardHandlers } from '../reminders/reminder-card-handlers';
import { homeChannelOption } from '../../teams/home-channel';
import type { Logger } from '../../host/logger';
import type { ReportHandlers } from '../reports/report-handlers';
import { invokeCard, replaceCardForEveryone } from '../../teams/responses';
import { attachTeamsUsers, isMeetingOrganizer, rosterOf } from '../../teams/roster';
import { turnInfoOf, type TurnInfo } from '../../teams/turn';

type CardData = Readonly<Record<string, unknown>>;
type Handler = (context: TurnContext, data: CardData) => Promise<AdaptiveCardInvokeResponse>;

/**
 * What each card button does (`Action.Execute` verbs). The answer replaces the clicked card for
 * the clicker; a change also replaces the card for everyone. Every payload is checked here —
 * a card can be forged or stale — and a refusal answers with the reason and the input kept.
 */
export class CardActionHandlers {
  /** One handler per verb: the compiler refuses a verb without one. */
  readonly handlers: Record<CardVerb, Handler>;

  constructor(
    private readonly service: ActionService,
    private readonly log: Logger,
    private readonly now: () => Date,
    /** Issue report / Preview report; without it those buttons say they are not available. */
    private readonly reports?: ReportHandlers,
  ) {
    this.handlers = {
      [CARD_VERBS.addAction]: (context, data) => this.addAction(context, data),
      [CARD_VERBS.addUpdate]: (context, data) =>
        this.changeAction(context, data, 'addUpdate', 'Update added', (a, by, now) =>
          addUpdate(a, textOf(data, ACTION_CARD_INPUTS.updateText, 'Update'), by, now),
        ),
      [CARD_VERBS.changeDueDate]: (context, data) =>
        this.changeAction(context, data, 'changeDueDate', 'Due date changed', (a, by, now, group) =>
          changeDueDate(
            a,
            parseDueDate(textOf(data, ACTION_CARD_INPUTS.due, 'New due date'), {
              timeZone: group.timeZone,
            }),
            by,
            now,
            textOf(data, ACTION_CARD_INPUTS.dueReason, 'Reason') || undefined,
          ),
        ),
      [CARD_VERBS.markDone]: (context, data) =>
        this.changeAction(context, data, 'markDone', 'Marked done', (a, by, now) =>
          markDone(a, by, now),
        ),
      [CARD_VERBS.reopen]: (context, data) =>
        this.changeAction(context, data, 'reopen', 'Reopened', (a, by, now) => reopen(a, by, now)),
      [CARD_VERBS.cancel]: (context, data) =>
        this.changeAction(context, data, 'cancel', 'Cancelled', (a, by, now) =>
          cancel(a, by, now, textOf(data, ACTION_CARD_INPUTS.cancelReason, 'Reason') || undefined),
        ),
      [CARD_VERBS.editAction]: (context, data) => this.editAction(context, data),
      [CARD_VERBS.refreshAction]: (context, data) => this.refreshAction(context, data),
      [CARD_VERBS.addDiscussion]: (context, data) => this.addDiscussion(context, data),
      [CARD_VERBS.saveMeeting]: (context, data) => this.saveMeeting(context, data),
      [CARD_VERBS.listPage]: (context, data) => this.listPage(context, data),
      [CARD_VERBS.issueReport]: async (context, data) =>
        this.reports?.issueFromCard(context, data) ?? errorCard(REPORTS_UNAVAILABLE),
      [CARD_VERBS.previewReport]: async (context, data) =>
        this.reports?.previewFromCard(context, data) ?? errorCard(REPORTS_UNAVAILABLE),
      ...reminderCardHandlers(service, log, now),
    };
  }

  /** Routes an invoke by its verb; an unknown verb (a forged or outdated card) gets an error card. */
  async handle(
    context: TurnContext,
    verb: unknown,
    data: unknown,
  ): Promise<AdaptiveCardInvokeResponse> {
    if (!isCardVerb(verb)) {
      return errorCard(
        'This card is out of date or was not sent by Meeting Actions; nothing was changed.',
      );
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return errorCard('This card sent no data; nothing was changed.');
    }
    return this.handlers[verb](context, data as CardData);
  }

  private async addAction(
    context: TurnContext,
    data: CardData,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = turnInfoOf(context);
    const values = formValues(data, [...ACTION_FORM_FIELDS, 'groupCode', 'meetingNumber']);
    let existing: MeetingContext | undefined;
    const formAgain = (errors: Record<string, string>, message?: string) =>
      invokeCard(
        buildActionFormCard({
          values,
          errors,
          ...(message ? { message } : {}),
          meeting: existing
            ? { code: existing.meeting.code }
            : {
                needsSetup: true,
                groupCode: values.groupCode,
                meetingNumber: values.meetingNumber,
              },
        }),
      );
    // Questions to Teams that do not depend on storage start now and run beside the reads.
    const roster = rosterOf(context, this.log);
    const organizer = isMeetingOrganizer(context, this.log);
    try {
      existing = await this.service.contextOf(turn.conversationId);
      const draft = validateActionDraft(data, {
        timeZone: existing?.group.timeZone ?? DEFAULT_TIME_ZONE,
      });
      const setup = existing ? undefined : readMeetingSetup(data);
      const errors = {
        ...(draft.ok ? {} : draft.errors),
        ...(setup && !setup.ok ? setup.errors : {}),
      };
      if (!draft.ok || (setup && !setup.ok)) return formAgain(errors);
      const meeting =
        existing ??
        (await this.service.ensureMeeting(
          turn.conversationId,
          setup?.ok ? setup.value.groupCode : '',
          setup?.ok ? setup.value.meetingNumber : 0,
          turn.person,
          {
            meetingChat: turn.meetingChat,
            ...(turn.teamsMeetingId ? { teamsMeetingId: turn.teamsMeetingId } : {}),
            ...homeChannelOption(context),
          },
        ));
      const owners = attachTeamsUsers(draft.value.owners, await roster);
      const actor = this.service.actorFor(turn.person, meeting.group, await organizer);
      const action = await this.service.addAction(meeting, { ...draft.value, owners }, actor);
      const notice = `Added by ${turn.person.name}`;
      await replaceCardForEveryone(
        context,
        sharedActionCard(action, meeting.group, { now: this.now(), notice }),
        this.log,
      );
      return invokeCard(actionCardFor(action, meeting.group, actor, { now: this.now(), notice }));
    } catch (error) {
      return answerRefusal(error, (message) => {
        const field = error instanceof ValidationError ? error.field : undefined;
        return field && field in values ? formAgain({ [field]: message }) : formAgain({}, message);
      });
    }
  }

  private async changeAction(
    context: TurnContext,
    data: CardData,
    operation: ActionOperation,
    notice: string,
    apply: (action: Action, by: TurnInfo['person'], now: Date, group: Group) => Action,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = turnInfoOf(context);
    const ref = data.ref;
    if (typeof ref !== 'string' || ref.trim() === '') {
      return errorCard('This card does not say which action it is about; nothing was changed.');
    }
    let group: Group | undefined;
    try {
      group = await this.groupOf(turn);
      if (!group) return errorCard('This conversation has no meeting set up; nothing was changed.');
      const inGroup = group;
      const actor = await this.actorIn(context, turn, inGroup);
      const action = await this.service.changeAction(
        inGroup,
        ref,
        actor,
        operation,
        (current, now) => apply(current, turn.person, now, inGroup),
      );
      const shown = `${notice} by ${turn.person.name}`;
      await replaceCardForEveryone(
        context,
        sharedActionCard(action, inGroup, { now: this.now(), notice: shown }),
        this.log,
      );
      return invokeCard(actionCardFor(action, inGroup, actor, { now: this.now(), notice: shown }));
    } catch (error) {
      return answerRefusal(error, (message) =>
        this.actionCardWithError(context, turn, group, ref, message, data),
      );
    }
  }

  /**
   * Edit: the area, text and owners in one change. Editing is for the creator and the chairs
   * (`editText`, `changeArea` and `changeOwners` share those roles); each changed part gets its own
   * history entry, and the owners are matched to the conversation's members again.
   */
  private async editAction(
    context: TurnContext,
    data: CardData,
  ): Promise<AdaptiveCardInvokeResponse> {
    const members = await rosterOf(context, this.log);
    return this.changeAction(context, data, 'editText', 'Edited', (action, by, now) => {
      const area = textOf(data, ACTION_CARD_INPUTS.editArea, 'Area');
      const text = textOf(data, ACTION_CARD_INPUTS.editText, 'Action');
      const owners = parseOwners(textOf(data, ACTION_CARD_INPUTS.editOwner, 'Owner'));
      let edited = action;
      if (area.trim() !== action.area) edited = changeArea(edited, area, by, now);
      if (text.trim() !== action.text) edited = editText(edited, text, by, now);
      if (formatOwners(owners) !== formatOwners(action.owners)) {
        edited = changeOwners(edited, attachTeamsUsers(owners, members), by, now);
      }
      if (edited === action) throw new ValidationError('Nothing was changed.', 'text');
      return edited;
    });
  }

  private async refreshAction(
    context: TurnContext,
    data: CardData,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = turnInfoOf(context);
    const ref = data.ref;
    if (typeof ref !== 'string')
      return errorCard('This card does not say which action it is about.');
    try {
      const group = await this.groupOf(turn);
      if (!group) return errorCard('This conversation has no meeting set up.');
      const action = await this.service.getAction(group, ref);
      const actor = await this.actorIn(context, turn, group);
      return invokeCard(actionCardFor(action, group, actor, { now: this.now() }));
    } catch (error) {
      return answerRefusal(error, errorCard);
    }
  }

  private async addDiscussion(
    context: TurnContext,
    data: CardData,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = turnInfoOf(context);
    const values = formValues(data, DISCUSSION_FORM_FIELDS);
    let meetingCode: string | undefined;
    const formAgain = (errors: Record<string, string>, message?: string) =>
      invokeCard(
        buildDiscussionFormCard({
          values,
          errors,
          ...(meetingCode ? { meetingCode } : {}),
          ...(message ? { message } : {}),
        }),
      );
    try {
      const meeting = await this.service.contextOf(turn.conversationId);
      if (!meeting)
        return formAgain(
          {},
          'No meeting is set up in this conversation yet: type "meeting" first.',
        );
      meetingCode = meeting.meeting.code;
      const draft = validateDiscussionDraft(data);
      if (!draft.ok) return formAgain(draft.errors);
      const actor = await this.actorIn(context, turn, meeting.group);
      const item = await this.service.addDiscussionItem(meeting, draft.value, actor);
      const card = buildDiscussionItemCard(item, { notice: `Added by ${turn.person.name}` });
      await replaceCardForEveryone(context, card, this.log);
      return invokeCard(card);
    } catch (error) {
      return answerRefusal(error, (message) => formAgain({}, message));
    }
  }

  private async saveMeeting(
    context: TurnContext,
    data: CardData,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = turnInfoOf(context);
    const values = formValues(data, MEETING_FORM_FIELDS);
    let requireGroupName = false;
    const formAgain = (errors: Record<string, string>, message?: string) =>
      invokeCard(
        buildMeetingFormCard({ values, errors, requireGroupName, ...(message ? { message } : {}) }),
      );
    try {
      const groupCode =
        typeof data.groupCode === 'string' ? data.groupCode.trim().toUpperCase() : '';
      const group = groupCode ? await this.service.groupOfCode(groupCode) : undefined;
      requireGroupName = !group;
      const form = validateMeetingForm(data, {
        requireGroupName,
        timeZone: group?.timeZone ?? DEFAULT_TIME_ZONE,
      });
      if (!form.ok) return formAgain(form.errors);
      const saved = await this.service.setUpMeeting(turn.conversationId, form.value, turn.person, {
        meetingChat: turn.meetingChat,
        isMeetingOrganizer: await isMeetingOrganizer(context, this.log),
        ...(turn.teamsMeetingId ? { teamsMeetingId: turn.teamsMeetingId } : {}),
        ...homeChannelOption(context),
      });
      const card = buildMeetingCard(saved.meeting, {
        groupName: saved.group.name,
        timeZone: saved.group.timeZone,
        notice: `Saved by ${turn.person.name}`,
      });
      await replaceCardForEveryone(context, card, this.log);
      return invokeCard(card);
    } catch (error) {
      return answerRefusal(error, (message) => formAgain({}, message));
    }
  }

  private async listPage(
    context: TurnContext,
    data: CardData,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = turnInfoOf(context);
    const { filter, page } = data;
    if (!isListFilter(filter) || typeof page !== 'number' || !Number.isInteger(page) || page < 1) {
      return errorCard('This list card is out of date; type the list command again.');
    }
    try {
      const meeting = await this.service.contextOf(turn.conversationId);
      if (!meeting) return errorCard('This conversation has no meeting set up.');
      const listing = await listActions(this.service, meeting, filter, turn.person);
      return invokeCard(
        buildActionListCard({
          ...listing,
          filter,
          page,
          now: this.now(),
          timeZone: meeting.group.timeZone,
        }),
      );
    } catch (error) {
      return answerRefusal(error, errorCard);
    }
  }

  private async actionCardWithError(
    context: TurnContext,
    turn: TurnInfo,
    group: Group | undefined,
    ref: string,
    message: string,
    data: CardData,
  ): Promise<AdaptiveCardInvokeResponse> {
    if (!group) return errorCard(message);
    try {
      const action = await this.service.getAction(group, ref);
      const actor = await this.actorIn(context, turn, group);
      return invokeCard(
        actionCardFor(action, group, actor, {
          now: this.now(),
          error: message,
          values: formValues(data, Object.values(ACTION_CARD_INPUTS)),
        }),
      );
    } catch {
      return errorCard(message);
    }
  }

  private async groupOf(turn: TurnInfo): Promise<Group | undefined> {
    return (
      (await this.service.contextOf(turn.conversationId))?.group ??
      this.service.groupOf(turn.conversationId)
    );
  }

  private async actorIn(context: TurnContext, turn: TurnInfo, group: Group) {
    return this.service.actorFor(turn.person, group, await isMeetingOrganizer(context, this.log));
  }
}

const REPORTS_UNAVAILABLE = 'Headline reports are not available in this installation.';

function errorCard(message: string): AdaptiveCardInvokeResponse {
  return invokeCard(buildErrorCard({ message }));
}

/** The text inputs of a form as submitted, to show back after a refusal; non-text is dropped. */
function formValues<F extends string>(
  data: CardData,
  fields: readonly F[],
): Partial<Record<F, string>> {
  const values: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const value = data[field];
    if (typeof value === 'string') values[field] = value;
  }
  return values;
}

/** A text input's value; absent is empty, anything but text (a forged payload) is refused. */
function textOf(data: CardData, field: string, label: string): string {
  const value = data[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ValidationError(`${label} must be text.`, field);
  return value;
}

/** The group code and meeting number the action form asks for when no meeting is set up. */
function readMeetingSetup(data: CardData) {
  const fields = new FieldCollector<MeetingSetupField>();
  const groupCode = fields.check('groupCode', () =>
    parseGroupCode(typeof data.groupCode === 'string' ? data.groupCode : '', 'groupCode'),
  );
  const meetingNumber = fields.check('meetingNumber', () => {
    try {
      return parseMeetingNumber(data.meetingNumber, groupCode);
    } catch (error) {
      if (error instanceof ValidationError)
        throw new ValidationError(error.message, 'meetingNumber');
      throw error;
    }
  });
  return fields.result(() => ({ groupCode: groupCode ?? '', meetingNumber: meetingNumber ?? 0 }));
}
