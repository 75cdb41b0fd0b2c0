import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { TENANT_ID } from '../support/activities';

/** The app id and host the side panel's tokens are for in these tests. */
export const SSO_APP_ID = '0f6b7c8d-1a2b-4c3d-9e8f-a1b2c3d4e5f6';
export const PUBLIC_HOST = 'actions.example.org';
export const SSO_RESOURCE = `api://${PUBLIC_HOST}/${SSO_APP_ID}`;

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/**
 * Stands in for Entra ID: an RS256 key set published on loopback at
 * `/{tenantId}/discovery/v2.0/keys` (as login.microsoftonline.com publishes it), and tokens signed
 * with it. Counts key-set fetches, so tests can see the keys are cached and refreshed.
 */
export class LocalEntra {
  keyFetches = 0;
  private constructor(
    private readonly server: http.Server,
    private keys: Array<{ kid: string; privateKey: Key; jwk: Record<string, unknown> }>,
  ) {}

  static async start(): Promise<LocalEntra> {
    const server = http.createServer();
    const entra = new LocalEntra(server, [await newKey('key-1')]);
    server.on('request', (req, res) => {
      if (/^\/[0-9a-f-]{36}\/discovery\/v2\.0\/keys$/.test(req.url ?? '')) {
        entra.keyFetches++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: entra.keys.map((key) => key.jwk) }));
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return entra;
  }

  /** Plays ENTRA_AUTHORITY: v2 issuers are `<authority>/<tid>/v2.0`. */
  get authority(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The app settings that point the side panel's API at this stand-in. */
  settings(): Record<string, string> {
    return {
      TAB_SSO_APP_ID: SSO_APP_ID,
      PUBLIC_HOST_NAME: PUBLIC_HOST,
      ENTRA_AUTHORITY: this.authority,
    };
  }

  /** Entra ID rotated its keys: a new key signs from now on, the old one is gone. */
  async rotate(): Promise<void> {
    this.keys = [await newKey(`key-${Date.now()}`)];
  }

  /** A token as Teams' getAuthToken returns it, for the user with this object id. */
  async token(
    objectId: string,
    overrides: JWTPayload & { tid?: string; name?: string } = {},
    options: { expiresIn?: string | number; key?: 'current' | 'foreign' } = {},
  ): Promise<string> {
    const tid = overrides.tid ?? TENANT_ID;
    const signing =
      options.key === 'foreign' ? await newKey(this.keys[0]?.kid ?? 'key-1') : this.keys[0];
    if (!signing) throw new Error('no key');
    return new SignJWT({
      aud: SSO_RESOURCE,
      iss: `${this.authority}/${tid}/v2.0`,
      tid,
      oid: objectId,
      name: 'Signed-in user',
      scp: 'access_as_user',
      ver: '2.0',
      ...overrides,
    })
      .setProtectedHeader({ alg: 'RS256', kid: signing.kid, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(signing.privateKey);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

async function newKey(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, jwk };
}
