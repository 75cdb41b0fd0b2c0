import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stand-in answers a sendMail with, instead of 202. */
export interface GraphAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** A sendMail request the stand-in accepted or answered. */
export interface SentMail {
  readonly sender: string;
  readonly token: string;
  readonly clientRequestId: string | undefined;
  readonly body: {
    readonly message: {
      readonly subject: string;
      readonly body: { readonly contentType: string; readonly content: string };
      readonly toRecipients: readonly { readonly emailAddress: { readonly address: string } }[];
      readonly internetMessageHeaders?: readonly {
        readonly name: string;
        readonly value: string;
      }[];
    };
    readonly saveToSentItems?: boolean;
  };
  readonly status: number;
}

export interface StandInOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * A local stand-in for Entra ID and Microsoft Graph on 127.0.0.1 (node:http), for the Graph
 * mailer's tests. Entra: `POST /{tenant}/oauth2/v2.0/token` issues a token for the right client
 * credentials and scope only. Graph: `POST /v1.0/users/{sender}/sendMail` accepts (202) a request
 * bearing a token it issued and records it; `answerNext` makes it answer the next ones otherwise.
 */
export async function startGraphStandIn(options: StandInOptions): Promise<{
  readonly baseUrl: string;
  readonly tokenRequests: URLSearchParams[];
  readonly sent: SentMail[];
  answerNext(...answers: GraphAnswer[]): void;
  /** Makes every token issued so far invalid, as if revoked. */
  revokeTokens(): void;
  stop(): Promise<void>;
}> {
  const tokenRequests: URLSearchParams[] = [];
  const sent: SentMail[] = [];
  const answers: GraphAnswer[] = [];
  const valid = new Set<string>();
  let issued = 0;
  let baseUrl = '';

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const url = request.url ?? '';
    if (request.method === 'POST' && url === `/${options.tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(body);
      tokenRequests.push(form);
      const good =
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_id') === options.clientId &&
        form.get('client_secret') === options.clientSecret &&
        form.get('scope') === `${baseUrl}/.default`;
      if (!good) {
        json(response, 401, {
          error: 'invalid_client',
          error_description:
            'AADSTS7000215: Invalid client secret provided.\r\nTrace ID: 0000\r\nCorrelation ID: 1111',
        });
        return;
      }
      issued += 1;
      const token = `token-${issued}`;
      valid.add(token);
      json(response, 200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
      return;
    }
    const sendMail = /^\/v1\.0\/users\/([^/]+)\/sendMail$/.exec(url);
    if (request.method === 'POST' && sendMail) {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!valid.has(token)) {
        json(response, 401, {
          error: {
            code: 'InvalidAuthenticationToken',
            message: 'Access token is empty or invalid.',
          },
        });
        return;
      }
      const answer = answers.shift() ?? { status: 202 };
      sent.push({
        sender: decodeURIComponent(sendMail[1] ?? ''),
        token,
        clientRequestId: header(request, 'client-request-id'),
        body: JSON.parse(body) as SentMail['body'],
        status: answer.status,
      });
      response.writeHead(answer.status, { ...answer.headers });
      response.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      return;
    }
    json(response, 404, { error: { code: 'NotFound', message: `${request.method} ${url}` } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    tokenRequests,
    sent,
    answerNext: (...next) => void answers.push(...next),
    revokeTokens: () => valid.clear(),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
