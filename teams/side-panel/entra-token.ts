import type { JWTPayload } from 'jose';
import {
  expectIssuerAndAudience,
  readUnverifiedToken,
  remoteSigningKeys,
  TokenRejectedError,
  verifySignedToken,
  type SigningKeys,
} from '../signed-token';

/** Who a valid token names: the user by tenant and Entra object id. */
export interface EntraUser {
  readonly tenantId: string;
  readonly objectId: string;
  readonly name?: string;
}

/** Options for {@link EntraTokenVerifier}. */
export interface EntraTokenVerifierOptions {
  /** The app the token must be for; the audience may be this id or one of `extraAudiences`. */
  readonly appId: string;
  /** E.g. the single sign-on resource `api://<host>/<app id>`. */
  readonly extraAudiences?: readonly string[];
  /** `https://login.microsoftonline.com`; v2 tokens are issued by `<authority>/<tid>/v2.0`. */
  readonly authority: string;
  /** The tenant's published keys; `{tenantId}` is replaced by the token's (checked) tenant id. */
  readonly jwksUrl: string;
  /** A single-tenant app accepts only its own tenant. */
  readonly tenantId?: string;
  /** After fetching keys, fetch again for an unknown key id no sooner than this (default 30 s). */
  readonly refetchCooldownMs?: number;
  /** How long one fetch of a tenant's keys may take before the request gets 503. */
  readonly keyFetchTimeoutMs: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// v1 tokens (requested for an app whose manifest says accessTokenAcceptedVersion 1 or null).
const V1_ISSUER_BASE = 'https://sts.windows.net';
// Tenants whose key sets are kept; more than this (a flood of made-up tenants) evicts the oldest.
const MAX_TENANT_KEY_SETS = 100;
const CLOCK_TOLERANCE_SECONDS = 60;

/**
 * Checks an Entra ID access token for this app: RS256 signature against the issuing tenant's
 * published keys, issuer (v2 `<authority>/<tid>/v2.0` or v1 `https://sts.windows.net/<tid>/`)
 * matching the token's own tenant, audience, expiry and not-before. A token that is malformed,
 * not RS256, names no key, has expired, names no valid tenant or is for another issuer or app
 * is refused before any key is fetched. Key sets are kept per tenant (see {@link remoteSigningKeys}).
 */
export class EntraTokenVerifier {
  private readonly keySets = new Map<string, SigningKeys>();

  constructor(private readonly options: EntraTokenVerifierOptions) {}

  /**
   * @throws TokenRejectedError for anything but a valid token for this app (answer 401).
   * @throws SigningKeysUnavailableError when the tenant's keys cannot be fetched (answer 503).
   */
  async verify(token: string): Promise<EntraUser> {
    const unverified = readUnverifiedToken(token, new Date(), CLOCK_TOLERANCE_SECONDS);
    const tenantId = this.claimedTenant(unverified.payload);
    const authority = this.options.authority.replace(/\/+$/, '');
    const audience = [this.options.appId, ...(this.options.extraAudiences ?? [])];
    const issuer = [`${authority}/${tenantId}/v2.0`, `${V1_ISSUER_BASE}/${tenantId}/`];
    expectIssuerAndAudience(unverified.payload, issuer, audience);
    const { payload } = await verifySignedToken(token, this.keySetFor(tenantId), {
      algorithms: ['RS256'],
      audience,
      issuer,
      requiredClaims: ['exp', 'oid', 'tid'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (
      String(payload.tid).toLowerCase() !== tenantId ||
      typeof payload.oid !== 'string' ||
      !GUID.test(payload.oid)
    ) {
      throw new TokenRejectedError('the token names no user of its tenant');
    }
    const name = typeof payload.name === 'string' ? payload.name : undefined;
    return { tenantId, objectId: payload.oid.toLowerCase(), ...(name ? { name } : {}) };
  }

  /** The tenant the token says it is from, checked for shape before any key set is fetched. */
  private claimedTenant(payload: JWTPayload): string {
    const tid = payload.tid;
    if (typeof tid !== 'string' || !GUID.test(tid)) {
      throw new TokenRejectedError('the token has no tenant id');
    }
    const tenantId = tid.toLowerCase();
    if (this.options.tenantId && this.options.tenantId.toLowerCase() !== tenantId) {
      throw new TokenRejectedError('the token is from another tenant than this app');
    }
    return tenantId;
  }

  private keySetFor(tenantId: string): SigningKeys {
    const known = this.keySets.get(tenantId);
    if (known) return known;
    if (this.keySets.size >= MAX_TENANT_KEY_SETS) {
      const oldest = this.keySets.keys().next().value;
      if (oldest !== undefined) this.keySets.delete(oldest);
    }
    const url = new URL(this.options.jwksUrl.replace('{tenantId}', tenantId));
    const keySet = remoteSigningKeys(url, {
      timeoutMs: this.options.keyFetchTimeoutMs,
      refetchCooldownMs: this.options.refetchCooldownMs,
    });
    this.keySets.set(tenantId, keySet);
    return keySet;
  }
}
