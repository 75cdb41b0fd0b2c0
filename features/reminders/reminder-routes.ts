import { DateTime } from 'luxon';
import * as z from 'zod';
import { addUpdate, changeDueDate, markDone, type Action } from '../../core/action';
import type { ActionService } from '../../core/action-service';
import { confirmDueDate, parseDueDate } from '../../core/due-date';
import { ValidationError } from '../../core/errors';
import { isGroupChair, type Group } from '../../core/group';
import type { ActionOperation } from '../../core/permissions';
import type { Person } from '../../core/person';
import { muteReminders, snoozeReminders } from '../../core/reminders/action-reminders';
import { parseReminderPolicy, reminderPolicyOf } from '../../core/reminders/reminder-policy';
import type { ReminderSweep } from '../../core/reminders/reminder-sweep';
import { localDate } from '../../core/time-zone';
import { CARD_VERBS, type CardVerb } from '../../cards/card-verbs';
import { SAVE_DUE_DATE_BUTTON } from '../../cards/past-due-switch';
import { buildReminderCard, reminderInputIds } from '../../cards/reminders/reminder-card';
import {
  buildReminderPolicyCard,
  REMINDER_POLICY_INPUTS,
} from '../../cards/reminders/reminder-policy-card';
import { cardAnswer, textAnswer } from '../routing/answer';
import { errorAnswer } from '../routing/front-door';
import { formData, inputText, refText } from '../routing/payloads';
import { cardRoute, commandRoute, type FeatureRoutes, type RouteRequest } from '../routing/route';
import { boundGroup } from '../routing/scope';

/** Sends reminders now (the sweep, in the app). */
export type ReminderNudger = Pick<ReminderSweep, 'nudge'>;

/** A reminder card's buttons send `{ ref, refs, owner }` plus the inputs of the action's form. */
const reminderButton = z
  .looseObject({
    ref: refText,
    refs: z.array(refText).max(20).optional(),
    owner: inputText,
    days: z.number().optional(),
  })
  .catchall(z.unknown());

type ReminderButton = z.infer<typeof reminderButton>;

/**
 * Reminders: the chairs' `reminders` (the policy card) and `remind` (nudge owners now), and the
 * reminder card's buttons. A reminder usually sits in a personal chat bound to no group, so its
 * buttons need `ownerOrChair`: the caller acts on and sees an action only as its owner or a chair
 * of its group. The answer redraws the whole digest as it now stands.
 */
export function reminderRoutes(service: ActionService, nudger?: ReminderNudger): FeatureRoutes {
  const change = (
    verb: CardVerb,
    operation: ActionOperation,
    notice: string,
    apply: (action: Action, by: Person, at: Date, group: Group, data: ReminderButton) => Action,
  ) =>
    cardRoute({
      verb,
      payload: reminderButton,
      needs: 'ownerOrChair',
      changes: true,
      refs: (data) => [data.ref],
      run: async (request) => {
        const { payload, turn } = request;
        const group = request.groupOfRef(payload.ref);
        const actor = { person: turn.person, isChair: isGroupChair(group, turn.person) };
        const action = await service.changeAction(
          group,
          payload.ref,
          actor,
          operation,
          (current, at) => apply(current, turn.person, at, group, payload),
          request.operationId ? { operationId: request.operationId } : {},
        );
        const card = await digestCard(request, {
          notice: `${action.ref}: ${notice} by ${turn.person.name}`,
        });
        return { card, forEveryone: card };
      },
      refused: async ({ message, raw, request }) => {
        const data = reminderButton.safeParse(raw);
        if (!data.success || !request) return errorAnswer(message);
        const values = Object.fromEntries(
          Object.entries(data.data).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          ),
        );
        return cardAnswer(
          await digestCard({ ...request, payload: data.data }, { error: message, values }),
        );
      },
    });

  return {
    commands: [
      commandRoute({
        command: 'reminders',
        payload: z.string(),
        needs: 'group',
        changes: false,
        run: async (request) => {
          const group = boundGroup(request.scope);
          const actor = await request.actor();
          return cardAnswer(
            buildReminderPolicyCard(reminderPolicyOf(group), {
              groupCode: group.code,
              timeZone: group.timeZone,
              canEdit: actor.isChair,
            }),
          );
        },
      }),
      commandRoute({
        command: 'remind',
        payload: z.string().max(1000),
        needs: 'chair',
        chairsOnly: "Only the group's chairs may nudge owners.",
        changes: true,
        refs: (argument) => refsIn(argument),
        run: async (request) => {
          if (!nudger) return errorAnswer('Reminders cannot be sent from here.', 'Not available');
          const group = boundGroup(request.scope);
          const refs = refsIn(request.payload);
          const report = await nudger.nudge(
            group,
            refs,
            request.turn.activityId ?? String(Date.now()),
          );
          const owners = new Set(report.digests.map((digest) => digest.owner)).size;
          const what = refs.length > 0 ? refs.join(', ') : 'the overdue actions';
          const text =
            report.due === 0
              ? `Nothing to nudge: no open ${refs.length > 0 ? 'action among ' + what : 'action is overdue'}.`
              : `Nudged ${owners} owner(s) about ${what}: ${report.sent} reminder(s) sent` +
                (report.fellBack > 0
                  ? ` (${report.fellBack} by another path after one refused)`
                  : '') +
                (report.failed > 0
                  ? `, ${report.failed} failed and will be retried by the next sweep`
                  : '') +
                (report.skipped > 0 ? `, ${report.skipped} sent already` : '') +
                '.';
          return textAnswer(text);
        },
      }),
    ],
    cards: [
      change(CARD_VERBS.reminderDone, 'markDone', 'marked done', (a, by, at) =>
        markDone(a, by, at),
      ),
      change(CARD_VERBS.reminderUpdate, 'addUpdate', 'update added', (a, by, at, _g, data) =>
        addUpdate(a, textOf(data, reminderInputIds(a.ref).updateText, 'Update'), by, at),
      ),
      change(
        CARD_VERBS.reminderDueDate,
        'changeDueDate',
        'due date changed',
        (a, by, at, group, data) => {
          const ids = reminderInputIds(a.ref);
          const reason = textOf(data, ids.reason, 'Reason').trim();
          if (reason === '') throw new ValidationError('Say why the due date moves.', ids.reason);
          const timeZone = group.timeZone;
          const due = parseDueDate(textOf(data, ids.due, 'New due date'), { timeZone, now: at });
          if (!due) throw new ValidationError('Write the new due date, e.g. 30/03/22.', ids.due);
          confirmDueDate(due, {
            now: at,
            timeZone,
            ...(a.due ? { current: a.due } : {}),
            confirmed: data[ids.confirmPast] === 'true',
            field: ids.confirmPast,
            button: SAVE_DUE_DATE_BUTTON,
          });
          return changeDueDate(a, due, by, at, reason);
        },
      ),
      change(
        CARD_VERBS.reminderSnooze,
        'addUpdate',
        'reminders snoozed',
        (a, by, at, group, data) => {
          const days = data.days === 7 ? 7 : 1;
          const until =
            DateTime.fromISO(localDate(at, group.timeZone)).plus({ days }).toISODate() ?? '';
          return snoozeReminders(a, until, by, at);
        },
      ),
      change(CARD_VERBS.reminderMute, 'addUpdate', 'reminders muted', (a, by, at) =>
        muteReminders(a, by, at),
      ),
      cardRoute({
        verb: CARD_VERBS.reminderRefresh,
        payload: z.looseObject({ refs: z.array(refText).max(20).optional(), owner: inputText }),
        needs: 'ownerOrChair',
        hiddenRefsLeftOut: true,
        changes: false,
        refs: (data) => data.refs ?? [],
        run: async (request) => cardAnswer(await digestCard(request)),
      }),
      cardRoute({
        verb: CARD_VERBS.saveReminderPolicy,
        payload: formData,
        needs: 'chair',
        chairsOnly: "Only the group's chairs may change its reminders.",
        changes: true,
        run: async (request) => {
          const group = boundGroup(request.scope);
          const saved = await service.changeReminderPolicy(
            group,
            parseReminderPolicy(request.payload),
            await request.actor(),
          );
          const card = buildReminderPolicyCard(reminderPolicyOf(saved), {
            groupCode: saved.code,
            timeZone: saved.timeZone,
            canEdit: true,
            notice: `Saved by ${request.turn.person.name}`,
          });
          return { card, forEveryone: card };
        },
        refused: ({ message, field, raw, scope }) => {
          if (!scope || scope.kind === 'unbound') return errorAnswer(message);
          const data = (raw ?? {}) as Record<string, unknown>;
          const values = Object.fromEntries(
            Object.values(REMINDER_POLICY_INPUTS)
              .filter((id) => typeof data[id] === 'string')
              .map((id) => [id, String(data[id])]),
          );
          return cardAnswer(
            buildReminderPolicyCard(reminderPolicyOf(scope.group), {
              groupCode: scope.group.code,
              timeZone: scope.group.timeZone,
              canEdit: true,
              values,
              ...(field && field in REMINDER_POLICY_INPUTS
                ? { errors: { [field]: message } }
                : { message }),
            }),
          );
        },
      }),
    ],
  };
}

/** The digest the card showed (its `refs`), as the actions now stand, as far as the caller may see. */
async function digestCard(
  request: RouteRequest<{ readonly refs?: readonly string[]; readonly owner?: string | null }>,
  shown: { notice?: string; error?: string; values?: Record<string, string> } = {},
) {
  const visible = await request.visible(request.payload.refs ?? []);
  return buildReminderCard(
    visible.map(({ action, group }) => ({ action, timeZone: group.timeZone })),
    { owner: ownerOf(request.payload.owner), now: request.now, ...shown },
  );
}

function ownerOf(owner: string | null | undefined): string {
  return owner && owner.trim() ? owner : 'you';
}

/** Only ref-shaped words of `remind CCAG03-01 CCAG03-04`: what is echoed back carries no markup. */
function refsIn(argument: string): string[] {
  return argument
    .split(/[\s,]+/)
    .map((ref) => ref.trim().toUpperCase())
    .filter((ref) => /^[A-Z0-9-]{1,40}$/.test(ref));
}

/** A text input's value; absent is empty, anything but text (a forged payload) is refused. */
function textOf(data: Readonly<Record<string, unknown>>, field: string, label: string): string {
  const value = data[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new ValidationError(`${label} must be text.`, field);
  return value;
}
