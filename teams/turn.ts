import type { TurnContext } from 'botbuilder';
import type { Turn } from '../features/routing/turn';
import { homeChannelOf } from './home-channel';
import { conversationKindOf } from './conversation-kind';
import { conversationIdOf, personOf, teamsMeetingIdOf } from './roster';

/**
 * The request as the features see it, read once from the activity: the tenant (from Teams'
 * channel data, which a bot cannot be told otherwise by card data), the conversation, the person.
 */
export function turnOf(context: TurnContext): Turn {
  const activity = context.activity;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenantId =
    (typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined) ??
    activity.conversation?.tenantId ??
    '';
  const teamsMeetingId = teamsMeetingIdOf(context);
  const homeChannel = homeChannelOf(context);
  return {
    tenantId,
    conversationId: conversationIdOf(context),
    kind: conversationKindOf(activity),
    person: personOf(context),
    ...(teamsMeetingId ? { teamsMeetingId } : {}),
    ...(homeChannel ? { homeChannel } : {}),
    ...(activity.id ? { activityId: activity.id } : {}),
    ...(activity.replyToId ? { cardMessageId: activity.replyToId } : {}),
  };
}
