import type { Request, Response, Server } from 'restify';
import type { ReportService } from '../../core/reports/report-service';
import { REPORT_FORMATS, reportFileName } from '../../documents/report-formats';
import { REPORT_LINK_PATH, type DocumentLinks } from './report-links';
import type { Log as Logger } from '../../core/log';

/** What `GET /reports/<token>` needs. */
export interface ReportDocumentRouteDependencies {
  readonly links: DocumentLinks;
  readonly reports: Pick<ReportService, 'getIssued'>;
  readonly log: Logger;
  readonly now?: () => Date;
}

/**
 * Serves an issued report's document behind a signed link: 403 for a link that was not signed
 * here (altered, forged, another secret), 410 once it has expired, 404 when the version is gone,
 * and otherwise the document with its type and file name. A refusal carries no report data.
 */
export function registerReportDocumentRoute(
  server: Server,
  deps: ReportDocumentRouteDependencies,
): void {
  const now = deps.now ?? (() => new Date());
  // A wildcard, not `:token`: the router refuses named parameters over 100 characters.
  server.get(`${REPORT_LINK_PATH}/*`, async (req: Request, res: Response) => {
    const token = String((req.params as Record<string, unknown>)['*'] ?? '');
    const check = await deps.links.verify(token, now());
    if (!check.ok) {
      if (check.reason === 'expired') {
        refuse(res, 410, 'This report link has expired. Ask a chair for a new one.');
      } else {
        refuse(res, 403, 'This report link is not valid.');
      }
      return;
    }
    const { group, meeting, version, format: formatName } = check.payload;
    const issued = await deps.reports.getIssued(group, meeting, version);
    if (!issued) {
      refuse(res, 404, 'This version of the report does not exist any more.');
      return;
    }
    const format = REPORT_FORMATS[formatName];
    const body = await format.render(issued.report);
    const fileName = reportFileName(issued.report, format);
    deps.log.info({ group, meeting, version, format: formatName }, 'report document served');
    // HTML opens in the browser (it is printable); the others download under their file name.
    const disposition = formatName === 'html' ? 'inline' : 'attachment';
    res.writeHead(200, {
      'Content-Type': format.contentType,
      'Content-Length': body.length,
      'Content-Disposition': `${disposition}; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      // The HTML report is self-contained: it needs no script, image or request of its own.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Referrer-Policy': 'no-referrer',
    });
    res.end(body);
  });
}

/** The path as the request log may show it: a link's token is a credential, so never logged. */
export function loggablePath(path: string): string {
  return path.startsWith(`${REPORT_LINK_PATH}/`) ? `${REPORT_LINK_PATH}/…` : path;
}

function refuse(res: Response, status: number, message: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(message);
}
