import type { TurnContext } from 'botbuilder';
import { TeamsInfo } from './botbuilder-parts';
import type { TeamsUserRef } from '../core/owner';
import type { Person } from '../core/person';
import { conversationKindOf } from './conversation-kind';
import type { Log as Logger } from '../core/log';

/**
 * What the bot reads from Teams about a turn: who is acting, which conversation (a channel thread
 * counts as its channel), whether they organise the meeting, and the members behind owners' names.
 */
export function personOf(context: TurnContext): Person {
  const from = context.activity.from;
  return {
    id: from.id,
    name: from.name?.trim() || 'Someone',
    ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}),
  };
}

/** The conversation a turn belongs to; a reply thread in a channel belongs to its channel. */
export function conversationIdOf(context: TurnContext): string {
  const id = context.activity.conversation.id;
  return conversationKindOf(context.activity) === 'channel' ? (id.split(';')[0] ?? id) : id;
}

export function teamsMeetingIdOf(context: TurnContext): string | undefined {
  const channelData = context.activity.channelData as { meeting?: { id?: string } } | undefined;
  return channelData?.meeting?.id;
}

export function isMeetingChat(context: TurnContext): boolean {
  return conversationKindOf(context.activity) === 'meetingChat';
}

/**
 * True when the acting user organises (or co-organises) the Teams meeting of this meeting chat.
 * Roles are asked for on every check, never cached: organizers can change during a meeting.
 * Anything but a clear answer (not a meeting, API refused) means "no".
 */
export async function isMeetingOrganizer(context: TurnContext, log: Logger): Promise<boolean> {
  if (!teamsMeetingIdOf(context) || !context.activity.from.aadObjectId) return false;
  try {
    const participant = await TeamsInfo.getMeetingParticipant(context);
    return participant.meeting?.role === 'Organizer';
  } catch (error) {
    log.debug({ err: error }, 'could not read the meeting role; treating as attendee');
    return false;
  }
}

/** Reads at most this many members; a committee's conversation is far smaller. */
const MAX_ROSTER_PAGES = 5;

/**
 * The conversation's members, read from Teams. A roster that cannot be read is empty, so owners
 * stay as typed; this never throws, so callers may start it early and await it later.
 */
export async function rosterOf(context: TurnContext, log: Logger): Promise<TeamsUserRef[]> {
  const members: TeamsUserRef[] = [];
  try {
    let continuationToken: string | undefined;
    for (let page = 0; page < MAX_ROSTER_PAGES; page++) {
      const result = await TeamsInfo.getPagedMembers(context, 100, continuationToken);
      for (const member of result.members) {
        if (!member.name) continue;
        members.push({
          id: member.id,
          name: member.name,
          ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}),
        });
      }
      continuationToken = result.continuationToken;
      if (!continuationToken) break;
    }
  } catch (error) {
    log.warn({ err: error }, 'could not read the conversation members; owners stay as typed');
  }
  return members;
}
