import { formatMeetingDateTime, type Meeting } from '../core/meeting';
import { adaptiveCard, heading, type AdaptiveCard } from './adaptive-card';
import { labelledUserText, userText } from './user-text';

/** Options for {@link buildMeetingCard}. */
export interface MeetingCardOptions {
  readonly groupName?: string;
  /** The group's zone, in which the date and time are shown; defaults to Europe/London. */
  readonly timeZone?: string;
  /** What just happened, e.g. "Saved by Ada Lovelace". */
  readonly notice?: string;
}

/** A saved meeting as the report header shows it: code, group, title, date and time, venue. */
export function buildMeetingCard(meeting: Meeting, options: MeetingCardOptions = {}): AdaptiveCard {
  const dateTime = formatMeetingDateTime(meeting, options.timeZone);
  return adaptiveCard([
    heading(`Meeting ${meeting.code}`),
    ...(options.notice ? [userText(options.notice, { color: 'good', spacing: 'none' })] : []),
    ...(options.groupName ? [labelledUserText('Group', options.groupName)] : []),
    ...(meeting.title ? [labelledUserText('Title', meeting.title)] : []),
    labelledUserText('Date and time', dateTime || 'not set'),
    labelledUserText('Venue', meeting.venue),
    labelledUserText('Classification', meeting.classification),
  ]);
}
