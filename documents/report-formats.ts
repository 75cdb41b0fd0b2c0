import { ValidationError } from '../core/errors';
import type { HeadlineReport } from '../core/reports/headline-report';
import { renderHtml } from './html-report';
import { renderMarkdown } from './markdown-report';
import { renderTsv } from './tsv-report';

/** The document formats a headline report is written in. */
export const REPORT_FORMAT_NAMES = ['docx', 'html', 'md', 'tsv'] as const;

export type ReportFormatName = (typeof REPORT_FORMAT_NAMES)[number];

/** How one format is written and served. */
export interface ReportFormat {
  readonly name: ReportFormatName;
  /** File extension without the dot. */
  readonly extension: string;
  /** The `Content-Type` to serve the document with. */
  readonly contentType: string;
  readonly render: (report: HeadlineReport) => Promise<Buffer>;
}

const text =
  (render: (report: HeadlineReport) => string) =>
  async (report: HeadlineReport): Promise<Buffer> =>
    Buffer.from(render(report), 'utf8');

/** Every format by name. */
export const REPORT_FORMATS: Readonly<Record<ReportFormatName, ReportFormat>> = {
  docx: {
    name: 'docx',
    extension: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    // docx is large and only a report needs it: loaded with the first Word document.
    render: async (report) => (await import('./docx-report')).renderDocx(report),
  },
  html: {
    name: 'html',
    extension: 'html',
    contentType: 'text/html; charset=utf-8',
    render: text(renderHtml),
  },
  md: {
    name: 'md',
    extension: 'md',
    contentType: 'text/markdown; charset=utf-8',
    render: text(renderMarkdown),
  },
  tsv: {
    name: 'tsv',
    extension: 'tsv',
    contentType: 'text/tab-separated-values; charset=utf-8',
    render: text(renderTsv),
  },
};

/**
 * The format a user or a link names (`docx`, `html`, `md` or `tsv`; case ignored).
 *
 * @throws ValidationError (field `format`) naming the formats there are.
 */
export function reportFormat(name: string): ReportFormat {
  const wanted = name.trim().toLowerCase();
  const format = REPORT_FORMAT_NAMES.find((known) => known === wanted);
  if (!format) {
    throw new ValidationError(
      `"${name}" is not a report format; use one of ${REPORT_FORMAT_NAMES.join(', ')}.`,
      'format',
    );
  }
  return REPORT_FORMATS[format];
}

/** The file name a report is saved under, e.g. `CCAG003-headline-report-v2.docx`. */
export function reportFileName(report: HeadlineReport, format: ReportFormat): string {
  return `${report.meetingCode}-headline-report-v${report.version}.${format.extension}`;
}
