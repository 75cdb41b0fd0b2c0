import type { Destination, OutboundMessage } from '../../core/delivery';
import type { ReminderSender } from '../../core/reminders/reminder-sweep';
import { cardMessage } from '../responses';
import type { OutboundSender } from './outbound-sender';

/** The application's card messages sent through the rate-limited Bot Framework sender. */
export function cardSender(sender: OutboundSender): ReminderSender {
  return {
    send: (destination: Destination, message: OutboundMessage) =>
      sender.send(
        { conversationId: destination.conversationId, reference: destination.reference },
        cardMessage(message.card as Parameters<typeof cardMessage>[0]),
      ),
    get stats() {
      return sender.stats;
    },
  };
}
