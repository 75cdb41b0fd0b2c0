import type { z } from 'zod';
import type { CommandName } from '../../core/commands';
import type { Action } from '../../core/action';
import type { Group } from '../../core/group';
import type { Actor } from '../../core/permissions';
import type { Shortcut } from '../../core/shortcuts';
import type { CardVerb } from '../../cards/card-verbs';
import type { Answer } from './answer';
import type { Scope } from './scope';
import type { TeamsPort, Turn } from './turn';

/**
 * What a route needs before it runs; the front door checks it, the route never does:
 * - `nothing`: any conversation, bound or not (help, the forms, the first set-up);
 * - `group`: the conversation is bound to a group of the caller's tenant;
 * - `meeting`: … and to a meeting (its own, or the group's latest);
 * - `chair`: bound to a group, and the caller chairs it (or organises its bound meeting);
 * - `ownerOrChair`: every action the payload names is one the caller owns or whose group they
 *   chair, in their tenant (reminder cards, which live in personal chats bound to no group).
 */
export type Needs = 'nothing' | 'group' | 'meeting' | 'chair' | 'ownerOrChair';

/** What a route's `run` is given: the parsed payload and everything the front door resolved. */
export interface RouteRequest<P> {
  readonly turn: Turn;
  readonly teams: TeamsPort;
  readonly payload: P;
  readonly scope: Scope;
  readonly now: Date;
  /** The request's operation key when it changes data; stores record it with the change. */
  readonly operationId?: string;
  /** The caller as the group knows them, without asking Teams (named chairs only). */
  readonly knownActor: Actor;
  /** The caller with their meeting role where it counts (asks Teams once, in a bound meeting chat). */
  actor(): Promise<Actor>;
  /** For `ownerOrChair` routes: the group of each action ref the payload names, checked. */
  groupOfRef(ref: string): Group;
  /**
   * The actions of these refs that the caller may see by the `ownerOrChair` rule (as owner, or
   * as a chair of the action's group, in their tenant), in the order given; others are left out.
   */
  visible(refs: readonly string[]): Promise<VisibleAction[]>;
}

/** An action the caller may see, with its group. */
export interface VisibleAction {
  readonly action: Action;
  readonly group: Group;
}

/** Where a refusal came from, so a route can answer it with its form and the input kept. */
export interface Refusal {
  readonly message: string;
  /** The input the message is about, when it is about one. */
  readonly field?: string;
  /** The payload as it arrived (card data, or the command's text). */
  readonly raw: unknown;
  readonly turn: Turn;
  readonly scope?: Scope;
  /** The request, when the refusal came after it was authorised (from the route itself). */
  readonly request?: RouteRequest<unknown>;
}

interface RouteBase<P> {
  /** The payload's shape; anything else is refused before the route runs. */
  readonly payload: z.ZodType<P>;
  readonly needs: Needs;
  /** True when the route may change data: it then runs once per operation key. */
  readonly changes: boolean;
  /**
   * True when this request's one write is made once per operation id by the store itself (an
   * add's receipt goes in the same transaction as the action): the front door then claims no key
   * and records no answer, and a repeat is answered by the route from what the store returns.
   * That saves two round trips on the busiest path. Otherwise a changing route runs under a claim.
   */
  readonly storedOnce?: (request: RouteRequest<P>) => boolean;
  /** The action refs the payload names: each must belong to the request's group. */
  readonly refs?: (payload: P) => readonly string[];
  /**
   * For `ownerOrChair`: leave out the refs the caller may not see instead of refusing (a digest's
   * refresh, which must not fail because one action was handed to someone else).
   */
  readonly hiddenRefsLeftOut?: boolean;
  /** Why a non-chair is refused, for `needs: 'chair'`. */
  readonly chairsOnly?: string | ((scope: Exclude<Scope, { kind: 'unbound' }>) => string);
  run(request: RouteRequest<P>): Promise<Answer>;
  /** Answers a refusal or invalid input; by default an error card with the message. */
  refused?(refusal: Refusal): Answer | Promise<Answer>;
}

/** A typed command (`list`, `add …`); the payload is parsed from the text after the command word. */
export interface CommandRoute<P = unknown> extends RouteBase<P> {
  readonly command: CommandName;
}

/** A plain-text shortcut naming an action (`CCAG03-04 done`). */
export interface ShortcutRoute<P = unknown> extends RouteBase<P> {
  readonly shortcut: Shortcut['kind'];
}

/** A card button (`Action.Execute`) by its verb; the payload is the button's data with the inputs. */
export interface CardRoute<P = unknown> extends RouteBase<P> {
  readonly verb: CardVerb;
}

/** The routes a feature contributes. */
export interface FeatureRoutes {
  readonly commands?: readonly CommandRoute[];
  readonly shortcuts?: readonly ShortcutRoute[];
  readonly cards?: readonly CardRoute[];
}

// The route tables hold routes of different payload types; each payload is parsed with the
// route's own schema before `run` sees it, so erasing the parameter here is safe.
export function commandRoute<P>(route: CommandRoute<P>): CommandRoute {
  return route as unknown as CommandRoute;
}

export function shortcutRoute<P>(route: ShortcutRoute<P>): ShortcutRoute {
  return route as unknown as ShortcutRoute;
}

export function cardRoute<P>(route: CardRoute<P>): CardRoute {
  return route as unknown as CardRoute;
}
