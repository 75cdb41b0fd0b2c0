import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
  type ProtectedHeaderParameters,
} from 'jose';

/**
 * What the two bearer-token checks (Bot Framework on `/api/messages`, Entra ID on the side
 * panel's API) share: the checks that need no network, signing keys fetched with a bounded
 * timeout, and failures sorted into "this token is not valid" (401) and "the keys cannot be
 * fetched right now" (503). Both carry a short reason of our own for the log; neither carries a
 * library's message, which callers must never show.
 */

/** The token is not valid for this app. Answer 401; `message` is a short reason for the log. */
export class TokenRejectedError extends Error {
  readonly code = 'TokenRejected';
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

/** The signing keys could not be fetched (unreachable, timed out, unusable). Answer 503. */
export class SigningKeysUnavailableError extends Error {
  readonly code = 'SigningKeysUnavailable';
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeysUnavailableError';
  }
}

/** A token as read before any key is fetched: its header and claims, not yet trusted. */
export interface UnverifiedToken {
  readonly header: ProtectedHeaderParameters;
  readonly payload: JWTPayload;
}

// Real tokens are 1-3 KB; anything far larger is not worth decoding.
const MAX_TOKEN_LENGTH = 16 * 1024;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_KEY_ID_LENGTH = 256;

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/**
 * The checks that need no keys: a compact JWS of sane size, signed with RS256 (so `none` and
 * HMAC tokens never reach a key lookup), naming its key, with an expiry not yet past. A token
 * that fails here is refused without any network call.
 *
 * @throws TokenRejectedError with the reason.
 */
export function readUnverifiedToken(
  token: string,
  now: Date,
  clockToleranceSeconds: number,
): UnverifiedToken {
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
    throw new TokenRejectedError('not a signed JWT');
  }
  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    throw new TokenRejectedError('not a readable JWT');
  }
  if (header.alg !== 'RS256') throw new TokenRejectedError('not signed with RS256');
  if (
    typeof header.kid !== 'string' ||
    header.kid === '' ||
    header.kid.length > MAX_KEY_ID_LENGTH
  ) {
    throw new TokenRejectedError('names no signing key');
  }
  const seconds = Math.floor(now.getTime() / 1000);
  if (typeof payload.exp !== 'number') throw new TokenRejectedError('has no expiry');
  if (payload.exp + clockToleranceSeconds <= seconds) throw new TokenRejectedError('expired');
  if (typeof payload.nbf === 'number' && payload.nbf - clockToleranceSeconds > seconds) {
    throw new TokenRejectedError('not valid yet');
  }
  return { header, payload };
}

/**
 * The issuer and audience, checked before any key is fetched, so a token meant for someone else
 * costs no network call (`jwtVerify` checks them again on the verified claims).
 *
 * @throws TokenRejectedError when the issuer or no audience is one of those accepted.
 */
export function expectIssuerAndAudience(
  payload: JWTPayload,
  issuers: readonly string[],
  audiences: readonly string[],
): void {
  if (typeof payload.iss !== 'string' || !issuers.includes(payload.iss)) {
    throw new TokenRejectedError('issuer not accepted');
  }
  const claimed = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!claimed.some((audience) => typeof audience === 'string' && audiences.includes(audience))) {
    throw new TokenRejectedError('audience not accepted');
  }
}

/** Options for {@link remoteSigningKeys}. */
export interface RemoteSigningKeysOptions {
  /** How long one fetch of the key set may take. */
  readonly timeoutMs: number;
  /** After a fetch, fetch again for an unknown key id no sooner than this (default 30 s). */
  readonly refetchCooldownMs?: number;
}

/** A published key set: the lookup `jwtVerify` uses, and the raw keys (for their extra fields). */
export interface SigningKeys {
  readonly getKey: JWTVerifyGetKey;
  /** The published key with this id as last fetched, e.g. for Bot Framework `endorsements`. */
  published(kid: string): (JWK & Record<string, unknown>) | undefined;
}

/**
 * The key set at `url`, cached (12 h) by jose, which refetches when a token names a key it has
 * not seen (keys rotate) at most once per cooldown, and shares one fetch among concurrent
 * requests. A failed fetch becomes {@link SigningKeysUnavailableError}; a key id the fetched set
 * does not hold becomes {@link TokenRejectedError}.
 */
export function remoteSigningKeys(url: URL, options: RemoteSigningKeysOptions): SigningKeys {
  const keySet = createRemoteJWKSet(url, {
    timeoutDuration: options.timeoutMs,
    cooldownDuration: options.refetchCooldownMs ?? 30_000,
    cacheMaxAge: 12 * 60 * 60 * 1000,
  });
  return {
    async getKey(header, token) {
      try {
        return await keySet(header, token);
      } catch (error) {
        if (
          error instanceof errors.JWKSNoMatchingKey ||
          error instanceof errors.JWKSMultipleMatchingKeys
        ) {
          throw new TokenRejectedError('signed with a key that is not published');
        }
        throw new SigningKeysUnavailableError(`signing keys ${fetchFailure(error)}`);
      }
    },
    published(kid) {
      return keySet.jwks()?.keys.find((key) => key.kid === kid);
    },
  };
}

/**
 * `jwtVerify` with its failures sorted: a rejected token gets a short reason of ours, unreachable
 * keys stay {@link SigningKeysUnavailableError}. Anything else that goes wrong while checking
 * also refuses the token (fail closed).
 */
export async function verifySignedToken(
  token: string,
  keys: SigningKeys,
  options: JWTVerifyOptions,
): Promise<{ payload: JWTPayload; header: ProtectedHeaderParameters }> {
  try {
    const { payload, protectedHeader } = await jwtVerify(token, keys.getKey, options);
    return { payload, header: protectedHeader };
  } catch (error) {
    if (error instanceof TokenRejectedError || error instanceof SigningKeysUnavailableError) {
      throw error;
    }
    throw new TokenRejectedError(rejectionReason(error));
  }
}

/**
 * Fetches a small JSON document (an OpenID configuration) within the timeout.
 * @throws SigningKeysUnavailableError when it cannot be had.
 */
export async function fetchJsonDocument(
  url: string,
  what: string,
  timeoutMs: number,
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new SigningKeysUnavailableError(`${what} ${fetchFailure(error)}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new SigningKeysUnavailableError(`${what} answered HTTP ${response.status}`);
  }
  try {
    const document: unknown = await response.json();
    if (typeof document === 'object' && document !== null && !Array.isArray(document)) {
      return document as Record<string, unknown>;
    }
  } catch {
    // Falls through: not JSON.
  }
  throw new SigningKeysUnavailableError(`${what} is not a JSON object`);
}

function rejectionReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `claim ${error.claim} ${error.reason === 'missing' ? 'missing' : 'not accepted'}`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not match';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JOSEError) return 'not a valid JWT';
  return `could not be checked (${error instanceof Error ? error.name : typeof error})`;
}

/** Why a fetch failed, in a few words: the timeout, the socket error code, or "unusable". */
function fetchFailure(error: unknown): string {
  if (error instanceof errors.JWKSTimeout) return 'timed out';
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return 'timed out';
  }
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  if (typeof code === 'string' && /^[A-Z_]{2,32}$/.test(code)) return `unreachable (${code})`;
  if (error instanceof TypeError) return 'unreachable';
  return 'unusable';
}
