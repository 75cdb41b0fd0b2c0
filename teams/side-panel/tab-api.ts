import { createHash } from 'node:crypto';
import type { CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { ActionService, MeetingContext } from '../../core/action-service';
import type { ConversationKind, ConversationStore } from '../../core/conversation';
import type { TeamsUserRef } from '../../core/owner';
import type { Person } from '../../core/person';
import { viewerOf } from '../../features/actions/action-card-view';
import { DEFAULT_TIME_ZONE } from '../../core/time-zone';
import type {
  Board,
  ExecuteResponse,
  PanelError,
  PreviewConversation,
} from '../../tab/panel-contract';
import { PANEL_API } from '../../tab/panel-contract';
import type { EntraTokenVerifier } from './entra-token';
import { bearerToken, SigningKeysUnavailableError, TokenRejectedError } from '../signed-token';
import type { Log as Logger } from '../../core/log';
import type { MeetingActionsBot } from '../activity-router';
import { isVisibleTo } from '../../features/routing/scope';
import { ConfirmedMembers, runAsMember, type MemberTurnOutcome } from '../member-turn';
import { isLocalRequest } from './tab-pages';
import { isMeetingOrganizer } from '../roster';

export interface TabApiDependencies {
  readonly adapter: CloudAdapter;
  /** The bot's app id for connector calls; empty when the bot runs anonymously. */
  readonly botAppId: string;
  readonly bot: MeetingActionsBot;
  readonly service: ActionService;
  readonly conversations: ConversationStore;
  /** Absent: no single sign-on configured; only the local preview (from localhost) is served. */
  readonly verifier?: EntraTokenVerifier;
  readonly log: Logger;
  /** Members Teams confirmed lately (one kept for a minute by default). */
  readonly members?: ConfirmedMembers;
}

/** Who the local preview acts as (anonymous mode, localhost only). */
export const LOCAL_PREVIEW_PERSON: Person = { id: 'local-preview', name: 'Local preview' };

const MAX_CONVERSATION_ID_LENGTH = 512;
export const SIGN_IN_REFUSED = 'Your sign-in was not accepted; reopen the panel in Teams.';
export const SIGN_IN_UNAVAILABLE =
  'Your sign-in cannot be checked right now; try again in a moment.';

type Caller =
  | { readonly kind: 'user'; readonly tenantId: string; readonly objectId: string }
  | { readonly kind: 'preview' };

/** An answer that ends the request: a status and a sentence, never data. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The side panel's API. Every request carries an Entra ID token for this app (Authorization:
 * Bearer); the caller must be a member of the conversation they ask about, which Teams confirms
 * for each request. Reads build the board from ActionService; a pressed card button runs the
 * bot's own card handler in a turn of that conversation, so the panel follows exactly the rules
 * and validation of the cards in chat.
 */
export function registerTabApi(server: Server, deps: TabApiDependencies): void {
  const api = new TabApi(deps);
  server.get(PANEL_API.board, async (req: Request, res: Response) => api.board(req, res));
  server.post(PANEL_API.execute, async (req: Request, res: Response) => api.execute(req, res));
  server.get(PANEL_API.previewConversations, async (req: Request, res: Response) =>
    api.previewConversations(req, res),
  );
}

/** How many conversations the local preview offers. */
const PREVIEW_CONVERSATIONS = 20;

const KIND_NAMES: Record<ConversationKind, string> = {
  meetingChat: 'Meeting chat',
  channel: 'Channel',
  groupChat: 'Group chat',
  personal: 'Personal chat',
};

class TabApi {
  /** Callers Teams confirmed lately: a polling side panel asks Teams once a minute, not each poll. */
  private readonly members: ConfirmedMembers;

  constructor(private readonly deps: TabApiDependencies) {
    this.members = deps.members ?? new ConfirmedMembers();
  }

  async board(req: Request, res: Response): Promise<void> {
    await this.answer(res, async () => {
      const caller = await this.callerOf(req);
      const conversationId = conversationIdOf(
        new URL(req.url ?? '/', 'http://panel').searchParams.get('conversationId'),
      );
      const meeting = await this.meetingOf(conversationId, caller);
      const board = await this.asMember(
        caller,
        conversationId,
        meeting,
        async (context, person) => {
          const [organizer, members] = await Promise.all([
            isMeetingOrganizer(context, this.deps.log),
            meeting ? this.deps.bot.membersOf(context) : Promise.resolve([]),
          ]);
          return this.buildBoard(conversationId, meeting, person, organizer, members);
        },
      );
      const body = JSON.stringify(board);
      const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
      res.header('ETag', etag);
      res.header('Cache-Control', 'private, no-cache');
      res.header('Vary', 'Authorization');
      if (matchesETag(req.header('If-None-Match'), etag)) {
        res.send(304);
        return;
      }
      res.header('Content-Type', 'application/json; charset=utf-8');
      res.sendRaw(200, body);
    });
  }

  async execute(req: Request, res: Response): Promise<void> {
    await this.answer(res, async () => {
      const caller = await this.callerOf(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const conversationId = conversationIdOf(body.conversationId);
      const data = body.data;
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new Refusal(400, 'The request sent no card data.');
      }
      const meeting = await this.meetingOf(conversationId, caller);
      const response = await this.asMember(caller, conversationId, meeting, (context) =>
        this.deps.bot.execute(context, body.verb, data),
      );
      const answer: ExecuteResponse = { card: response.card as unknown as Record<string, unknown> };
      res.header('Cache-Control', 'no-store');
      res.send(200, answer);
    });
  }

  /**
   * The local preview's list of conversations the bot has been in, to open one without pasting
   * its id. Only without sign-on and only from this machine, as the preview itself: with sign-on
   * there is no such list (404), since it would show every conversation to anyone signed in.
   */
  async previewConversations(req: Request, res: Response): Promise<void> {
    await this.answer(res, async () => {
      if (this.deps.verifier || !isLocalRequest(req)) {
        throw new Refusal(404, 'There is no preview here.');
      }
      const records = await this.deps.conversations.listRecent(PREVIEW_CONVERSATIONS);
      const conversations: PreviewConversation[] = await Promise.all(
        records.map(async (record) => {
          const meeting = await this.deps.service.contextOf(record.conversationId);
          const bound = meeting
            ? ` · ${meeting.meeting.code}${meeting.meeting.title ? ` ${meeting.meeting.title}` : ''}`
            : '';
          return {
            conversationId: record.conversationId,
            title: `${KIND_NAMES[record.kind] ?? 'Conversation'}${bound}`,
          };
        }),
      );
      res.header('Cache-Control', 'no-store');
      res.send(200, conversations);
    });
  }

  /** Who is calling: a valid token's user, or the local preview; anything else is refused. */
  private async callerOf(req: Request): Promise<Caller> {
    const { verifier } = this.deps;
    if (!verifier) {
      if (isLocalRequest(req)) return { kind: 'preview' };
      throw new Refusal(401, 'Sign-on is not configured: the panel works only from this machine.');
    }
    const token = bearerToken(req.header('Authorization'));
    if (!token) throw new Refusal(401, 'Sign in through Teams to see the meeting actions.');
    try {
      const user = await verifier.verify(token);
      return { kind: 'user', tenantId: user.tenantId, objectId: user.objectId };
    } catch (error) {
      if (error instanceof SigningKeysUnavailableError) {
        this.deps.log.warn({ reason: error.message }, 'side panel token cannot be checked');
        throw new Refusal(503, SIGN_IN_UNAVAILABLE);
      }
      if (error instanceof TokenRejectedError) {
        this.deps.log.info({ reason: error.message }, 'side panel token refused');
      } else {
        // A fault of ours while checking: fail closed, and say so loudly.
        this.deps.log.error({ err: error }, 'side panel token check failed');
      }
      throw new Refusal(401, SIGN_IN_REFUSED);
    }
  }

  /** Runs `logic` as the caller in the conversation, once Teams confirmed they are in it. */
  /**
   * The meeting the conversation is bound to, as the caller's tenant may see it: a binding to a
   * group of another tenant counts for nothing, as in chat (features/routing/scope.ts).
   */
  private async meetingOf(
    conversationId: string,
    caller: Caller,
  ): Promise<MeetingContext | undefined> {
    const meeting = await this.deps.service.contextOf(conversationId);
    if (!meeting || caller.kind !== 'user') return meeting;
    return isVisibleTo(meeting.group, { tenantId: caller.tenantId }) ? meeting : undefined;
  }

  private async asMember<T>(
    caller: Caller,
    conversationId: string,
    meeting: MeetingContext | undefined,
    logic: Parameters<typeof runAsMember<T>>[5],
  ): Promise<T> {
    const record = await this.deps.conversations.get(conversationId);
    const notHere = 'You are not a member of this meeting, or the bot has not been added to it.';
    if (!record) throw new Refusal(403, notHere);
    if (caller.kind === 'user' && record.tenantId && record.tenantId !== caller.tenantId) {
      throw new Refusal(403, notHere);
    }
    const outcome: MemberTurnOutcome<T> = await runAsMember(
      this.deps.adapter,
      this.deps.botAppId,
      record,
      caller.kind === 'user' ? caller : { preview: LOCAL_PREVIEW_PERSON },
      {
        members: this.members,
        ...(meeting?.meeting.teamsMeetingId
          ? { teamsMeetingId: meeting.meeting.teamsMeetingId }
          : {}),
      },
      logic,
    );
    if (outcome.kind === 'notMember') throw new Refusal(403, notHere);
    if (outcome.kind === 'rosterUnavailable') {
      this.deps.log.warn({ err: outcome.error }, 'side panel: could not read the roster');
      throw new Refusal(503, 'Teams did not say whether you are in this meeting; try again.');
    }
    return outcome.value;
  }

  private async buildBoard(
    conversationId: string,
    meeting: MeetingContext | undefined,
    person: Person,
    isOrganizer: boolean,
    members: readonly TeamsUserRef[],
  ): Promise<Board> {
    const you = { name: person.name };
    if (!meeting) {
      return {
        conversationId,
        timeZone: DEFAULT_TIME_ZONE,
        areas: [],
        actions: [],
        discussion: [],
        you,
      };
    }
    const { service } = this.deps;
    const actor = service.actorFor(person, meeting.group, isOrganizer);
    const [actions, discussion] = await Promise.all([
      service.listMeetingActions(meeting),
      service.listDiscussionItems(meeting),
    ]);
    return {
      conversationId,
      meeting: {
        code: meeting.meeting.code,
        ...(meeting.meeting.title ? { title: meeting.meeting.title } : {}),
        groupName: meeting.group.name,
      },
      timeZone: meeting.group.timeZone,
      areas: [...new Set(actions.map((action) => action.area))],
      actions: actions.map((action) => ({
        action: { ...action, history: [] },
        viewer: viewerOf(action, actor),
      })),
      discussion,
      you,
      // The people picker offers the chat's members (the caller is offered first by the page).
      people: members
        .filter((member) => member.aadObjectId && member.aadObjectId !== person.aadObjectId)
        .map((member) => ({ aadObjectId: member.aadObjectId ?? '', name: member.name })),
    };
  }

  private async answer(res: Response, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof Refusal) {
        const body: PanelError = { error: error.message };
        if (error.status === 401) res.header('WWW-Authenticate', 'Bearer');
        res.send(error.status, body);
        return;
      }
      this.deps.log.error({ err: error }, 'side panel request failed');
      res.send(500, { error: 'Something went wrong; try again in a moment.' } satisfies PanelError);
    }
  }
}

function conversationIdOf(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.trim() === '' ||
    value.length > MAX_CONVERSATION_ID_LENGTH
  ) {
    throw new Refusal(400, 'Which meeting? The request named no conversation.');
  }
  return value.trim();
}

function matchesETag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
