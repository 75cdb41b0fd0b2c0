import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { parseActionRef } from '../../core/action-ref';
import { parseCommand } from '../../core/commands';
import {
  isDomainError,
  NotFoundError,
  PermissionDeniedError,
  StorageUnavailableError,
} from '../../core/errors';
import { isGroupChair, type Group } from '../../core/group';
import type { Log } from '../../core/log';
import type { OperationStore } from '../../core/operations';
import { isOwnedBy } from '../../core/owner';
import type { Actor } from '../../core/permissions';
import { parseShortcut } from '../../core/shortcuts';
import type { ActionStore } from '../../core/stores';
import { buildErrorCard } from '../../cards/error-card';
import { isCardVerb } from '../../cards/card-verbs';
import type { Answer } from './answer';
import { operationKeyOf, stampOperations } from './operation-key';
import type {
  CardRoute,
  CommandRoute,
  FeatureRoutes,
  Refusal,
  RouteRequest,
  ShortcutRoute,
  VisibleAction,
} from './route';
import {
  isBoundMeetingChat,
  isVisibleTo,
  resolveScope,
  type Scope,
  type ScopeStores,
} from './scope';
import type { TeamsPort, Turn } from './turn';

export const NO_MEETING_REPLY =
  'No meeting is set up in this conversation yet. Type "meeting" to set one up, or "add" to add the first action (the form asks which meeting).';

export const NO_GROUP_REPLY =
  'No group is set up in this conversation yet. Type "meeting" to set one up first.';

export const STORAGE_DOWN_MESSAGE =
  'Nothing was saved: storage is unavailable right now. Your input is kept — try again in a moment.';

export const STALE_CARD_MESSAGE =
  'This card is out of date or was not sent by Meeting Actions; nothing was changed.';

export const OUTCOME_UNKNOWN_MESSAGE =
  'Storage did not confirm whether this was saved. Your input is kept: check the card (refresh it) before trying again.';

export const STILL_SAVING_MESSAGE =
  'This is being saved already (a second click arrived while the first was running). Refresh the card in a moment to see it.';

export const UNEXPECTED_MESSAGE =
  "Sorry, something went wrong on my side and I couldn't finish that. Your input is kept; try again in a moment.";

/** The most actions one request may name (a digest lists at most ten). */
const MAX_REFS = 20;

export interface FrontDoorDependencies {
  readonly stores: ScopeStores & { readonly actions: Pick<ActionStore, 'getAction'> };
  readonly operations: OperationStore;
  readonly routes: readonly FeatureRoutes[];
  readonly log: Log;
  readonly now?: () => Date;
  /** How long a repeat waits for the first run of the same operation to finish. */
  readonly repeatWaitMs?: number;
  /** A claim older than this belongs to a run that died; a repeat may take it over. */
  readonly staleOperationMs?: number;
}

/**
 * The one place every request passes through, whatever surface it came from: it parses the
 * payload with the route's schema, resolves the caller's tenant and the conversation's group from
 * its binding (never from the payload), checks that every ref named belongs to that group,
 * authorises, runs the route once per operation key, and turns every refusal into a card that
 * keeps the user's input. Routes hold only their feature's logic.
 */
export class FrontDoor {
  private readonly commands = new Map<string, CommandRoute>();
  private readonly shortcuts = new Map<string, ShortcutRoute>();
  private readonly cards = new Map<string, CardRoute>();
  private readonly now: () => Date;

  constructor(private readonly deps: FrontDoorDependencies) {
    this.now = deps.now ?? (() => new Date());
    for (const feature of deps.routes) {
      for (const route of feature.commands ?? []) register(this.commands, route.command, route);
      for (const route of feature.shortcuts ?? []) register(this.shortcuts, route.shortcut, route);
      for (const route of feature.cards ?? []) register(this.cards, route.verb, route);
    }
  }

  /** The verbs that have a route: a test checks every verb a card can send is among them. */
  get verbs(): readonly string[] {
    return [...this.cards.keys()];
  }

  /**
   * A typed message: a shortcut naming an action, else a command. Undefined when it is neither,
   * so the caller can say what the bot understands.
   */
  async message(turn: Turn, teams: TeamsPort, text: string): Promise<Answer | undefined> {
    const shortcut = parseShortcut(text);
    if (shortcut) {
      const route = this.shortcuts.get(shortcut.kind);
      if (route) return this.run(route, turn, teams, shortcut, { text });
    }
    const command = parseCommand(text);
    const route = command ? this.commands.get(command.name) : undefined;
    if (!command || !route) return undefined;
    return this.run(route, turn, teams, command.argument, { text });
  }

  /** A card button, by its verb; an unknown verb (a forged or outdated card) gets an error card. */
  async card(turn: Turn, teams: TeamsPort, verb: unknown, data: unknown): Promise<Answer> {
    const route = isCardVerb(verb) ? this.cards.get(verb) : undefined;
    if (!route || typeof verb !== 'string') return errorAnswer(STALE_CARD_MESSAGE);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return errorAnswer('This card sent no data; nothing was changed.');
    }
    const record = data as Record<string, unknown>;
    return this.run(route, turn, teams, record, { verb, data: record });
  }

  /** A route of a surface with no verb of its own (the message extension's dialog). */
  async dialog(route: CardRoute, turn: Turn, teams: TeamsPort, data: unknown): Promise<Answer> {
    const record = (typeof data === 'object' && data !== null ? data : {}) as Record<
      string,
      unknown
    >;
    return this.run(route, turn, teams, data, { verb: `dialog-${route.verb}`, data: record });
  }

  private async run(
    route: CommandRoute | ShortcutRoute | CardRoute,
    turn: Turn,
    teams: TeamsPort,
    raw: unknown,
    keySource: Parameters<typeof operationKeyOf>[1],
  ): Promise<Answer> {
    let scope: Scope | undefined;
    let request: RouteRequest<unknown> | undefined;
    try {
      const parsed = (route.payload as z.ZodType).safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = typeof issue?.path[0] === 'string' ? issue.path[0] : undefined;
        return await this.refuse(route, {
          message: `This request could not be read${field ? ` (${field}: ${issue?.message})` : ''}; nothing was changed.`,
          ...(field ? { field } : {}),
          raw,
          turn,
        });
      }
      scope = await resolveScope(this.deps.stores, turn);
      request = await this.authorise(route, turn, teams, scope, parsed.data);
      const key = route.changes ? operationKeyOf(turn, keySource) : undefined;
      if (!key) return stamped(await route.run(request));
      const keyed = { ...request, operationId: key };
      if (route.storedOnce?.(keyed)) return stamped(await route.run(keyed), key);
      return await this.once(turn, key, () => route.run(keyed));
    } catch (error) {
      return this.answerFailure(route, error, raw, turn, scope, request);
    }
  }

  /** Checks what the route needs and builds its request; throws the refusal otherwise. */
  private async authorise(
    route: CommandRoute | ShortcutRoute | CardRoute,
    turn: Turn,
    teams: TeamsPort,
    scope: Scope,
    payload: unknown,
  ): Promise<RouteRequest<unknown>> {
    const group = scope.kind === 'unbound' ? undefined : scope.group;
    const knownActor: Actor = {
      person: turn.person,
      isChair: group ? isGroupChair(group, turn.person) : false,
    };
    let actor: Promise<Actor> | undefined;
    const refGroups = new Map<string, Group>();
    const request: RouteRequest<unknown> = {
      turn,
      teams,
      payload,
      scope,
      now: this.now(),
      knownActor,
      // The meeting organizer chairs only in the meeting chat bound to that group's meeting.
      actor: () =>
        (actor ??=
          knownActor.isChair || !isBoundMeetingChat(scope, turn)
            ? Promise.resolve(knownActor)
            : teams.isMeetingOrganizer().then((isChair) => ({ person: turn.person, isChair }))),
      visible: (refs) => this.visibleActions(turn, refs),
      groupOfRef: (ref) => {
        const found = refGroups.get(ref.trim().toUpperCase());
        if (!found)
          throw new NotFoundError(`There is no action ${ref.trim().toUpperCase()} you can see.`);
        return found;
      },
    };
    const refs = route.refs?.(payload) ?? [];
    switch (route.needs) {
      case 'nothing':
        break;
      case 'group':
      case 'chair':
        if (!group) throw new NotFoundError(NO_GROUP_REPLY);
        break;
      case 'meeting':
        if (scope.kind !== 'meeting') throw new NotFoundError(NO_MEETING_REPLY);
        break;
      case 'ownerOrChair':
        await this.checkVisibleActions(turn, refs, refGroups, route.hiddenRefsLeftOut ?? false);
        return request;
    }
    if (group) assertRefsOf(group, refs);
    if (route.needs === 'chair' && !(await request.actor()).isChair) {
      const why = route.chairsOnly ?? "Only the group's chairs may do that.";
      throw new PermissionDeniedError(
        typeof why === 'string' || scope.kind === 'unbound' ? String(why) : why(scope),
      );
    }
    return request;
  }

  /**
   * In a personal chat a user sees and acts on an action only as one of its owners or as a chair
   * of its group, in their own tenant. Anything else reads as "no such action": a caller cannot
   * tell another tenant's action from one that does not exist.
   */
  private async checkVisibleActions(
    turn: Turn,
    refs: readonly string[],
    groups: Map<string, Group>,
    hiddenLeftOut: boolean,
  ): Promise<void> {
    if (refs.length === 0 && !hiddenLeftOut) {
      throw new NotFoundError('This card does not name an action; nothing was changed.');
    }
    const visible = await this.visibleActions(turn, refs);
    for (const ref of refs.map((text) => text.trim().toUpperCase())) {
      const found = visible.find((entry) => entry.action.ref === ref);
      if (found) groups.set(ref, found.group);
      else if (!hiddenLeftOut) throw new NotFoundError(`There is no action ${ref} you can see.`);
    }
  }

  /**
   * In a personal chat a user sees and acts on an action only as one of its owners or as a chair
   * of its group, in their own tenant. Anything else is left out: a caller cannot tell another
   * tenant's action from one that does not exist.
   */
  private async visibleActions(turn: Turn, refs: readonly string[]): Promise<VisibleAction[]> {
    const groups = new Map<string, Promise<Group | undefined>>();
    const found = await Promise.all(
      refs.slice(0, MAX_REFS).map(async (refText) => {
        const parsed = parseActionRef(refText.trim().toUpperCase());
        if (!parsed) return undefined;
        if (!groups.has(parsed.groupCode)) {
          groups.set(parsed.groupCode, this.deps.stores.groups.getGroup(parsed.groupCode));
        }
        const group = await groups.get(parsed.groupCode);
        if (!group || !isVisibleTo(group, turn)) return undefined;
        const action = await this.deps.stores.actions.getAction(refText.trim().toUpperCase());
        if (!action || action.groupCode !== group.code) return undefined;
        const mayAct = isOwnedBy(action.owners, turn.person) || isGroupChair(group, turn.person);
        return mayAct ? { action, group } : undefined;
      }),
    );
    return found.filter((entry): entry is VisibleAction => entry !== undefined);
  }

  /**
   * Runs a changing request once per operation key: the first caller claims the key and records
   * its answer; a repeat (a double click, an invoke Teams delivered twice) gets that answer and
   * changes nothing. A run that changed nothing (a refusal) gives the key back, so a corrected
   * retry of the same button runs.
   */
  private async once(turn: Turn, key: string, run: () => Promise<Answer>): Promise<Answer> {
    const { operations } = this.deps;
    const scope = turn.conversationId;
    const staleAfter = this.deps.staleOperationMs ?? 120_000;
    const claim = await operations.begin(scope, key, this.now(), staleAfter);
    if (!claim.first) return this.repeatOf(scope, key, claim.record);
    let answer: Answer;
    try {
      answer = stamped(await run(), key);
    } catch (error) {
      // A refusal changed nothing: give the key back. Anything else may have changed data; the
      // claim stays and expires, and the stores' operation ids tell a retry what was applied.
      if (isDomainError(error) && error.code !== OUTCOME_UNKNOWN) {
        await operations.abandon(scope, key).catch((abandonError: unknown) => {
          this.deps.log.warn({ err: abandonError, key }, 'could not release an operation key');
        });
      }
      throw error;
    }
    if (answer.unchanged) {
      await operations.abandon(scope, key);
      return answer;
    }
    await operations
      .finish(
        scope,
        key,
        { card: answer.card, ...(answer.text ? { text: answer.text } : {}) },
        this.now(),
      )
      .catch((error: unknown) => {
        // The change is saved; only the record of its answer is missing. A repeat will wait and
        // then say the change is being saved, which is true.
        this.deps.log.warn({ err: error, key }, 'could not record the answer of an operation');
      });
    return answer;
  }

  private async repeatOf(
    scope: string,
    key: string,
    record: { readonly state: string; readonly answer?: unknown },
  ): Promise<Answer> {
    let current = record;
    const deadline = Date.now() + (this.deps.repeatWaitMs ?? 4000);
    while (current.state !== 'done' && Date.now() < deadline) {
      await sleep(100);
      current = (await this.deps.operations.get(scope, key)) ?? current;
    }
    const recorded = current.answer as { card?: Answer['card']; text?: string } | undefined;
    this.deps.log.info(
      { key, state: current.state },
      'repeated request answered without running it',
    );
    if (current.state === 'done' && recorded?.card) {
      return {
        card: recorded.card,
        ...(recorded.text ? { text: recorded.text } : {}),
        unchanged: true,
      };
    }
    return { ...errorAnswer(STILL_SAVING_MESSAGE, 'Saving'), unchanged: true };
  }

  private async answerFailure(
    route: CommandRoute | ShortcutRoute | CardRoute,
    error: unknown,
    raw: unknown,
    turn: Turn,
    scope: Scope | undefined,
    request: RouteRequest<unknown> | undefined,
  ): Promise<Answer> {
    const context = { raw, turn, ...(scope ? { scope } : {}), ...(request ? { request } : {}) };
    const message = messageFor(error);
    if (message === undefined) {
      this.deps.log.error({ err: error }, 'request failed');
      return this.refuse(route, { message: UNEXPECTED_MESSAGE, ...context });
    }
    const field = (error as { field?: unknown }).field;
    return this.refuse(route, {
      message,
      ...(typeof field === 'string' ? { field } : {}),
      ...context,
    });
  }

  private async refuse(
    route: CommandRoute | ShortcutRoute | CardRoute,
    refusal: Refusal,
  ): Promise<Answer> {
    try {
      const answer = route.refused ? await route.refused(refusal) : errorAnswer(refusal.message);
      return { ...stamped(answer), unchanged: true };
    } catch (error) {
      this.deps.log.warn({ err: error }, 'could not build the refusal card; answering plainly');
      return { ...errorAnswer(refusal.message), unchanged: true };
    }
  }
}

// A write whose outcome storage could not confirm: the claim is kept, so a repeat does not run it
// again before the stores' operation ids can tell whether it was applied.
const OUTCOME_UNKNOWN = 'OutcomeUnknown';

/** What to tell the user about a failure they can act on; undefined for a bug. */
export function messageFor(error: unknown): string | undefined {
  if (error instanceof StorageUnavailableError) return STORAGE_DOWN_MESSAGE;
  if (isDomainError(error) && error.code === OUTCOME_UNKNOWN) return OUTCOME_UNKNOWN_MESSAGE;
  if (isDomainError(error)) return error.message;
  return undefined;
}

export function errorAnswer(message: string, title?: string): Answer {
  return { card: buildErrorCard({ message, ...(title ? { title } : {}) }), unchanged: true };
}

/**
 * The answer with a nonce in every button. Under an operation key the nonces derive from it, so a
 * repeat that a store answered (storedOnce) gets the very card the first request got.
 */
function stamped(answer: Answer, key?: string): Answer {
  return {
    ...answer,
    card: stampOperations(answer.card, key),
    ...(answer.forEveryone
      ? { forEveryone: stampOperations(answer.forEveryone, key && `${key}|everyone`) }
      : {}),
    ...(answer.post ? { post: stampOperations(answer.post, key && `${key}|post`) } : {}),
    ...(answer.afterAnswer ? { afterAnswer: stampedFollowUp(answer.afterAnswer, key) } : {}),
  };
}

/** A follow-up whose card for everyone is stamped as `forEveryone` is: it takes its place. */
function stampedFollowUp(
  followUp: NonNullable<Answer['afterAnswer']>,
  key: string | undefined,
): NonNullable<Answer['afterAnswer']> {
  return async () => {
    const card = await followUp();
    return card ? stampOperations(card, key && `${key}|everyone`) : undefined;
  };
}

/** Every ref the payload names must be an action of the conversation's group. */
function assertRefsOf(group: Group, refs: readonly string[]): void {
  for (const ref of refs) {
    const parsed = parseActionRef(ref);
    if (!parsed || parsed.groupCode !== group.code) {
      throw new NotFoundError(`${ref.trim() || 'That'} is not an action of ${group.code}.`);
    }
  }
}

function register<R>(table: Map<string, R>, name: string, route: R): void {
  if (table.has(name)) throw new Error(`two routes for ${name}`);
  table.set(name, route);
}
