import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { TeamsInfo } from './botbuilder-parts';
import type { ConversationRecord } from '../core/conversation';
import { BoundedMap } from '../core/bounded-map';
import type { Person } from '../core/person';

/** Who acts in a {@link runAsMember} turn, and in which Teams meeting (for their role). */
export interface MemberTurnOptions {
  /** The Teams meeting bound to the conversation (as stored, never as a client claims it). */
  readonly teamsMeetingId?: string;
  /** Members Teams confirmed lately, so a side panel polling every few seconds asks once. */
  readonly members?: ConfirmedMembers;
}

/**
 * Members Teams confirmed in a conversation, for a minute: a side panel polls its board every few
 * seconds, and each poll would otherwise ask Teams again. Someone removed from the meeting keeps
 * seeing the board for at most that minute; a 404 from Teams forgets them at once.
 */
export class ConfirmedMembers {
  private readonly entries: BoundedMap<Person>;

  constructor(ttlMs = 60_000, most = 5000, clock: () => number = Date.now) {
    this.entries = new BoundedMap({ most, ttlMs, clock });
  }

  get(conversationId: string, objectId: string): Person | undefined {
    return this.entries.get(keyOf(conversationId, objectId));
  }

  set(conversationId: string, objectId: string, person: Person): void {
    this.entries.set(keyOf(conversationId, objectId), person);
  }

  forget(conversationId: string, objectId: string): void {
    this.entries.delete(keyOf(conversationId, objectId));
  }
}

function keyOf(conversationId: string, objectId: string): string {
  return `${conversationId}\n${objectId.toLowerCase()}`;
}

/** The member was checked against the conversation's roster, or the check itself failed. */
export type MemberTurnOutcome<T> =
  | { readonly kind: 'done'; readonly value: T; readonly person: Person }
  | { readonly kind: 'notMember' }
  | { readonly kind: 'rosterUnavailable'; readonly error: unknown };

/**
 * Runs `logic` in a turn of a stored conversation (through the Bot Connector, as a proactive
 * message would) acting as the user with this Entra object id — but only after Teams confirmed
 * they are a member (`GET v3/conversations/{id}/members/{objectId}`). The turn looks like one the
 * user started, so the bot's own handlers (and their permission checks) serve the side panel.
 *
 * @param member - the user's Entra object id and tenant; or, for the local preview, the person
 *   to act as without a roster check.
 */
export async function runAsMember<T>(
  adapter: CloudAdapter,
  botAppId: string,
  record: ConversationRecord,
  member: { readonly objectId: string; readonly tenantId: string } | { readonly preview: Person },
  options: MemberTurnOptions,
  logic: (context: TurnContext, person: Person) => Promise<T>,
): Promise<MemberTurnOutcome<T>> {
  let outcome: MemberTurnOutcome<T> | undefined;
  const reference = record.reference as unknown as Partial<ConversationReference>;
  await adapter.continueConversationAsync(botAppId, reference, async (context) => {
    let person: Person;
    const conversationId = record.conversationId;
    const confirmed =
      'preview' in member ? undefined : options.members?.get(conversationId, member.objectId);
    if ('preview' in member) {
      person = member.preview;
    } else if (confirmed) {
      person = confirmed;
    } else {
      try {
        const found = await TeamsInfo.getMember(context, member.objectId);
        person = {
          id: found.id,
          name: found.name?.trim() || 'Someone',
          aadObjectId: member.objectId,
        };
        options.members?.set(conversationId, member.objectId, person);
      } catch (error) {
        if (isNotFound(error)) options.members?.forget(conversationId, member.objectId);
        outcome = isNotFound(error) ? { kind: 'notMember' } : { kind: 'rosterUnavailable', error };
        return;
      }
    }
    const tenantId = 'preview' in member ? record.tenantId : member.tenantId;
    context.activity.from = {
      id: person.id,
      name: person.name,
      ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}),
    };
    context.activity.channelData = {
      ...(tenantId ? { tenant: { id: tenantId } } : {}),
      ...(options.teamsMeetingId ? { meeting: { id: options.teamsMeetingId } } : {}),
    };
    outcome = { kind: 'done', value: await logic(context, person), person };
  });
  if (!outcome) throw new Error('the conversation turn did not run');
  return outcome;
}

// Teams answers 404 for someone who is not in the conversation (and for an unknown conversation).
function isNotFound(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return status === 404;
}
