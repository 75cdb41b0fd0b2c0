import type { TurnContext } from 'botbuilder';
import type { HomeChannel } from '../core/group';
import { conversationKindOf } from './conversation-kind';
import { conversationIdOf } from './roster';

/**
 * The channel a turn happens in, as a group's home channel (where its reports are posted);
 * undefined outside a channel. A reply thread counts as its channel.
 */
export function homeChannelOf(context: TurnContext): HomeChannel | undefined {
  if (conversationKindOf(context.activity) !== 'channel') return undefined;
  const channelData = context.activity.channelData as
    { team?: { id?: string }; channel?: { id?: string; name?: string } } | undefined;
  return {
    conversationId: conversationIdOf(context),
    ...(channelData?.team?.id ? { teamId: channelData.team.id } : {}),
    ...(channelData?.channel?.name ? { name: channelData.channel.name } : {}),
  };
}

/** `{ homeChannel }` for the set-up calls in a channel; nothing elsewhere. */
export function homeChannelOption(context: TurnContext): { homeChannel?: HomeChannel } {
  const homeChannel = homeChannelOf(context);
  return homeChannel ? { homeChannel } : {};
}
