import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

/** Makes tokens signed by a test's key endpoint (the local Bot Framework or the local Entra ID). */
export interface TokenMint {
  /** A token the app must accept. */
  valid(): Promise<string>;
  /** The valid token with these claims changed, signed by the same key. */
  signed(overrides: JWTPayload, options?: { expiresIn?: number }): Promise<string>;
}

/** A token that must be refused, and whether it gets as far as needing the signing keys. */
export interface Forgery {
  readonly name: string;
  /**
   * Passes every check that needs no keys (shape, RS256, key id, expiry, issuer, audience), so
   * only the signature can refuse it: with the keys unreachable the answer is 503, not 401.
   */
  readonly needsKeys: boolean;
  make(mint: TokenMint): Promise<string | undefined>;
}

const anHourAgo = () => Math.floor(Date.now() / 1000) - 3600;

/** Every kind of token an attacker (or a broken client) may send. */
export const FORGERIES: readonly Forgery[] = [
  { name: 'no token', needsKeys: false, make: async () => undefined },
  { name: 'a token that is not a JWT', needsKeys: false, make: async () => 'not-a-jwt' },
  {
    name: 'an expired token',
    needsKeys: false,
    make: (mint) => mint.signed({}, { expiresIn: anHourAgo() }),
  },
  {
    name: 'an unsigned token (alg none)',
    needsKeys: false,
    make: async (mint) => {
      const payload = decodeJwt(await mint.valid());
      return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
    },
  },
  {
    name: 'an HS256 token (the public key used as a shared secret)',
    needsKeys: false,
    make: async (mint) => {
      const valid = await mint.valid();
      return new SignJWT(decodeJwt(valid))
        .setProtectedHeader({ alg: 'HS256', kid: decodeProtectedHeader(valid).kid ?? '' })
        .sign(new TextEncoder().encode('guessed-secret-of-thirty-two-bytes!!'));
    },
  },
  {
    name: 'an RS256 token naming no key',
    needsKeys: false,
    make: async (mint) => resign(await mint.valid(), undefined),
  },
  {
    name: 'a token for another app',
    needsKeys: false,
    make: (mint) => mint.signed({ aud: 'api://elsewhere.example/another-app' }),
  },
  {
    name: 'a token from another issuer',
    needsKeys: false,
    make: (mint) => mint.signed({ iss: 'https://issuer.example/' }),
  },
  {
    name: 'a token signed by an unpublished key under a published key id',
    needsKeys: true,
    make: async (mint) => {
      const valid = await mint.valid();
      return resign(valid, decodeProtectedHeader(valid).kid);
    },
  },
  {
    name: 'a token signed by a key id that was never published',
    needsKeys: true,
    make: async (mint) => resign(await mint.valid(), 'never-published'),
  },
  {
    name: 'a token whose claims were altered after signing',
    needsKeys: true,
    make: async (mint) => {
      const valid = await mint.valid();
      const [header, , signature] = valid.split('.');
      const payload = { ...decodeJwt(valid), name: 'Someone Else', admin: true };
      return `${header}.${part(payload)}.${signature}`;
    },
  },
];

/** Library words that must never reach a response body or a log line. */
export const LIBRARY_TEXT =
  /ERR_JW|JWS|signature verification failed|"exp" claim|fetch failed|Expected 200 OK|AuthenticationError|node-fetch|\n\s+at /;

function part(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The token's claims signed again with a key of our own, under `kid`. */
async function resign(token: string, kid: string | undefined): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(decodeJwt(token))
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(kid === undefined ? {} : { kid }) })
    .sign(privateKey);
}
