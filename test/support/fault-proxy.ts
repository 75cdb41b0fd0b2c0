import net from 'node:net';

/**
 * A TCP proxy between the stores and Azurite that injects the faults a network between a bot and
 * Table Storage has: an answer lost after the request reached storage, a request lost before it
 * did, an answer that never comes, connections cut in the middle of a load. It forwards bytes and
 * reads no more of HTTP than each request's first line (to tell requests apart and match rules);
 * the SDK speaks HTTP/1.1 without pipelining, so a request starts when the client sends after the
 * last answer began.
 *
 * Loopback only, and bounded: at most `maxConnections` at once, idle connections closed.
 */
export type Fault =
  /** Forward the request; when its answer begins, destroy both sockets (storage applied it). */
  | 'dropAnswer'
  /** Destroy both sockets before forwarding anything: the request never reaches storage. */
  | 'refuse'
  /** Forward the request and swallow the answer, so the client waits until it gives up. */
  | 'stallAnswer';

export interface FaultRule {
  readonly fault: Fault;
  /** Matches the request line, e.g. /^PUT .*DueIndex/; every request when absent. */
  readonly request?: RegExp;
  /** How many matching requests get the fault (1 by default). */
  readonly times?: number;
  /** How many matching requests pass untouched first (0 by default). */
  readonly skip?: number;
}

export interface FaultStats {
  requests: number;
  droppedAnswers: number;
  refused: number;
  stalled: number;
  /** Connections destroyed by `cutAll`. */
  cut: number;
}

interface Link {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  phase: 'idle' | 'request' | 'answer';
  fault?: Fault;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const IDLE_MS = 30_000;

export class FaultProxy {
  readonly stats: FaultStats = { requests: 0, droppedAnswers: 0, refused: 0, stalled: 0, cut: 0 };
  private readonly links = new Set<Link>();
  private readonly rules: Array<{ rule: FaultRule; skip: number; left: number }> = [];
  private dropRate = 0;
  private random: () => number;
  private cutter: NodeJS.Timeout | undefined;

  private constructor(
    private readonly server: net.Server,
    private readonly target: { readonly host: string; readonly port: number },
    private readonly original: string,
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  /** A proxy for the Azurite a connection string names, and the connection string through it. */
  static async inFrontOf(
    connectionString: string,
    options: { maxConnections?: number; seed?: number } = {},
  ): Promise<FaultProxy> {
    const match = /TableEndpoint=http:\/\/([^:/]+):(\d+)\//.exec(connectionString);
    if (!match) throw new Error('FaultProxy: no http TableEndpoint in the connection string');
    const target = { host: match[1]!, port: Number(match[2]) };
    if (!LOOPBACK.has(target.host)) throw new Error('FaultProxy forwards to loopback only');
    const server = net.createServer();
    server.maxConnections = options.maxConnections ?? 256;
    const proxy = new FaultProxy(server, target, connectionString, options.seed ?? 1);
    server.on('connection', (client) => proxy.accept(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return proxy;
  }

  /** The connection string of the proxied Azurite, pointing at this proxy. */
  get connectionString(): string {
    const { port } = this.server.address() as net.AddressInfo;
    return this.original.replace(
      /TableEndpoint=http:\/\/[^:/]+:\d+\//,
      `TableEndpoint=http://127.0.0.1:${port}/`,
    );
  }

  /** Drops the answer of this share (0–1) of the requests no rule matches, chosen by a seeded draw. */
  dropAnswers(rate: number): void {
    this.dropRate = rate;
  }

  /** The next `times` requests matching `request` get `fault`. */
  failNext(rule: FaultRule): void {
    this.rules.push({ rule, skip: rule.skip ?? 0, left: rule.times ?? 1 });
  }

  /** Destroys every open connection now, requests in flight or not. Returns how many. */
  cutAll(): number {
    const count = this.links.size;
    for (const link of this.links) this.close(link);
    this.stats.cut += count;
    return count;
  }

  /** Cuts every open connection each `ms` until healed. */
  cutEvery(ms: number): void {
    this.stopCutting();
    this.cutter = setInterval(() => this.cutAll(), ms);
  }

  /** No more faults; connections already open stay. */
  heal(): void {
    this.dropRate = 0;
    this.rules.length = 0;
    this.stopCutting();
  }

  async stop(): Promise<void> {
    this.heal();
    for (const link of this.links) this.close(link);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private stopCutting(): void {
    if (this.cutter) clearInterval(this.cutter);
    this.cutter = undefined;
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    const link: Link = { client, upstream, phase: 'idle' };
    this.links.add(link);
    client.setTimeout(IDLE_MS, () => this.close(link));
    client.on('data', (chunk: Buffer) => this.fromClient(link, chunk));
    upstream.on('data', (chunk: Buffer) => this.fromStorage(link, chunk));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => this.close(link));
    upstream.on('error', () => this.close(link));
    client.on('close', () => this.close(link));
    upstream.on('close', () => this.close(link));
  }

  private fromClient(link: Link, chunk: Buffer): void {
    if (link.phase !== 'request') {
      // A new request: its first line says what it is.
      link.phase = 'request';
      this.stats.requests++;
      link.fault = this.faultFor(firstLine(chunk));
      if (link.fault === 'refuse') {
        this.stats.refused++;
        this.close(link);
        return;
      }
    }
    link.upstream.write(chunk);
  }

  private fromStorage(link: Link, chunk: Buffer): void {
    if (link.phase === 'request') {
      link.phase = 'answer';
      if (link.fault === 'dropAnswer') {
        this.stats.droppedAnswers++;
        this.close(link);
        return;
      }
      if (link.fault === 'stallAnswer') this.stats.stalled++;
    }
    if (link.fault === 'stallAnswer') return;
    link.client.write(chunk);
  }

  private faultFor(requestLine: string): Fault | undefined {
    const index = this.rules.findIndex(
      ({ rule }) => !rule.request || rule.request.test(requestLine),
    );
    const found = this.rules[index];
    if (found && found.skip > 0) {
      found.skip--;
      return undefined;
    }
    if (found) {
      found.left--;
      if (found.left <= 0) this.rules.splice(index, 1);
      return found.rule.fault;
    }
    return this.dropRate > 0 && this.random() < this.dropRate ? 'dropAnswer' : undefined;
  }

  private close(link: Link): void {
    if (!this.links.delete(link)) return;
    link.client.destroy();
    link.upstream.destroy();
  }
}

function firstLine(chunk: Buffer): string {
  const text = chunk.subarray(0, 2048).toString('latin1');
  const end = text.indexOf('\r\n');
  const line = end >= 0 ? text.slice(0, end) : text;
  try {
    return decodeURIComponent(line);
  } catch {
    return line;
  }
}

/** A small seeded generator, so a run's faults can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
