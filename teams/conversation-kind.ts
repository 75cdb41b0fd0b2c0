import type { Activity } from 'botbuilder';
import type { ConversationKind } from '../core/conversation';

/** Where an activity happened. A meeting chat is a group chat whose channel data names a meeting. */
export function conversationKindOf(activity: Partial<Activity>): ConversationKind {
  const channelData = activity.channelData as { meeting?: { id?: string } } | undefined;
  if (channelData?.meeting?.id || activity.conversation?.id?.startsWith('19:meeting_')) {
    return 'meetingChat';
  }
  switch (activity.conversation?.conversationType) {
    case 'channel':
      return 'channel';
    case 'groupChat':
      return 'groupChat';
    default:
      return 'personal';
  }
}
