import { errors, jwtVerify, SignJWT } from 'jose';
import * as z from 'zod';
import { REPORT_FORMAT_NAMES, type ReportFormatName } from '../../documents/report-formats';

/**
 * Links to a report's documents that cannot be guessed or altered, and expire: the token is a
 * JWT signed with HS256 and REPORT_LINK_SECRET whose claims name the document (`group`,
 * `meeting`, `version`, `format`) and its expiry (`exp`). Anyone holding a link may read that one
 * document of that one version until it expires, as with a shared file link; changing any
 * character of the token (another version, format or expiry) breaks the signature. Pure: the
 * caller gives the secret and the time.
 */
export interface ReportLinkPayload {
  /** Group code, e.g. `CCAG`. */
  readonly group: string;
  /** Meeting number, e.g. 3. */
  readonly meeting: number;
  readonly version: number;
  readonly format: ReportFormatName;
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

export type ReportLinkCheck =
  | { readonly ok: true; readonly payload: ReportLinkPayload }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

// Explicit typing (RFC 8725 §3.11): a JWT made for anything else is never taken for a link.
const TOKEN_TYPE = 'report-link+jwt';
const MAX_TOKEN_LENGTH = 2048;

const whole = z.number().int().positive();
const CLAIMS = z.object({
  group: z.string().min(1).max(64),
  meeting: whole,
  version: whole,
  format: z.enum(REPORT_FORMAT_NAMES),
  exp: whole,
});

/** The token for a payload. */
export function signReportLink(payload: ReportLinkPayload, secret: string): Promise<string> {
  const { group, meeting, version, format, exp } = payload;
  return new SignJWT({ group, meeting, version, format })
    .setProtectedHeader({ alg: 'HS256', typ: TOKEN_TYPE })
    .setExpirationTime(exp)
    .sign(keyOf(secret));
}

/**
 * Checks a token: `invalid` for anything not signed with this secret (altered, forged, signed
 * with another secret or algorithm, malformed), `expired` for a genuine link past its expiry.
 * jose checks the signature (in constant time) before the claims, so an altered expiry is
 * `invalid`, and timing tells nothing about the right signature.
 */
export async function verifyReportLink(
  token: string,
  secret: string,
  now: Date,
): Promise<ReportLinkCheck> {
  const invalid = { ok: false, reason: 'invalid' } as const;
  if (token.length > MAX_TOKEN_LENGTH) return invalid;
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      typ: TOKEN_TYPE,
      requiredClaims: ['exp'],
      currentDate: now,
    });
    const claims = CLAIMS.safeParse(payload);
    return claims.success ? { ok: true, payload: claims.data } : invalid;
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
    if (error instanceof errors.JOSEError) return invalid;
    throw error;
  }
}

/** Options for {@link DocumentLinks}. */
export interface DocumentLinksOptions {
  readonly secret: string;
  /** The bot's public address, e.g. `https://bot.example.org`; read when a link is made. */
  readonly baseUrl: () => string;
  /** How long a link works. */
  readonly ttlMs: number;
}

/** Makes and checks the `GET /reports/<token>` links with one secret and expiry. */
export class DocumentLinks {
  constructor(private readonly options: DocumentLinksOptions) {}

  async urlFor(target: Omit<ReportLinkPayload, 'exp'>, now: Date): Promise<string> {
    const exp = Math.floor((now.getTime() + this.options.ttlMs) / 1000);
    const token = await signReportLink({ ...target, exp }, this.options.secret);
    return `${this.options.baseUrl().replace(/\/+$/, '')}${REPORT_LINK_PATH}/${token}`;
  }

  verify(token: string, now: Date): Promise<ReportLinkCheck> {
    return verifyReportLink(token, this.options.secret, now);
  }
}

export const REPORT_LINK_PATH = '/reports';

function keyOf(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}
