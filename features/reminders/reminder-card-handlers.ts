import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { addUpdate, changeDueDate, markDone, type Action } from '../../core/action';
import { muteReminders, snoozeReminders } from '../../core/reminders/action-reminders';
import { parseActionRef } from '../../core/action-ref';
import type { ActionService } from '../../core/action-service';
import { parseDueDate } from '../../core/due-date';
import { ValidationError } from '../../core/errors';
import type { Group } from '../../core/group';
import type { ActionOperation } from '../../core/permissions';
import type { Person } from '../../core/person';
import { parseReminderPolicy, reminderPolicyOf } from '../../core/reminders/reminder-policy';
import { localDate } from '../../core/time-zone';
import { buildErrorCard } from '../../cards/error-card';
import { CARD_VERBS } from '../../cards/card-verbs';
import { buildReminderCard, reminderInputIds } from '../../cards/reminders/reminder-card';
import {
  buildReminderPolicyCard,
  REMINDER_POLICY_INPUTS,
} from '../../cards/reminders/reminder-policy-card';
import { userMessageFor } from '../../teams/failure';
import type { Logger } from '../../host/logger';
import { invokeCard, replaceCardForEveryone } from '../../teams/responses';
import { isMeetingOrganizer } from '../../teams/roster';
import { turnInfoOf } from '../../teams/turn';

type CardData = Readonly<Record<string, unknown>>;
type Handler = (context: TurnContext, data: CardData) => Promise<AdaptiveCardInvokeResponse>;

/** The verbs of the reminder card and the reminders policy card. */
export type ReminderCardVerb =
  | typeof CARD_VERBS.reminderDone
  | typeof CARD_VERBS.reminderUpdate
  | typeof CARD_VERBS.reminderDueDate
  | typeof CARD_VERBS.reminderSnooze
  | typeof CARD_VERBS.reminderMute
  | typeof CARD_VERBS.reminderRefresh
  | typeof CARD_VERBS.saveReminderPolicy;

/**
 * What the reminder card's buttons do. A reminder may sit in a personal chat, bound to no group,
 * so the group comes from the ref (`CCAG03-01` → CCAG); permissions are checked against the
 * stored action as for every change. The answer redraws the whole digest as it now stands.
 */
export function reminderCardHandlers(
  service: ActionService,
  log: Logger,
  now: () => Date,
): Record<ReminderCardVerb, Handler> {
  const change =
    (
      operation: ActionOperation,
      notice: string,
      apply: (action: Action, by: Person, at: Date, group: Group, data: CardData) => Action,
    ): Handler =>
    async (context, data) => {
      const ref = typeof data.ref === 'string' ? data.ref : '';
      const turn = turnInfoOf(context);
      try {
        const group = await groupOfRef(service, ref);
        const actor = service.actorFor(turn.person, group, await isMeetingOrganizer(context, log));
        const action = await service.changeAction(group, ref, actor, operation, (current, at) =>
          apply(current, turn.person, at, group, data),
        );
        const card = await digestCard(
          service,
          data,
          now(),
          `${action.ref}: ${notice} by ${turn.person.name}`,
        );
        await replaceCardForEveryone(context, card, log);
        return invokeCard(card);
      } catch (error) {
        const message = userMessageFor(error);
        if (message === undefined) throw error;
        return invokeCard(
          await digestCard(service, data, now(), undefined, message).catch(() =>
            buildErrorCard({ message }),
          ),
        );
      }
    };

  return {
    [CARD_VERBS.reminderDone]: change('markDone', 'marked done', (a, by, at) =>
      markDone(a, by, at),
    ),
    [CARD_VERBS.reminderUpdate]: change('addUpdate', 'update added', (a, by, at, _g, data) =>
      addUpdate(a, textOf(data, reminderInputIds(a.ref).updateText, 'Update'), by, at),
    ),
    [CARD_VERBS.reminderDueDate]: change(
      'changeDueDate',
      'due date changed',
      (a, by, at, group, data) => {
        const ids = reminderInputIds(a.ref);
        const reason = textOf(data, ids.reason, 'Reason').trim();
        if (reason === '') throw new ValidationError('Say why the due date moves.', ids.reason);
        const due = parseDueDate(textOf(data, ids.due, 'New due date'), {
          timeZone: group.timeZone,
        });
        if (!due) throw new ValidationError('Write the new due date, e.g. 30/03/22.', ids.due);
        return changeDueDate(a, due, by, at, reason);
      },
    ),
    [CARD_VERBS.reminderSnooze]: change(
      'addUpdate',
      'reminders snoozed',
      (a, by, at, group, data) => {
        const days = data.days === 7 ? 7 : 1;
        const until =
          DateTime.fromISO(localDate(at, group.timeZone)).plus({ days }).toISODate() ?? '';
        return snoozeReminders(a, until, by, at);
      },
    ),
    [CARD_VERBS.reminderMute]: change('addUpdate', 'reminders muted', (a, by, at) =>
      muteReminders(a, by, at),
    ),
    [CARD_VERBS.reminderRefresh]: async (_context, data) => {
      try {
        return invokeCard(await digestCard(service, data, now()));
      } catch (error) {
        const message = userMessageFor(error);
        if (message === undefined) throw error;
        return invokeCard(buildErrorCard({ message }));
      }
    },
    [CARD_VERBS.saveReminderPolicy]: async (context, data) => {
      const turn = turnInfoOf(context);
      const code = typeof data.groupCode === 'string' ? data.groupCode : '';
      const values = Object.fromEntries(
        Object.values(REMINDER_POLICY_INPUTS)
          .filter((id) => typeof data[id] === 'string')
          .map((id) => [id, String(data[id])]),
      );
      let group: Group | undefined;
      try {
        group = await service.groupOfCode(code);
        if (!group) return invokeCard(buildErrorCard({ message: `There is no group ${code}.` }));
        const actor = service.actorFor(turn.person, group, await isMeetingOrganizer(context, log));
        const saved = await service.changeReminderPolicy(group, parseReminderPolicy(data), actor);
        const card = buildReminderPolicyCard(reminderPolicyOf(saved), {
          groupCode: saved.code,
          timeZone: saved.timeZone,
          canEdit: true,
          notice: `Saved by ${turn.person.name}`,
        });
        await replaceCardForEveryone(context, card, log);
        return invokeCard(card);
      } catch (error) {
        const message = userMessageFor(error);
        if (message === undefined || !group) throw error;
        const field = error instanceof ValidationError ? error.field : undefined;
        return invokeCard(
          buildReminderPolicyCard(reminderPolicyOf(group), {
            groupCode: group.code,
            timeZone: group.timeZone,
            canEdit: true,
            values,
            ...(field && field in REMINDER_POLICY_INPUTS
              ? { errors: { [field]: message } }
              : { message }),
          }),
        );
      }
    },
  };
}

async function groupOfRef(service: ActionService, ref: string): Promise<Group> {
  const parsed = parseActionRef(ref);
  const group = parsed ? await service.groupOfCode(parsed.groupCode) : undefined;
  if (!group)
    throw new ValidationError('This card does not name an action; nothing was changed.', 'ref');
  return group;
}

/** The digest the card showed (its `refs`), as the actions now stand. */
async function digestCard(
  service: ActionService,
  data: CardData,
  at: Date,
  notice?: string,
  error?: string,
) {
  const refs = Array.isArray(data.refs)
    ? data.refs.filter((ref): ref is string => typeof ref === 'string')
    : [];
  const owner = typeof data.owner === 'string' && data.owner.trim() ? data.owner : 'you';
  const items = [];
  for (const ref of refs.slice(0, 20)) {
    try {
      const group = await groupOfRef(service, ref);
      items.push({ action: await service.getAction(group, ref), timeZone: group.timeZone });
    } catch {
      // A ref that no longer resolves is left off the redrawn card.
    }
  }
  const values = Object.fromEntries(
    Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return buildReminderCard(items, {
    owner,
    now: at,
    ...(notice ? { notice } : {}),
    ...(error ? { error, values } : {}),
  });
}

/** A text input's value; absent is empty, anything but text (a forged payload) is refused. */
function textOf(data: CardData, field: string, label: string): string {
  const value = data[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ValidationError(`${label} must be text.`, field);
  return value;
}
