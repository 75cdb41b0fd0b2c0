import type { Person } from '../core/person';
import {
  adaptiveCard,
  executeAction,
  heading,
  textBlock,
  type AdaptiveCard,
} from './adaptive-card';
import { CARD_VERBS } from './card-verbs';
import { labelledUserText } from './user-text';

export const PREVIEW_REPORT_BUTTON = 'Preview report';

/** Options for {@link buildMeetingEndedCard}. */
export interface MeetingEndedCardOptions {
  readonly groupCode: string;
  readonly meetingNumber: number;
  readonly meetingCode: string;
  readonly chairs: readonly Person[];
  readonly actionCount: number;
}

/**
 * Posted in the meeting chat when the Teams meeting ends: asks the chairs to review the headline
 * report and issue it. **Preview report** (verb `previewReport`) shows the preview, as `report`
 * does.
 */
export function buildMeetingEndedCard(options: MeetingEndedCardOptions): AdaptiveCard {
  const chairs = options.chairs.map((chair) => chair.name).join(', ');
  return adaptiveCard(
    [
      heading(`${options.meetingCode} has ended`),
      textBlock(
        `${options.actionCount} action${options.actionCount === 1 ? ' was' : 's were'} recorded. ` +
          'Chairs: please review the headline report and issue it to the channel ' +
          '(Preview report, or type "report").',
      ),
      ...(chairs ? [labelledUserText('Chairs', chairs)] : []),
    ],
    [
      executeAction(
        PREVIEW_REPORT_BUTTON,
        CARD_VERBS.previewReport,
        { groupCode: options.groupCode, meetingNumber: options.meetingNumber },
        { associatedInputs: 'none' },
      ),
    ],
  );
}
