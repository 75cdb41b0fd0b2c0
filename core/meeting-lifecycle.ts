import type { MeetingContext } from './action-service';
import { ValidationError } from './errors';
import { changeMeetingState, type Meeting, type MeetingState } from './meeting';
import type { MeetingStore } from './stores';

/**
 * Follows a Teams meeting as it starts and ends. A move the meeting cannot make (a meeting whose
 * report is issued starting again) leaves it as it is: Teams' events report what happened, they
 * are not requests to refuse.
 */
export async function moveMeeting(
  meetings: MeetingStore,
  { meeting }: MeetingContext,
  to: MeetingState,
): Promise<Meeting> {
  return meetings.updateMeeting(meeting.groupCode, meeting.number, (current) => {
    try {
      return changeMeetingState(current, to);
    } catch (error) {
      if (error instanceof ValidationError) return current;
      throw error;
    }
  });
}
