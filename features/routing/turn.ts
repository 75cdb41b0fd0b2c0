import type { ConversationKind } from '../../core/conversation';
import type { HomeChannel } from '../../core/group';
import type { TeamsUserRef } from '../../core/owner';
import type { Person } from '../../core/person';
import type { AdaptiveCard } from '../../cards/adaptive-card';

/**
 * One request as the features see it, whatever the surface (chat, card button, message
 * extension, side panel): who asks, in which tenant and conversation. teams/ builds it from the
 * activity; nothing in it comes from card data.
 */
export interface Turn {
  /** The Entra tenant the request comes from ('' when Teams named none, as only local tools do). */
  readonly tenantId: string;
  /** The conversation; a reply thread in a channel counts as its channel. */
  readonly conversationId: string;
  readonly kind: ConversationKind;
  readonly person: Person;
  /** The Teams meeting whose chat this is, when it is one. */
  readonly teamsMeetingId?: string;
  /** The channel, as a group's home channel, when the request comes from one. */
  readonly homeChannel?: HomeChannel;
  /** The incoming activity's id: a repeat delivery of one message carries the same id. */
  readonly activityId?: string;
  /** The card message a button was clicked on. */
  readonly cardMessageId?: string;
}

/** Details of the Teams meeting a meeting chat belongs to, for prefilling the meeting form. */
export interface TeamsMeetingDetails {
  readonly title?: string;
  readonly start?: Date;
  readonly end?: Date;
}

/**
 * What a feature may ask of Teams during a request. teams/ implements it over the Bot Connector;
 * each answer may cost a connector call, so features ask only when a rule needs the answer.
 */
export interface TeamsPort {
  /** The conversation's members; cached per conversation for a short time. Never throws. */
  roster(): Promise<TeamsUserRef[]>;
  /** The members as last read, without asking Teams; undefined when not read lately. */
  cachedRoster(): readonly TeamsUserRef[] | undefined;
  /** True when the acting user organises the Teams meeting of this meeting chat. Never throws. */
  isMeetingOrganizer(): Promise<boolean>;
  /** The Teams meeting's title and times, in a meeting chat. Never throws. */
  meetingDetails(): Promise<TeamsMeetingDetails | undefined>;
  /** Posts cards, in order, to another conversation of the app (a channel gets a new thread). */
  post(conversationId: string, cards: readonly AdaptiveCard[]): Promise<void>;
}
