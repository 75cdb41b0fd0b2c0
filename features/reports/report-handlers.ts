import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { ActionService, MeetingContext } from '../../core/action-service';
import type { HeadlineReport } from '../../core/reports/headline-report';
import type { IssuedReport } from '../../core/reports/issued-report';
import type { ReportService } from '../../core/reports/report-service';
import { buildErrorCard } from '../../cards/error-card';
import { buildReportCards, type ReportDocumentLink } from '../../cards/reports/report-card';
import { buildReportIssuedCard } from '../../cards/reports/report-issued-card';
import { buildReportPreviewCard } from '../../cards/reports/report-preview-card';
import { REPORT_FORMAT_NAMES, type ReportFormatName } from '../../documents/report-formats';
import type { DocumentLinks } from './report-links';
import { userMessageFor } from '../../teams/failure';
import type { Logger } from '../../host/logger';
import type { ProactivePoster } from '../../teams/proactive/proactive-poster';
import {
  cardMessage,
  errorMessage,
  invokeCard,
  replaceCardForEveryone,
} from '../../teams/responses';
import { isMeetingOrganizer } from '../../teams/roster';
import { turnInfoOf } from '../../teams/turn';

/** What the report command and buttons need. */
export interface ReportHandlerDependencies {
  readonly service: ActionService;
  readonly reports: ReportService;
  readonly links: DocumentLinks;
  readonly poster: ProactivePoster;
  readonly log: Logger;
  readonly now: () => Date;
}

const FORMAT_TITLES: Record<ReportFormatName, string> = {
  docx: 'Word (.docx)',
  html: 'Web page (.html)',
  md: 'Markdown (.md)',
  tsv: 'Tab-separated (.tsv)',
};

type CardData = Readonly<Record<string, unknown>>;

/**
 * The headline report in Teams: `report` (and **Preview report**) shows a chair the preview;
 * **Issue report** records the next version and posts the report cards to the group's channel
 * (its home channel; else this conversation), proactively, also from a meeting chat.
 */
export class ReportHandlers {
  constructor(private readonly deps: ReportHandlerDependencies) {}

  /** The `report` command: the preview for a chair, who may issue for anyone else. */
  async showPreview(context: TurnContext): Promise<void> {
    const turn = turnInfoOf(context);
    const meeting = await this.deps.service.contextOf(turn.conversationId);
    if (!meeting) {
      await context.sendActivity(
        errorMessage(
          'No meeting is set up in this conversation yet. Type "meeting" to set one up; its report can then be issued here.',
          'No meeting yet',
        ),
      );
      return;
    }
    try {
      await context.sendActivity(cardMessage(await this.previewCard(context, meeting)));
    } catch (error) {
      const message = userMessageFor(error);
      if (message === undefined) throw error;
      await context.sendActivity(errorMessage(message, 'Not the chair'));
    }
  }

  /** **Preview report** on the meeting-ended card. */
  async previewFromCard(context: TurnContext, data: CardData): Promise<AdaptiveCardInvokeResponse> {
    return this.guard(async () => {
      const meeting = await this.meetingNamed(context, data);
      return invokeCard(await this.previewCard(context, meeting));
    });
  }

  /** **Issue report** on the preview card. */
  async issueFromCard(context: TurnContext, data: CardData): Promise<AdaptiveCardInvokeResponse> {
    return this.guard(async () => {
      const meeting = await this.meetingNamed(context, data);
      const turn = turnInfoOf(context);
      const actor = this.deps.service.actorFor(
        turn.person,
        meeting.group,
        await isMeetingOrganizer(context, this.deps.log),
      );
      const now = this.deps.now();
      const issued = await this.deps.reports.issue(meeting, actor, now);
      const target = this.targetOf(meeting, turn.conversationId);
      const cards = buildReportCards(issued.report, { links: await this.linksFor(issued, now) });
      let problem: string | undefined;
      try {
        await this.deps.poster.post(context, target.conversationId, cards.map(cardMessage));
      } catch (error) {
        this.deps.log.error(
          { err: error, meeting: meeting.meeting.code, version: issued.version },
          'could not post the issued report',
        );
        problem =
          `Version ${issued.version} is recorded, but it could not be posted to ${target.name}. ` +
          'Check that the app is installed there, then issue again.';
      }
      const card = buildReportIssuedCard({
        meetingCode: issued.report.meetingCode,
        version: issued.version,
        issueDate: issued.report.issueDate,
        issuedBy: turn.person.name,
        postedTo: target.name,
        parts: cards.length,
        ...(problem ? { problem } : {}),
      });
      await replaceCardForEveryone(context, card, this.deps.log);
      return invokeCard(card);
    });
  }

  private async previewCard(context: TurnContext, meeting: MeetingContext) {
    const turn = turnInfoOf(context);
    const actor = this.deps.service.actorFor(
      turn.person,
      meeting.group,
      await isMeetingOrganizer(context, this.deps.log),
    );
    this.deps.reports.assertMayIssue(meeting, actor);
    const report = await this.deps.reports.preview(meeting, this.deps.now());
    return buildReportPreviewCard({
      report,
      meetingNumber: meeting.meeting.number,
      postTo: this.targetOf(meeting, turn.conversationId).name,
      parts: await this.partsOf(report),
    });
  }

  private async partsOf(report: HeadlineReport): Promise<number> {
    // Links of the same length as the real ones, so the count matches what issuing posts.
    const sample = await this.linksFor(
      { groupCode: report.groupCode, meetingNumber: 1, version: report.version },
      this.deps.now(),
    );
    return buildReportCards(report, { links: sample }).length;
  }

  /** The meeting a button names, which must be this conversation's (a card can be stale). */
  private async meetingNamed(context: TurnContext, data: CardData): Promise<MeetingContext> {
    const meeting = await this.deps.service.contextOf(turnInfoOf(context).conversationId);
    if (
      !meeting ||
      meeting.group.code !== data.groupCode ||
      meeting.meeting.number !== data.meetingNumber
    ) {
      throw new StaleReportCardError();
    }
    return meeting;
  }

  /** The group's home channel; else the conversation the report is issued from. */
  private targetOf(
    meeting: MeetingContext,
    conversationId: string,
  ): { conversationId: string; name: string } {
    const home = meeting.group.homeChannel;
    if (!home) return { conversationId, name: 'this conversation' };
    if (home.conversationId === conversationId) return { conversationId, name: 'this channel' };
    return {
      conversationId: home.conversationId,
      name: home.name ? `the channel ${home.name}` : `the ${meeting.group.code} channel`,
    };
  }

  private linksFor(
    issued: Pick<IssuedReport, 'groupCode' | 'meetingNumber' | 'version'>,
    now: Date,
  ): Promise<ReportDocumentLink[]> {
    return Promise.all(
      REPORT_FORMAT_NAMES.map(async (format) => ({
        title: FORMAT_TITLES[format],
        url: await this.deps.links.urlFor(
          {
            group: issued.groupCode,
            meeting: issued.meetingNumber,
            version: issued.version,
            format,
          },
          now,
        ),
      })),
    );
  }

  private async guard(
    work: () => Promise<AdaptiveCardInvokeResponse>,
  ): Promise<AdaptiveCardInvokeResponse> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof StaleReportCardError) {
        return invokeCard(buildErrorCard({ message: error.message }));
      }
      const message = userMessageFor(error);
      if (message === undefined) throw error;
      return invokeCard(buildErrorCard({ message }));
    }
  }
}

class StaleReportCardError extends Error {
  constructor() {
    super(
      'This card is about another meeting than the one this conversation follows now; nothing was issued. Type "report" for a fresh preview.',
    );
  }
}
