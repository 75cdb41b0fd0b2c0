import type { JWTPayload } from 'jose';
import {
  bearerToken,
  expectIssuerAndAudience,
  fetchJsonDocument,
  readUnverifiedToken,
  remoteSigningKeys,
  SigningKeysUnavailableError,
  TokenRejectedError,
  verifySignedToken,
  type SigningKeys,
} from './signed-token';

/** Where Bot Framework channel tokens come from (botbuilder's AuthenticationConstants). */
export const BOT_FRAMEWORK_ISSUER = 'https://api.botframework.com';
export const BOT_FRAMEWORK_OPENID_METADATA_URL =
  'https://login.botframework.com/v1/.well-known/openidconfiguration';
// botbuilder allows five minutes of clock skew on channel tokens.
const CLOCK_TOLERANCE_SECONDS = 5 * 60;

/** Options for {@link BotFrameworkTokenVerifier}. */
export interface BotFrameworkTokenVerifierOptions {
  /** The bot's app id: the audience every token must carry. */
  readonly appId: string;
  /** The OpenID configuration whose `jwks_uri` publishes the channel's signing keys. */
  readonly openIdMetadataUrl: string;
  /** How long one fetch of the metadata or the keys may take before the request gets 503. */
  readonly keyFetchTimeoutMs: number;
}

/** What the activity says about where it came from; the token must agree. */
export interface ActivityOrigin {
  readonly channelId: string;
  readonly serviceUrl: string;
}

/**
 * Checks the token the Bot Framework channel sends with every activity, by the rules botbuilder's
 * ChannelValidation applies (issuer `https://api.botframework.com`, audience = this bot's app id,
 * RS256 signature by a key from the channel's OpenID metadata, expiry with 5 minutes of skew, the
 * key endorsed for the activity's channel, the `serviceurl` claim equal to the activity's
 * serviceUrl, no skill token), with jose instead of botbuilder's validator: botbuilder fetches the
 * keys with no timeout, again for every request while the endpoint fails, writes to the console
 * and answers a bad signature with 500. Here a malformed, expired, `none`/HMAC or misaddressed
 * token is refused before any network call, a fetch is bounded, and every failure is either
 * {@link TokenRejectedError} (401) or {@link SigningKeysUnavailableError} (503).
 */
export class BotFrameworkTokenVerifier {
  private signingKeys: Promise<SigningKeys> | undefined;

  constructor(private readonly options: BotFrameworkTokenVerifierOptions) {}

  /** The verified claims of the `Authorization` header's token for this activity. */
  async verify(authorization: string | undefined, origin: ActivityOrigin): Promise<JWTPayload> {
    const token = bearerToken(authorization);
    if (!token) throw new TokenRejectedError('no bearer token');
    const { appId } = this.options;
    const unverified = readUnverifiedToken(token, new Date(), CLOCK_TOLERANCE_SECONDS);
    expectIssuerAndAudience(unverified.payload, [BOT_FRAMEWORK_ISSUER], [appId]);
    const keys = await this.keys();
    const { payload, header } = await verifySignedToken(token, keys, {
      algorithms: ['RS256'],
      issuer: BOT_FRAMEWORK_ISSUER,
      audience: appId,
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const endorsements = keys.published(header.kid ?? '')?.endorsements;
    if (
      Array.isArray(endorsements) &&
      endorsements.length > 0 &&
      !endorsements.includes(origin.channelId)
    ) {
      throw new TokenRejectedError('signing key not endorsed for this channel');
    }
    if (payload.serviceurl !== origin.serviceUrl) {
      throw new TokenRejectedError('serviceurl claim does not match the activity');
    }
    if (isSkillToken(payload)) throw new TokenRejectedError('a skill token');
    return payload;
  }

  /** The channel's keys, found through its OpenID metadata once; a failed lookup is retried. */
  private keys(): Promise<SigningKeys> {
    this.signingKeys ??= this.discoverKeys().catch((error: unknown) => {
      this.signingKeys = undefined;
      throw error;
    });
    return this.signingKeys;
  }

  private async discoverKeys(): Promise<SigningKeys> {
    const { openIdMetadataUrl, keyFetchTimeoutMs } = this.options;
    const metadata = await fetchJsonDocument(
      openIdMetadataUrl,
      'OpenID metadata',
      keyFetchTimeoutMs,
    );
    let jwksUrl: URL;
    try {
      jwksUrl = new URL(String(metadata.jwks_uri));
    } catch {
      throw new SigningKeysUnavailableError('OpenID metadata names no jwks_uri');
    }
    if (jwksUrl.protocol !== 'https:' && jwksUrl.protocol !== 'http:') {
      throw new SigningKeysUnavailableError('OpenID metadata names no http(s) jwks_uri');
    }
    return remoteSigningKeys(jwksUrl, { timeoutMs: keyFetchTimeoutMs });
  }
}

/** botbuilder's SkillValidation.isSkillClaim: a bot-to-bot token, which this bot never accepts. */
function isSkillToken(payload: JWTPayload): boolean {
  if (!payload.ver) return false;
  const audience = typeof payload.aud === 'string' ? payload.aud : undefined;
  if (!audience || audience === BOT_FRAMEWORK_ISSUER) return false;
  const appId =
    payload.ver === '1.0' ? payload.appid : payload.ver === '2.0' ? payload.azp : undefined;
  return typeof appId === 'string' && appId !== '' && appId !== audience;
}
