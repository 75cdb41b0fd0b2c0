import { adaptiveCard, heading, textBlock, type AdaptiveCard } from '../adaptive-card';
import { labelledUserText } from '../user-text';

/** Options for {@link buildReportIssuedCard}. */
export interface ReportIssuedCardOptions {
  readonly meetingCode: string;
  readonly version: number;
  /** `DD/MM/YY`. */
  readonly issueDate: string;
  /** Who issued it, as Teams names them. */
  readonly issuedBy: string;
  /** Where it was posted, e.g. "the channel General". */
  readonly postedTo: string;
  readonly parts: number;
  /** When posting failed: why, and that the version is recorded anyway. */
  readonly problem?: string;
}

/** What replaces the preview for the chair once the report is issued (or could not be posted). */
export function buildReportIssuedCard(options: ReportIssuedCardOptions): AdaptiveCard {
  const title = options.version > 1 ? `Re-issued (v${options.version})` : 'Issued (v1)';
  return adaptiveCard([
    heading(`Headline report ${options.meetingCode}: ${title}`),
    labelledUserText('Issue date', options.issueDate),
    labelledUserText('Issued by', options.issuedBy, { spacing: 'none' }),
    options.problem
      ? textBlock(options.problem, { color: 'attention' })
      : labelledUserText(
          'Posted to',
          `${options.postedTo} (${options.parts} message${options.parts === 1 ? '' : 's'})`,
          { spacing: 'none' },
        ),
  ]);
}
