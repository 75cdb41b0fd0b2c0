import type { Destination, OutboundMessage } from '../../core/delivery';
import type {
  PersonalChatRequest,
  ReminderSendOptions,
  ReminderSender,
} from '../../core/reminders/reminder-ports';
import { cardMessage } from '../responses';
import type { OutboundSender } from './outbound-sender';

/** The application's card messages sent through the rate-limited Bot Framework sender. */
export function cardSender(sender: OutboundSender): ReminderSender {
  return {
    send: (destination: Destination, message: OutboundMessage, options?: ReminderSendOptions) =>
      sender.send(
        { conversationId: destination.conversationId, reference: destination.reference },
        cardMessage(message.card as Parameters<typeof cardMessage>[0]),
        options,
      ),
    openPersonalChat: (request: PersonalChatRequest, options?: ReminderSendOptions) =>
      sender.openPersonalChat(request, options),
    get stats() {
      return sender.stats;
    },
  };
}
