import { PANEL_API, type Board, type ExecuteResponse, type PanelError } from './panel-contract';

/** A refusal or failure from the panel's API, with the sentence to show. */
export class PanelRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The page's side of `/api/tab/...`. The board is polled with `If-None-Match`: the server
 * hashes what it would send into an ETag and answers 304 while nothing changed.
 */
export class PanelClient {
  private etag: string | undefined;

  constructor(
    private readonly conversationId: string,
    /** Undefined in the local preview, which sends no token. */
    private readonly token: (() => Promise<string>) | undefined,
  ) {}

  /** The board when it changed since the last call; undefined when it did not. */
  async boardIfChanged(): Promise<Board | undefined> {
    const url = `${PANEL_API.board}?conversationId=${encodeURIComponent(this.conversationId)}`;
    const response = await this.request(url, {
      headers: this.etag ? { 'If-None-Match': this.etag } : {},
    });
    if (response.status === 304) return undefined;
    this.etag = response.headers.get('ETag') ?? undefined;
    return (await response.json()) as Board;
  }

  async execute(verb: string, data: Record<string, unknown>): Promise<ExecuteResponse> {
    const response = await this.request(PANEL_API.execute, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ conversationId: this.conversationId, verb, data }),
    });
    return (await response.json()) as ExecuteResponse;
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.token) headers.set('Authorization', `Bearer ${await this.token()}`);
    const response = await fetch(url, { ...init, headers, cache: 'no-store' });
    if (response.ok || response.status === 304) return response;
    let message = `The server answered ${response.status}.`;
    try {
      message = ((await response.json()) as PanelError).error ?? message;
    } catch {
      // not JSON: keep the status
    }
    throw new PanelRequestError(response.status, message);
  }
}
