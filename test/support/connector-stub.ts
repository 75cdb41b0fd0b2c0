import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Stands in for the Bot Connector service, the one part of Teams that cannot run here. It records
 * every call the bot makes and answers like the real service (see shared/TEAMS-ACTIVITIES.md §6),
 * or with a fault queued by the test.
 */
export interface RecordedCall {
  readonly method: string;
  /** Decoded path, e.g. /v3/conversations/19:abc@thread.v2/activities/123 */
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: unknown;
}

export interface Fault {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** Only calls whose decoded path matches; all calls when absent. */
  readonly path?: RegExp;
  /** Answer only after this long (a client with a shorter timeout sees a timeout). */
  readonly delayMs?: number;
}

/** A member as the roster API returns it. */
export interface StubMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
}

export class ConnectorStub {
  readonly calls: RecordedCall[] = [];
  /** Who the roster APIs (`/members`, `/pagedmembers`) list, in every conversation. */
  members: StubMember[] = [];
  /** Meeting roles by Entra object id (`Organizer`, `Presenter`, `Attendee`); others get 404. */
  meetingRoles: Record<string, string> = {};
  private readonly faults: Fault[] = [];
  private nextId = 1715009100000;
  private waiters: Array<() => void> = [];

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<ConnectorStub> {
    const server = http.createServer();
    const stub = new ConnectorStub(server);
    server.on('request', (req, res) => void stub.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return stub;
  }

  /** The serviceUrl to put on incoming activities, with the trailing slash Teams uses. */
  get serviceUrl(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  /** The next matching call is answered with this fault instead of success. */
  failNext(fault: Fault): void {
    this.faults.push(fault);
  }

  /** Calls that posted or updated an activity (replies, proactive posts, updates). */
  get sentActivities(): Array<RecordedCall & { body: Record<string, unknown> }> {
    return this.calls.filter(
      (call): call is RecordedCall & { body: Record<string, unknown> } =>
        /\/activities(\/|$)/.test(call.path) && (call.method === 'POST' || call.method === 'PUT'),
    );
  }

  /** Resolves once at least `count` calls were recorded, or rejects after `timeoutMs`. */
  async waitForCalls(count: number, timeoutMs = 5000): Promise<RecordedCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.calls.length < count) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`expected ${count} connector calls, got ${this.calls.length}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.calls;
  }

  reset(): void {
    this.calls.length = 0;
    this.faults.length = 0;
    this.members = [];
    this.meetingRoles = {};
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const call: RecordedCall = {
      method: req.method ?? 'GET',
      path,
      headers: req.headers,
      body: raw ? JSON.parse(raw) : undefined,
    };
    this.calls.push(call);
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());

    const faultIndex = this.faults.findIndex((fault) => !fault.path || fault.path.test(path));
    if (faultIndex >= 0) {
      const [fault] = this.faults.splice(faultIndex, 1);
      if (fault) {
        if (fault.delayMs) await sleep(fault.delayMs);
        if (res.destroyed) return;
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(
          JSON.stringify(fault.body ?? { error: { code: 'ServiceError', message: 'fault' } }),
        );
        return;
      }
    }
    this.answer(call, res);
  }

  private answer(call: RecordedCall, res: ServerResponse): void {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (call.method === 'DELETE') return json(200, undefined);
    if (call.method === 'GET' && call.path.endsWith('/pagedmembers')) {
      return json(200, { members: this.members.map(memberJson) });
    }
    // One member by Teams id or Entra object id (TeamsInfo.getMember); 404 for anyone else.
    const memberPath = /^\/v3\/conversations\/[^/]+\/members\/([^/]+)$/.exec(call.path);
    if (call.method === 'GET' && memberPath) {
      const member = this.members.find(
        (m) => m.id === memberPath[1] || m.aadObjectId === memberPath[1],
      );
      return member
        ? json(200, memberJson(member))
        : json(404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } });
    }
    const participant = /^\/v1\/meetings\/[^/]+\/participants\/([^/]+)$/.exec(call.path);
    if (call.method === 'GET' && participant) {
      const member = this.members.find((m) => m.aadObjectId === participant[1]);
      const role = participant[1] ? this.meetingRoles[participant[1]] : undefined;
      if (!member || !role) {
        return json(404, { error: { code: 'NotFound', message: 'no such participant' } });
      }
      return json(200, { user: memberJson(member), meeting: { role, inMeeting: true } });
    }
    if (call.method === 'POST' && call.path === '/v3/conversations') {
      const id = String(this.nextId++);
      const body = call.body as { channelData?: { channel?: { id?: string } } } | undefined;
      const channelId = body?.channelData?.channel?.id;
      return json(
        200,
        channelId ? { id: `${channelId};messageid=${id}`, activityId: id } : { id: `a:stub-${id}` },
      );
    }
    if (call.path.includes('/activities')) {
      if (call.method === 'PUT') return json(200, { id: call.path.split('/').pop() });
      return json(200, { id: String(this.nextId++) });
    }
    return json(404, {
      error: { code: 'NotFound', message: `the stub does not serve ${call.path}` },
    });
  }
}

function memberJson(member: StubMember): Record<string, unknown> {
  return { ...member, objectId: member.aadObjectId, userRole: 'user' };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
