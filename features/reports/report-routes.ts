import * as z from 'zod';
import type { ActionService, MeetingContext } from '../../core/action-service';
import type { Log } from '../../core/log';
import type { HeadlineReport } from '../../core/reports/headline-report';
import type { IssuedReport } from '../../core/reports/issued-report';
import { whoMayIssue, type ReportService } from '../../core/reports/report-service';
import { NotFoundError } from '../../core/errors';
import { CARD_VERBS } from '../../cards/card-verbs';
import { buildReportCards, type ReportDocumentLink } from '../../cards/reports/report-card';
import { buildReportIssuedCard } from '../../cards/reports/report-issued-card';
import { buildReportPreviewCard } from '../../cards/reports/report-preview-card';
import { REPORT_FORMAT_NAMES, type ReportFormatName } from '../../documents/report-formats';
import { meetingForListing } from '../actions/action-lists';
import { cardAnswer } from '../routing/answer';
import { cardRoute, commandRoute, type FeatureRoutes, type RouteRequest } from '../routing/route';
import { boundGroup, type Scope } from '../routing/scope';
import type { DocumentLinks } from './report-links';

/** What the report command and buttons need. */
export interface ReportRouteDependencies {
  readonly service: ActionService;
  readonly reports: ReportService;
  readonly links: DocumentLinks;
  readonly log: Log;
}

const FORMAT_TITLES: Record<ReportFormatName, string> = {
  docx: 'Word (.docx)',
  html: 'Web page (.html)',
  md: 'Markdown (.md)',
  tsv: 'Tab-separated (.tsv)',
};

/** e.g. "Only the chairs of CCAG (Ada Lovelace) and the organizer of the Teams meeting may …". */
function chairsOnly(scope: Exclude<Scope, { kind: 'unbound' }>): string {
  const meeting = scope.kind === 'meeting' ? ` of ${scope.meeting.code}` : '';
  return `Only ${whoMayIssue(scope.group)} may issue the headline report${meeting}.`;
}

/** Which meeting a report button is about: a meeting of the conversation's own group. */
const reportButton = z.looseObject({
  meetingNumber: z.number({ error: 'must name a meeting' }).int().min(1).max(9999),
});

/**
 * The headline report in Teams: `report [meeting code]` (and **Preview report**) shows a chair the
 * preview; **Issue report** records the next version and posts the report cards to the group's
 * home channel (else this conversation), proactively, also from a meeting chat.
 */
export function reportRoutes(deps: ReportRouteDependencies): FeatureRoutes {
  return {
    commands: [
      commandRoute({
        command: 'report',
        payload: z.string().trim().max(40, 'names no meeting'),
        needs: 'chair',
        chairsOnly,
        changes: false,
        run: async (request) => {
          const { scope, payload } = request;
          if (scope.kind === 'unbound')
            throw new Error('the front door lets only bound requests here');
          const meeting = await meetingForListing(deps.service, scope, payload);
          return cardAnswer(await previewCard(deps, request, meeting));
        },
      }),
    ],
    cards: [
      cardRoute({
        verb: CARD_VERBS.previewReport,
        payload: reportButton,
        needs: 'chair',
        chairsOnly,
        changes: false,
        run: async (request) =>
          cardAnswer(
            await previewCard(
              deps,
              request,
              await meetingNamed(deps.service, request.scope, request.payload.meetingNumber),
            ),
          ),
      }),
      cardRoute({
        verb: CARD_VERBS.issueReport,
        payload: reportButton,
        needs: 'chair',
        chairsOnly,
        changes: true,
        run: async (request) => {
          const meeting = await meetingNamed(
            deps.service,
            request.scope,
            request.payload.meetingNumber,
          );
          const { turn, now } = request;
          const issued = await deps.reports.issue(
            meeting,
            await request.actor(),
            now,
            request.operationId ? { operationId: request.operationId } : {},
          );
          const target = targetOf(meeting, turn.conversationId);
          const cards = buildReportCards(issued.report, {
            links: await linksFor(deps, issued, now),
          });
          let problem: string | undefined;
          try {
            await request.teams.post(target.conversationId, cards);
          } catch (error) {
            deps.log.error(
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
          return { card, forEveryone: card };
        },
      }),
    ],
  };
}

async function previewCard(
  deps: ReportRouteDependencies,
  request: RouteRequest<unknown>,
  meeting: MeetingContext,
) {
  const report = await deps.reports.preview(meeting, request.now);
  return buildReportPreviewCard({
    report,
    meetingNumber: meeting.meeting.number,
    postTo: targetOf(meeting, request.turn.conversationId).name,
    parts: await partsOf(deps, report, request.now),
  });
}

/** A meeting of the conversation's group, by the number a button carries (never another group's). */
async function meetingNamed(
  service: ActionService,
  scope: Scope,
  meetingNumber: number,
): Promise<MeetingContext> {
  const group = boundGroup(scope);
  if (scope.kind === 'meeting' && scope.meeting.number === meetingNumber) return scope;
  const found = await service.meetingOf(group, meetingNumber);
  if (!found) {
    throw new NotFoundError(
      `This card is about a meeting ${group.code} does not have; nothing was issued. Type "report" for a fresh preview.`,
    );
  }
  return found;
}

async function partsOf(
  deps: ReportRouteDependencies,
  report: HeadlineReport,
  now: Date,
): Promise<number> {
  // Links of the same length as the real ones, so the count matches what issuing posts.
  const sample = await linksFor(
    deps,
    { groupCode: report.groupCode, meetingNumber: 1, version: report.version },
    now,
  );
  return buildReportCards(report, { links: sample }).length;
}

/** The group's home channel; else the conversation the report is issued from. */
function targetOf(
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

function linksFor(
  deps: ReportRouteDependencies,
  issued: Pick<IssuedReport, 'groupCode' | 'meetingNumber' | 'version'>,
  now: Date,
): Promise<ReportDocumentLink[]> {
  return Promise.all(
    REPORT_FORMAT_NAMES.map(async (format) => ({
      title: FORMAT_TITLES[format],
      url: await deps.links.urlFor(
        { group: issued.groupCode, meeting: issued.meetingNumber, version: issued.version, format },
        now,
      ),
    })),
  );
}
