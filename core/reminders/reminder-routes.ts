import type { ConversationRecord } from '../conversation';
import type { Group } from '../group';
import type { ReminderTarget } from './reminder-targets';

/**
 * How a person is reached, in this order: their chat with the bot → a 1:1 chat the bot opens
 * (through a conversation of the group where the app is installed) → e-mail, when the directory
 * has an address → an @mention in the group's channel, when they are a Teams user → the
 * group's one channel digest. A path that refuses (403, a rejected address) falls through to
 * the next.
 */
export type ReminderPath =
  | { readonly kind: 'personal'; readonly record: ConversationRecord }
  | {
      readonly kind: 'open';
      readonly userId: string;
      readonly tenantId: string;
      readonly via: ConversationRecord;
    }
  | { readonly kind: 'email'; readonly address: string }
  | { readonly kind: 'mention'; readonly user: { readonly id: string; readonly name: string } }
  | { readonly kind: 'digest' };

export interface RouteStep {
  readonly path: ReminderPath;
  /** Why this path when it is the first one tried, in words the dry run prints. */
  readonly why: string;
  /** Why this path once the ones before it refused. */
  readonly whyAfter: string;
}

/** What is known about reaching one person in one group. */
export interface RouteFacts {
  /** The bot's chat with them. */
  readonly personal?: ConversationRecord;
  /** A conversation of the group where the app is installed, and the group's tenant. */
  readonly via?: { readonly record: ConversationRecord; readonly tenantId: string };
  /** The sender can open chats. */
  readonly canOpen: boolean;
  /** A mailer is configured. */
  readonly canMail: boolean;
}

/** The paths to try for a person, in order; the last is always the channel digest. */
export function routeFor(
  target: Extract<ReminderTarget, { kind: 'person' }>,
  facts: RouteFacts,
  group: Group,
): RouteStep[] {
  const steps: RouteStep[] = [];
  const teams = target.teams;
  if (facts.personal) {
    const why = 'they have a chat with the bot';
    steps.push({ path: { kind: 'personal', record: facts.personal }, why, whyAfter: why });
  } else if (teams?.id && facts.via && facts.canOpen) {
    const why = `no chat with the bot yet: the bot opens one, as the app is installed in ${placeName(facts.via.record, group)}`;
    steps.push({
      path: { kind: 'open', userId: teams.id, tenantId: facts.via.tenantId, via: facts.via.record },
      why,
      whyAfter: why,
    });
  }
  const noTeams = !teams
    ? 'no Teams user is known for them'
    : facts.personal
      ? 'their chat with the bot'
      : !teams.id
        ? 'their Teams id is not known yet, so the bot cannot open a chat'
        : !facts.via
          ? `the bot knows no conversation of ${group.name} to open a chat through`
          : 'the bot cannot open chats here';
  const noMail = !target.email
    ? ', and the directory has no e-mail address for them'
    : !facts.canMail
      ? ', and no mailer is set up'
      : '';
  if (target.email && facts.canMail) {
    steps.push({
      path: { kind: 'email', address: target.email },
      why: `${noTeams}; the directory has their e-mail address`,
      whyAfter: 'the directory has their e-mail address',
    });
  }
  const mentionId = teams?.id || teams?.aadObjectId;
  if (mentionId) {
    steps.push({
      path: { kind: 'mention', user: { id: mentionId, name: target.name } },
      why: `${noTeams}${noMail}: they are a Teams user, @mentioned in the channel`,
      whyAfter: 'they are a Teams user, @mentioned in the channel',
    });
  }
  steps.push({
    path: { kind: 'digest' },
    why: `${noTeams}${noMail}: listed in the channel digest`,
    whyAfter: 'listed in the channel digest',
  });
  return steps;
}

/** A place named as people know it: a person's chat, a channel's or meeting chat's name. */
export function placeName(record: ConversationRecord | undefined, group: Group): string {
  if (!record) return `no channel of ${group.name} (add the bot to the group's channel)`;
  const reference = record.reference as {
    conversation?: { name?: unknown };
    user?: { name?: unknown };
  };
  if (record.kind === 'personal') {
    const name = typeof reference.user?.name === 'string' ? reference.user.name : undefined;
    return name ? `the chat with ${name}` : 'a personal chat';
  }
  const id = channelIdOf(record);
  const home = group.homeChannel?.conversationId === id ? group.homeChannel.name : undefined;
  const own =
    typeof reference.conversation?.name === 'string' ? reference.conversation.name : undefined;
  const name = home ?? own;
  if (record.kind === 'meetingChat') {
    return name ? `the meeting chat "${name}"` : `a meeting chat of ${group.name}`;
  }
  if (record.kind === 'groupChat') return name ? `the chat "${name}"` : `a chat of ${group.name}`;
  return name ? `the channel "${name}" of ${group.name}` : `the channel of ${group.name}`;
}

/** A channel's own id (`19:…@thread.tacv2`) from a thread's (`…;messageid=…`). */
export function channelIdOf(record: ConversationRecord): string {
  return record.conversationId.split(';')[0] ?? record.conversationId;
}
