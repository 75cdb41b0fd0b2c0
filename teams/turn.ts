import type { TurnContext } from 'botbuilder';
import type { Person } from '../core/person';
import { conversationIdOf, isMeetingChat, personOf, teamsMeetingIdOf } from './roster';

/** What every handler needs to know about a turn, read once. */
export interface TurnInfo {
  readonly conversationId: string;
  readonly person: Person;
  readonly meetingChat: boolean;
  readonly teamsMeetingId?: string;
}

export function turnInfoOf(context: TurnContext): TurnInfo {
  const teamsMeetingId = teamsMeetingIdOf(context);
  return {
    conversationId: conversationIdOf(context),
    person: personOf(context),
    meetingChat: isMeetingChat(context),
    ...(teamsMeetingId ? { teamsMeetingId } : {}),
  };
}
