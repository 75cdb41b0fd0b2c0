import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { BOT_FRAMEWORK_ISSUER } from '../../teams/bot-framework-token';

/** The bot's app id in these tests. */
export const BOT_APP_ID = '0f6b7c8d-1a2b-4c3d-9e8f-a1b2c3d4e5f6';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
interface PublishedKey {
  readonly kid: string;
  readonly privateKey: PrivateKey;
  readonly jwk: Record<string, unknown>;
}

/** What a test token is signed with: the published key, or one endorsed only for another channel. */
export type BotKeyChoice = 'published' | 'skype-only';

/**
 * Stands in for the Bot Framework's token service: its OpenID metadata at
 * `/v1/.well-known/openidconfiguration` names `/v1/.well-known/keys`, where an RS256 key endorsed
 * for `msteams` is published (and one endorsed only for `skype`), and channel tokens signed with
 * them. Counts the requests it gets, so tests can see a token was refused without a fetch.
 */
export class LocalBotFramework {
  requests = 0;
  private constructor(
    private readonly server: http.Server,
    private readonly keys: Record<BotKeyChoice, PublishedKey>,
  ) {}

  static async start(): Promise<LocalBotFramework> {
    const server = http.createServer();
    const keys = {
      published: await newKey('bf-key-1', ['msteams', 'webchat']),
      'skype-only': await newKey('bf-key-skype', ['skype']),
    };
    const local = new LocalBotFramework(server, keys);
    server.on('request', (req, res) => {
      local.requests++;
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            issuer: BOT_FRAMEWORK_ISSUER,
            jwks_uri: `${local.baseUrl}/v1/.well-known/keys`,
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
        return;
      }
      if (req.url === '/v1/.well-known/keys') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: Object.values(local.keys).map((key) => key.jwk) }));
        return;
      }
      res.writeHead(404).end();
    });
    await listen(server);
    return local;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Plays BOT_OPENID_METADATA_URL. */
  get metadataUrl(): string {
    return `${this.baseUrl}/v1/.well-known/openidconfiguration`;
  }

  /** A channel token as the Bot Framework sends it with an activity for `serviceUrl`. */
  token(
    serviceUrl: string,
    overrides: JWTPayload = {},
    options: { expiresIn?: string | number; key?: BotKeyChoice } = {},
  ): Promise<string> {
    const key = this.keys[options.key ?? 'published'];
    return new SignJWT({
      iss: BOT_FRAMEWORK_ISSUER,
      aud: BOT_APP_ID,
      serviceurl: serviceUrl,
      ...overrides,
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setNotBefore('-1m')
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(key.privateKey);
  }

  async stop(): Promise<void> {
    await close(this.server);
  }
}

/** A key endpoint that accepts connections and never answers. Counts the requests it got. */
export class SilentServer {
  requests = 0;
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<SilentServer> {
    const server = http.createServer();
    const silent = new SilentServer(server);
    server.on('connection', (socket) => {
      silent.sockets.add(socket);
      socket.on('close', () => silent.sockets.delete(socket));
    });
    server.on('request', () => {
      silent.requests++;
    });
    await listen(server);
    return silent;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await close(this.server);
  }
}

/** An address where nothing listens: a port that was free a moment ago, closed again. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await listen(server);
  const { port } = server.address() as AddressInfo;
  await close(server);
  return `http://127.0.0.1:${port}`;
}

async function newKey(kid: string, endorsements: string[]): Promise<PublishedKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', endorsements };
  return { kid, privateKey, jwk };
}

function listen(server: http.Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
