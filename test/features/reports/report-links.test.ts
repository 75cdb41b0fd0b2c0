import type { AddressInfo } from 'node:net';
import restify, { type Server } from 'restify';
import {
  DocumentLinks,
  signReportLink,
  verifyReportLink,
  type ReportLinkPayload,
} from '../../../features/reports/report-links';
import { registerReportDocumentRoute } from '../../../features/reports/report-document-route';
import { ReportService } from '../../../core/reports/report-service';
import { TableReportStore } from '../../../storage/table-report-store';
import { CapturedLog } from '../../support/test-app';
import { servicesOn } from '../../support/test-services';
import { freshTableStorage } from '../../support/test-storage';
import { seedReport } from '../../documents/seed-model';

const SECRET = 'a-report-link-secret-of-32-characters-or-more';
const NOW = new Date('2022-02-24T09:00:00Z');
const PAYLOAD: ReportLinkPayload = {
  group: 'CCAG',
  meeting: 3,
  version: 1,
  format: 'html',
  exp: Math.floor(NOW.getTime() / 1000) + 3600,
};

/** Changes one character of the token's payload part (keeping it base64url). */
function altered(token: string, at = 5): string {
  const swap = token[at] === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${swap}${token.slice(at + 1)}`;
}

describe('signed report links (pure)', () => {
  it('verifies its own token and gives the payload back', () => {
    const check = verifyReportLink(signReportLink(PAYLOAD, SECRET), SECRET, NOW);
    expect(check).toEqual({ ok: true, payload: PAYLOAD });
  });

  it.each([
    ['an altered payload', (token: string) => altered(token)],
    ['an altered signature', (token: string) => altered(token, token.length - 3)],
    ['a truncated token', (token: string) => token.slice(0, -1)],
    ['garbage', () => 'not-a-token'],
    [
      'another version signed elsewhere',
      () => signReportLink({ ...PAYLOAD, version: 2 }, 'x'.repeat(40)),
    ],
  ])('refuses %s as invalid', (_name, change) => {
    expect(verifyReportLink(change(signReportLink(PAYLOAD, SECRET)), SECRET, NOW)).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('refuses a genuine token past its expiry as expired, and a moved expiry as invalid', () => {
    const token = signReportLink(PAYLOAD, SECRET);
    const later = new Date((PAYLOAD.exp + 1) * 1000);
    expect(verifyReportLink(token, SECRET, later)).toEqual({ ok: false, reason: 'expired' });
    const [body, signature] = token.split('.');
    const moved = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(body ?? '', 'base64url').toString()),
        exp: PAYLOAD.exp + 99999,
      }),
    ).toString('base64url');
    expect(verifyReportLink(`${moved}.${signature}`, SECRET, later).ok).toBe(false);
  });
});

describe('GET /reports/<token> (restify, Azurite)', () => {
  let server: Server;
  let url: string;
  let links: DocumentLinks;
  let now = NOW;

  beforeAll(async () => {
    const storage = await freshTableStorage();
    const services = servicesOn(storage);
    const reports = new ReportService({
      ...services,
      reports: new TableReportStore(storage.table('groups')),
    });
    const report = seedReport();
    await services.groups.createGroupIfMissing({
      code: 'CCAG',
      name: 'MHHS Cross Code Advisory Group',
      timeZone: 'Europe/London',
      chairs: [],
    });
    await new TableReportStore(storage.table('groups')).issueReport('CCAG', 3, (version) => ({
      groupCode: 'CCAG',
      meetingNumber: 3,
      version,
      report: { ...report, version },
      issuedAt: NOW.toISOString(),
      issuedBy: { id: '29:1Qv-ada', name: 'Ada Lovelace' },
    }));
    server = restify.createServer();
    links = new DocumentLinks({ secret: SECRET, ttlMs: 3600_000, baseUrl: () => url });
    registerReportDocumentRoute(server, {
      links,
      reports,
      log: new CapturedLog().logger,
      now: () => now,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    now = NOW;
  });

  const linkTo = (format: ReportLinkPayload['format'], version = 1) =>
    links.urlFor({ group: 'CCAG', meeting: 3, version, format }, NOW);

  it('serves each document with its type and file name for a valid link', async () => {
    const html = await fetch(linkTo('html'));
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toBe(
      'inline; filename="CCAG003-headline-report-v1.html"',
    );
    expect(await html.text()).toContain('MHHS Cross Code Advisory Group Headline Report');

    const docx = await fetch(linkTo('docx'));
    expect(docx.status).toBe(200);
    expect(docx.headers.get('content-disposition')).toBe(
      'attachment; filename="CCAG003-headline-report-v1.docx"',
    );
    expect(
      Buffer.from(await docx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const tsv = await fetch(linkTo('tsv'));
    expect(await tsv.text()).toContain('CCAG03-01');
  });

  it('answers an altered link 403 with no report data', async () => {
    const good = linkTo('html');
    const token = good.split('/').pop() ?? '';
    const response = await fetch(`${url}/reports/${altered(token)}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('CCAG');
  });

  it('answers a link signed with another secret 403', async () => {
    const token = signReportLink(
      { ...PAYLOAD, format: 'md' },
      'another-secret-of-32-characters-long!',
    );
    const response = await fetch(`${url}/reports/${token}`);
    expect(response.status).toBe(403);
  });

  it('answers an expired link 410 with no report data', async () => {
    const good = linkTo('md');
    now = new Date(NOW.getTime() + 2 * 3600_000);
    const response = await fetch(good);
    expect(response.status).toBe(410);
    expect(await response.text()).not.toContain('CCAG');
  });

  it('answers a valid link to a version that was never issued 404', async () => {
    expect((await fetch(linkTo('html', 7))).status).toBe(404);
  });
});
