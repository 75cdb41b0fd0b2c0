import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';

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
}

/** Why a token was refused; the message is for logs, the caller answers 401 without it. */
export class TokenRejectedError extends Error {
  readonly code = 'TokenRejected';
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejectedError';
  }
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
 * matching the token's own tenant, audience, expiry and not-before. Key sets are cached per tenant
 * by jose, which refetches when a token names a key it has not seen (Entra ID rotates keys), at
 * most once per cooldown.
 */
export class EntraTokenVerifier {
  private readonly keySets = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly options: EntraTokenVerifierOptions) {}

  /** @throws TokenRejectedError for anything but a valid token for this app. */
  async verify(token: string): Promise<EntraUser> {
    const tenantId = this.claimedTenant(token);
    const authority = this.options.authority.replace(/\/+$/, '');
    try {
      const { payload } = await jwtVerify(token, this.keySetFor(tenantId), {
        algorithms: ['RS256'],
        audience: [this.options.appId, ...(this.options.extraAudiences ?? [])],
        issuer: [`${authority}/${tenantId}/v2.0`, `${V1_ISSUER_BASE}/${tenantId}/`],
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
    } catch (error) {
      if (error instanceof TokenRejectedError) throw error;
      if (error instanceof errors.JOSEError) {
        throw new TokenRejectedError(`${error.code}: ${error.message}`);
      }
      throw error;
    }
  }

  /** The tenant the token says it is from, checked for shape before any key set is fetched. */
  private claimedTenant(token: string): string {
    let tid: unknown;
    try {
      tid = decodeJwt(token).tid;
    } catch {
      throw new TokenRejectedError('not a JWT');
    }
    if (typeof tid !== 'string' || !GUID.test(tid)) {
      throw new TokenRejectedError('the token has no tenant id');
    }
    const tenantId = tid.toLowerCase();
    if (this.options.tenantId && this.options.tenantId.toLowerCase() !== tenantId) {
      throw new TokenRejectedError(`tenant ${tenantId} is not this app's tenant`);
    }
    return tenantId;
  }

  private keySetFor(tenantId: string): JWTVerifyGetKey {
    const known = this.keySets.get(tenantId);
    if (known) return known;
    if (this.keySets.size >= MAX_TENANT_KEY_SETS) {
      const oldest = this.keySets.keys().next().value;
      if (oldest !== undefined) this.keySets.delete(oldest);
    }
    const url = new URL(this.options.jwksUrl.replace('{tenantId}', tenantId));
    const keySet = createRemoteJWKSet(url, {
      cooldownDuration: this.options.refetchCooldownMs ?? 30_000,
      cacheMaxAge: 12 * 60 * 60 * 1000,
      timeoutDuration: 5_000,
    });
    this.keySets.set(tenantId, keySet);
    return keySet;
  }
}
