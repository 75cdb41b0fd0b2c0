import * as z from 'zod';
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
import { ACTION_FORM_FIELDS, readNextActionPrefill } from '../../core/action-form';
import type { ActionService, MeetingContext } from '../../core/action-service';
import { confirmDueDate, parseDueDate } from '../../core/due-date';
import { PermissionDeniedError, ValidationError } from '../../core/errors';
import type { Group } from '../../core/group';
import { attachTeamsUsers, formatOwners, parseOwners, type TeamsUserRef } from '../../core/owner';
import { isGroupChair } from '../../core/group';
import type { ActionOperation, Actor } from '../../core/permissions';
import type { Person } from '../../core/person';
import { readDueShortcut, type Shortcut } from '../../core/shortcuts';
import { TEXT_LIMITS } from '../../core/text-rules';
import { ACTION_CARD_INPUTS, SAVE_DUE_DATE_BUTTON } from '../../cards/action-card';
import { buildActionFormCard, type ActionFormMeeting } from '../../cards/action-form-card';
import { buildActionListCard } from '../../cards/action-list-card';
import { CARD_VERBS } from '../../cards/card-verbs';
import { buildHelpCard } from '../../cards/help-card';
import { cardAnswer, type Answer } from '../routing/answer';
import { errorAnswer, NO_MEETING_REPLY } from '../routing/front-door';
import {
  actionButton,
  argumentText,
  formData,
  inputText,
  textValue,
  typedValues,
} from '../routing/payloads';
import {
  cardRoute,
  commandRoute,
  shortcutRoute,
  type FeatureRoutes,
  type Refusal,
  type RouteRequest,
} from '../routing/route';
import { boundGroup, boundMeeting, isBoundMeetingChat, type Scope } from '../routing/scope';
import { actionCardFor, actionForm, sharedActionCard } from './action-card-view';
import { addActionFromForm } from './add-action';
import {
  LIST_FILTERS,
  listActions,
  listMineEverywhere,
  meetingForListing,
  type ListFilter,
} from './action-lists';

/**
 * The action feature's routes: the typed commands (`add`, `list`, `show`, …), the plain-text
 * shortcuts (`CCAG03-04 done`) and the action card's buttons. The front door has resolved the
 * group, checked refs and permissions' preconditions; these hold only what the feature does.
 */
export function actionRoutes(service: ActionService): FeatureRoutes {
  return {
    commands: [
      commandRoute({
        command: 'help',
        payload: z.string(),
        needs: 'nothing',
        changes: false,
        run: async () => cardAnswer(buildHelpCard()),
      }),
      commandRoute({
        command: 'add',
        payload: argumentText(TEXT_LIMITS.actionText),
        needs: 'nothing',
        changes: false,
        run: async ({ payload, scope, teams }) => {
          // Read the roster now, while the note-taker types, so the submit needs no call to Teams.
          void teams.roster();
          return cardAnswer(await actionForm(service, scope, payload ? { text: payload } : {}));
        },
      }),
      ...LIST_FILTERS.map((filter) =>
        commandRoute({
          command: filter,
          payload: z.string().max(40, 'names no meeting'),
          needs: 'nothing',
          changes: false,
          run: (request) => listCommand(service, request, filter),
        }),
      ),
      commandRoute({
        command: 'show',
        payload: z.string().trim().max(40),
        needs: 'group',
        changes: false,
        refs: (ref) => (ref ? [ref] : []),
        run: async (request) => {
          if (!request.payload) return errorAnswer('Which action? For example: show CCAG03-01');
          return showAction(service, request, request.payload);
        },
      }),
    ],
    shortcuts: shortcutRoutes(service),
    cards: [
      cardRoute({
        verb: CARD_VERBS.addAction,
        payload: formData,
        needs: 'nothing',
        changes: true,
        // In a meeting the add is one transaction with its receipt; a set-up runs under a claim.
        storedOnce: ({ scope }) => scope.kind === 'meeting',
        run: async (request) => {
          const outcome = await addActionFromForm(service, request);
          if (outcome.kind === 'invalid') {
            return {
              card: buildActionFormCard({
                values: typedValues(request.payload, ACTION_FORM_FIELDS),
                errors: outcome.errors,
                meeting: formMeetingOf(request.scope, request.payload, outcome.context),
              }),
              unchanged: true,
            };
          }
          const { action, context } = outcome;
          const notice = `Added by ${request.turn.person.name}`;
          // Everyone's card offers Add another, not just the note-taker's: Teams shows the
          // message as replaced for everyone to the note-taker too, and anyone may add.
          const view = { now: request.now, notice, addAnother: true };
          // The group may have been set up by this very add, its author its first chair.
          const actor = {
            person: request.turn.person,
            isChair: isGroupChair(context.group, request.turn.person),
          };
          const { linkOwners } = outcome;
          return {
            card: actionCardFor(action, context.group, actor, view),
            // Built once the answer has gone, so the clicker does not wait for it; with the
            // owners matched to members then, when the roster was not cached.
            afterAnswer: async () =>
              sharedActionCard(linkOwners ? await linkOwners() : action, context.group, view),
          };
        },
        refused: ({ message, field, raw, scope }) => ({
          card: buildActionFormCard({
            values: typedValues(raw, ACTION_FORM_FIELDS),
            ...(field && (ACTION_FORM_FIELDS as readonly string[]).includes(field)
              ? { errors: { [field]: message } }
              : { message }),
            meeting: formMeetingOf(scope, raw),
          }),
        }),
      }),
      cardRoute({
        verb: CARD_VERBS.addAnother,
        payload: actionButton.catchall(z.unknown()),
        needs: 'meeting',
        // It changes no data, but posts a message: run once per click, so that a double click
        // (or an invoke Teams delivers twice) posts one form, and the repeat gets the same card.
        changes: true,
        refs: (data) => [data.ref],
        run: (request) => addAnother(service, request),
        refused: (refusal) => actionCardWithError(service, refusal),
      }),
      changeRoute(service, CARD_VERBS.addUpdate, 'addUpdate', 'Update added', (data) => ({
        apply: (a, by, now) =>
          addUpdate(a, textValue(data[ACTION_CARD_INPUTS.updateText]), by, now),
      })),
      changeRoute(
        service,
        CARD_VERBS.changeDueDate,
        'changeDueDate',
        'Due date changed',
        (data, group) => ({
          apply: (a, by, now) => {
            const timeZone = group.timeZone;
            const due = parseDueDate(textValue(data[ACTION_CARD_INPUTS.due]), { timeZone, now });
            confirmDueDate(due, {
              now,
              timeZone,
              ...(a.due ? { current: a.due } : {}),
              confirmed: data[ACTION_CARD_INPUTS.dueConfirmPast] === 'true',
              field: ACTION_CARD_INPUTS.dueConfirmPast,
              button: SAVE_DUE_DATE_BUTTON,
            });
            return changeDueDate(
              a,
              due,
              by,
              now,
              textValue(data[ACTION_CARD_INPUTS.dueReason]) || undefined,
            );
          },
        }),
      ),
      changeRoute(service, CARD_VERBS.markDone, 'markDone', 'Marked done', () => ({
        apply: (a, by, now) => markDone(a, by, now),
      })),
      changeRoute(service, CARD_VERBS.reopen, 'reopen', 'Reopened', () => ({
        apply: (a, by, now) => reopen(a, by, now),
      })),
      changeRoute(service, CARD_VERBS.cancel, 'cancel', 'Cancelled', (data) => ({
        apply: (a, by, now) =>
          cancel(a, by, now, textValue(data[ACTION_CARD_INPUTS.cancelReason]) || undefined),
      })),
      changeRoute(service, CARD_VERBS.editAction, 'editText', 'Edited', (data) => ({
        // Editing is for the creator and the chairs (editText, changeArea and changeOwners share
        // those roles); each changed part gets its own history entry.
        apply: (action, by, now, members) => {
          const area = textValue(data[ACTION_CARD_INPUTS.editArea]);
          const text = textValue(data[ACTION_CARD_INPUTS.editText]);
          const owners = parseOwners(textValue(data[ACTION_CARD_INPUTS.editOwner]));
          let edited = action;
          if (area.trim() !== action.area) edited = changeArea(edited, area, by, now);
          if (text.trim() !== action.text) edited = editText(edited, text, by, now);
          if (formatOwners(owners) !== formatOwners(action.owners)) {
            edited = changeOwners(edited, attachTeamsUsers(owners, members), by, now);
          }
          if (edited === action) throw new ValidationError('Nothing was changed.', 'text');
          return edited;
        },
        needsRoster: true,
      })),
      cardRoute({
        verb: CARD_VERBS.refreshAction,
        payload: actionButton,
        needs: 'group',
        changes: false,
        refs: (data) => [data.ref],
        run: async (request) => {
          const group = boundGroup(request.scope);
          const action = await service.getAction(group, request.payload.ref);
          return cardAnswer(
            actionCardFor(action, group, await request.actor(), {
              now: request.now,
              // Refreshed in its meeting's conversation, the card keeps Add another.
              addAnother: isOfBoundMeeting(request.scope, action),
            }),
          );
        },
      }),
      cardRoute({
        verb: CARD_VERBS.listPage,
        payload: z.looseObject({
          filter: z.enum(LIST_FILTERS, { error: 'is not a list' }),
          page: z.number().int().min(1).max(10_000),
          meetingNumber: z.number().int().min(1).max(9999).optional(),
        }),
        needs: 'nothing',
        changes: false,
        run: (request) =>
          listCommand(service, request, request.payload.filter, {
            page: request.payload.page,
            ...(request.payload.meetingNumber
              ? { meetingNumber: request.payload.meetingNumber }
              : {}),
          }),
        refused: ({ message }) =>
          errorAnswer(`This list card is out of date (${message}); type the list command again.`),
      }),
    ],
  };
}

type CardData = Readonly<Record<string, string | null | undefined>>;

interface ChangeSpec {
  readonly apply: (
    action: Action,
    by: Person,
    now: Date,
    members: readonly TeamsUserRef[],
  ) => Action;
  /** The change matches owners to the conversation's members (asks Teams for the roster). */
  readonly needsRoster?: boolean;
}

/**
 * A button that changes one action: the permission is checked against the action as stored when
 * it is written; the answer is the action card as the clicker may use it, and everyone else's
 * card is replaced after the answer.
 */
function changeRoute(
  service: ActionService,
  verb: (typeof CARD_VERBS)[keyof typeof CARD_VERBS],
  operation: ActionOperation,
  notice: string,
  spec: (data: CardData, group: Group) => ChangeSpec,
) {
  return cardRoute({
    verb,
    payload: actionButton.catchall(inputText),
    needs: 'group',
    changes: true,
    refs: (data) => [data.ref],
    run: async (request) => {
      const group = boundGroup(request.scope);
      const change = spec(request.payload, group);
      const members = change.needsRoster ? await request.teams.roster() : [];
      const by = request.turn.person;
      const { action, actor } = await withActor(request, (actor) =>
        service.changeAction(
          group,
          request.payload.ref,
          actor,
          operation,
          (current, now) => change.apply(current, by, now, members),
          request.operationId ? { operationId: request.operationId } : {},
        ),
      );
      const shown = `${notice} by ${by.name}`;
      const view = { now: request.now, notice: shown };
      return {
        card: actionCardFor(action, group, actor, view),
        forEveryone: sharedActionCard(action, group, view),
      };
    },
    refused: (refusal) => actionCardWithError(service, refusal),
  });
}

/**
 * Runs `work` as the caller known to the group; only when that is refused, and only in the
 * meeting chat bound to the group's meeting, asks Teams whether they organise it and tries again.
 * Most changes are an owner's own and never need the question.
 */
export async function withActor<T>(
  request: RouteRequest<unknown>,
  work: (actor: Actor) => Promise<T>,
): Promise<{ action: T; actor: Actor }> {
  try {
    return { action: await work(request.knownActor), actor: request.knownActor };
  } catch (error) {
    if (
      !(error instanceof PermissionDeniedError) ||
      !isBoundMeetingChat(request.scope, request.turn)
    )
      throw error;
    const actor = await request.actor();
    if (!actor.isChair) throw error;
    return { action: await work(actor), actor };
  }
}

/** True when the action belongs to the meeting the conversation is bound to. */
function isOfBoundMeeting(scope: Scope, action: Action): boolean {
  return scope.kind === 'meeting' && scope.meeting.code === action.meetingCode;
}

/** What the clicker's card says once Add another has posted the next form. */
export const NEXT_FORM_NOTICE = "The next action's form is below.";

/**
 * Add another: the clicked action's card stays where it is (the clicker's copy says the form is
 * below and drops the button, which has done its work), and a fresh form for the conversation's
 * meeting is posted under it, the area and due date kept. The meeting is the binding's, never the
 * card's: a card of another meeting (an old one, or a forged one) gets this meeting's form, with
 * nothing carried from the card.
 */
async function addAnother(
  service: ActionService,
  request: RouteRequest<{ readonly ref: string } & Readonly<Record<string, unknown>>>,
): Promise<Answer> {
  const { group, meeting } = boundMeeting(request.scope);
  // Read the roster now, while the note-taker types, so the submit needs no call to Teams.
  void request.teams.roster();
  const carried = readNextActionPrefill(request.payload);
  const sameMeeting = carried.meetingCode === meeting.code;
  const [action, form] = await Promise.all([
    service.getAction(group, request.payload.ref),
    actionForm(
      service,
      request.scope,
      sameMeeting ? { area: carried.area, ...(carried.due ? { due: carried.due } : {}) } : {},
      sameMeeting
        ? {}
        : {
            message: `The card you clicked is of another meeting: this form adds to ${meeting.code}, this conversation's meeting.`,
          },
    ),
  ]);
  return {
    card: actionCardFor(action, group, request.knownActor, {
      now: request.now,
      notice: NEXT_FORM_NOTICE,
    }),
    // Stamped by the front door with the answer: its Add action is one operation however often
    // it is clicked.
    post: form,
  };
}

/** The action card again, with the reason under it and what was typed kept. */
async function actionCardWithError(service: ActionService, refusal: Refusal): Promise<Answer> {
  const ref = (refusal.raw as { ref?: unknown } | undefined)?.ref;
  const scope = refusal.scope;
  if (typeof ref !== 'string' || !scope || scope.kind === 'unbound')
    return errorAnswer(refusal.message);
  try {
    const action = await service.getAction(scope.group, ref);
    return cardAnswer(
      actionCardFor(action, scope.group, actorOf(refusal, scope.group), {
        now: refusal.request?.now ?? new Date(),
        error: refusal.message,
        values: typedValues(refusal.raw, Object.values(ACTION_CARD_INPUTS)),
      }),
    );
  } catch {
    return errorAnswer(refusal.message);
  }
}

/** The caller as the group knows them, for the buttons of a card that answers a refusal. */
function actorOf(refusal: Refusal, group: Group): Actor {
  const person = refusal.turn.person;
  return { person, isChair: isGroupChair(group, person) };
}

function shortcutRoutes(service: ActionService) {
  const change = (
    kind: Exclude<Shortcut['kind'], 'show'>,
    operation: ActionOperation,
    said: (ref: string) => string,
    apply: (shortcut: Shortcut, action: Action, by: Person, now: Date, group: Group) => Action,
  ) =>
    shortcutRoute({
      shortcut: kind,
      payload: z.custom<Shortcut>((value) => typeof value === 'object' && value !== null),
      needs: 'group',
      changes: true,
      refs: (shortcut) => [shortcut.ref],
      run: async (request) => {
        const group = boundGroup(request.scope);
        const by = request.turn.person;
        const { action, actor } = await withActor(request, (actor) =>
          service.changeAction(
            group,
            request.payload.ref,
            actor,
            operation,
            (current, now) => apply(request.payload, current, by, now, group),
            request.operationId ? { operationId: request.operationId } : {},
          ),
        );
        return cardAnswer(
          actionCardFor(action, group, actor, {
            now: request.now,
            notice: `${said(action.ref)} by ${by.name}`,
          }),
        );
      },
    });
  return [
    shortcutRoute({
      shortcut: 'show',
      payload: z.custom<Shortcut>((value) => typeof value === 'object' && value !== null),
      needs: 'group',
      changes: false,
      refs: (shortcut) => [shortcut.ref],
      run: (request) => showAction(service, request, request.payload.ref),
    }),
    change(
      'done',
      'markDone',
      (ref) => `${ref} marked done`,
      (_s, a, by, now) => markDone(a, by, now),
    ),
    change(
      'reopen',
      'reopen',
      (ref) => `${ref} reopened`,
      (_s, a, by, now) => reopen(a, by, now),
    ),
    change(
      'update',
      'addUpdate',
      (ref) => `Update added to ${ref}`,
      (s, a, by, now) => addUpdate(a, s.kind === 'update' ? s.text : '', by, now),
    ),
    change(
      'due',
      'changeDueDate',
      (ref) => `Due date of ${ref} changed`,
      (s, a, by, now, group) => {
        if (s.kind !== 'due') return a;
        const { due, reason } = readDueShortcut(
          { ref: a.ref, text: s.text },
          { now, timeZone: group.timeZone, ...(a.due ? { current: a.due } : {}) },
        );
        return changeDueDate(a, due, by, now, reason || undefined);
      },
    ),
  ];
}

async function showAction(
  service: ActionService,
  request: RouteRequest<unknown>,
  ref: string,
): Promise<Answer> {
  const group = boundGroup(request.scope);
  const action = await service.getAction(group, ref);
  return cardAnswer(actionCardFor(action, group, await request.actor(), { now: request.now }));
}

/**
 * `list`, `open`, `mine`, `overdue`, optionally naming a meeting (`list CCAG003`). In personal
 * chat, bound to no group, `mine` lists the caller's open actions in every group of their tenant.
 */
async function listCommand(
  service: ActionService,
  request: RouteRequest<unknown>,
  filter: ListFilter,
  options: { page?: number; meetingNumber?: number } = {},
): Promise<Answer> {
  const argument = typeof request.payload === 'string' ? request.payload.trim() : '';
  const { scope, turn } = request;
  if (scope.kind === 'unbound' && filter === 'mine' && !argument) {
    const listing = await listMineEverywhere(service, turn.tenantId, turn.person);
    return cardAnswer(
      buildActionListCard({ ...listing, filter, now: request.now, ...pageOf(options) }),
    );
  }
  if (scope.kind === 'unbound') return errorAnswer(NO_MEETING_REPLY, 'No meeting yet');
  const context = await meetingForListing(service, scope, argument, options.meetingNumber);
  const listing = await listActions(service, context, filter, turn.person);
  return cardAnswer(
    buildActionListCard({
      ...listing,
      filter,
      now: request.now,
      timeZone: context.group.timeZone,
      ...pageOf(options),
      ...(context.meeting.number !== (scope.kind === 'meeting' ? scope.meeting.number : -1)
        ? { meetingNumber: context.meeting.number }
        : {}),
    }),
  );
}

function pageOf(options: { page?: number }): { page?: number } {
  return options.page ? { page: options.page } : {};
}

function formMeetingOf(
  scope: Scope | undefined,
  raw: unknown,
  context?: MeetingContext,
): ActionFormMeeting {
  if (context) return { code: context.meeting.code };
  if (scope?.kind === 'meeting') return { code: scope.meeting.code };
  const values = typedValues(raw, ['groupCode', 'meetingNumber'] as const);
  return { needsSetup: true, ...values };
}
