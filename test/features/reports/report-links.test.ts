import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
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
import { expectSeedReportDocx, issueSeedReport, servicesOn } from '../../support/test-services';
import { freshTableStorage } from '../../support/test-storage';

const SECRET = 'a-report-link-secret-of-32-characters-or-more';
const NOW = new Date('2022-02-24T09:00:00Z');
const PAYLOAD: ReportLinkPayload = {
  group: 'CCAG',
  meeting: 3,
  version: 1,
  format: 'html',
  exp: Math.floor(NOW.getTime() / 1000) + 3600,
};

/** Changes one character of one part of the token (0 header, 1 claims, 2 signature). */
function altered(token: string, part = 1, at = 5): string {
  const parts = token.split('.');
  const text = parts[part] ?? '';
  parts[part] = `${text.slice(0, at)}${text[at] === 'A' ? 'B' : 'A'}${text.slice(at + 1)}`;
  return parts.join('.');
}

/** The token with its claims replaced, keeping the header and signature. */
function withClaims(token: string, change: (claims: Record<string, unknown>) => unknown): string {
  const [header, , signature] = token.split('.');
  const claims = change(decodeJwt(token) as Record<string, unknown>);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('signed report links (pure)', () => {
  it('verifies its own token and gives the payload back', async () => {
    const check = await verifyReportLink(await signReportLink(PAYLOAD, SECRET), SECRET, NOW);
    expect(check).toEqual({ ok: true, payload: PAYLOAD });
  });

  it('is an HS256 JWT whose claims name the document and its expiry', async () => {
    const token = await signReportLink(PAYLOAD, SECRET);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'report-link+jwt' });
    expect(decodeJwt(token)).toEqual({
      group: 'CCAG',
      meeting: 3,
      version: 1,
      format: 'html',
      exp: PAYLOAD.exp,
    });
  });

  it.each([
    ['an altered header', (token: string) => altered(token, 0)],
    ['altered claims', (token: string) => altered(token, 1)],
    ['an altered signature', (token: string) => altered(token, 2)],
    [
      'another version with the signature kept',
      (token: string) => withClaims(token, (claims) => ({ ...claims, version: 2 })),
    ],
    ['a truncated token', (token: string) => token.slice(0, -1)],
    ['garbage', () => 'not-a-token'],
    ['an over-long token', (token: string) => `${token}${'A'.repeat(4096)}`],
    [
      'an unsigned token (alg none)',
      (token: string) =>
        `${Buffer.from('{"alg":"none","typ":"report-link+jwt"}').toString('base64url')}.${token.split('.')[1]}.`,
    ],
    [
      'another version signed elsewhere',
      async () => signReportLink({ ...PAYLOAD, version: 2 }, 'x'.repeat(40)),
    ],
    [
      'a JWT signed with the secret for something else',
      async () =>
        new SignJWT({ ...PAYLOAD })
          .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
          .sign(new TextEncoder().encode(SECRET)),
    ],
    [
      'a signed token naming an unknown format',
      async () =>
        new SignJWT({ ...PAYLOAD, format: 'exe' })
          .setProtectedHeader({ alg: 'HS256', typ: 'report-link+jwt' })
          .sign(new TextEncoder().encode(SECRET)),
    ],
  ])('refuses %s as invalid', async (_name, change) => {
    const token = await change(await signReportLink(PAYLOAD, SECRET));
    expect(await verifyReportLink(token, SECRET, NOW)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a genuine token past its expiry as expired, and a moved expiry as invalid', async () => {
    const token = await signReportLink(PAYLOAD, SECRET);
    const later = new Date((PAYLOAD.exp + 1) * 1000);
    expect(await verifyReportLink(token, SECRET, later)).toEqual({ ok: false, reason: 'expired' });
    const moved = withClaims(token, (claims) => ({ ...claims, exp: PAYLOAD.exp + 99999 }));
    expect(await verifyReportLink(moved, SECRET, later)).toEqual({
      ok: false,
      reason: 'invalid',
    });
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
    await issueSeedReport(storage, NOW);
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
    const html = await fetch(await linkTo('html'));
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toBe(
      'inline; filename="CCAG003-headline-report-v1.html"',
    );
    expect(await html.text()).toContain('MHHS Cross Code Advisory Group Headline Report');

    await expectSeedReportDocx(await fetch(await linkTo('docx')));

    const tsv = await fetch(await linkTo('tsv'));
    expect(await tsv.text()).toContain('CCAG03-01');
  });

  it('answers an altered link 403 with no report data', async () => {
    const good = await linkTo('html');
    const token = good.split('/').pop() ?? '';
    const response = await fetch(`${url}/reports/${altered(token)}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('CCAG');
  });

  it('answers a link signed with another secret 403', async () => {
    const token = await signReportLink(
      { ...PAYLOAD, format: 'md' },
      'another-secret-of-32-characters-long!',
    );
    const response = await fetch(`${url}/reports/${token}`);
    expect(response.status).toBe(403);
  });

  it('answers an expired link 410 with no report data', async () => {
    const good = await linkTo('md');
    now = new Date(NOW.getTime() + 2 * 3600_000);
    const response = await fetch(good);
    expect(response.status).toBe(410);
    expect(await response.text()).not.toContain('CCAG');
  });

  it('answers a valid link to a version that was never issued 404', async () => {
    expect((await fetch(await linkTo('html', 7))).status).toBe(404);
  });
});
