import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendFailure } from '../../../core/delivery';
import { TableSendBudget } from '../../../storage/table-send-budget';
import { createAdapter } from '../../../teams/cloud-adapter';
import { OutboundSender, type Destination } from '../../../teams/proactive/outbound-sender';
import { BOT, TENANT_ID } from '../../support/activities';
import { ConnectorStub } from '../../support/connector-stub';
import { CapturedLog } from '../../support/test-app';
import { freshTableStorage } from '../../support/test-storage';

function senderFor(options: Partial<ConstructorParameters<typeof OutboundSender>[1]> = {}) {
  const log = new CapturedLog('warn');
  return new OutboundSender(createAdapter(undefined, log.logger), {
    appId: '',
    log: log.logger,
    backoffMs: 10,
    maxBackoffMs: 20,
    timeoutMs: 2000,
    ...options,
  });
}

function destination(serviceUrl: string, conversationId = 'a:personal-ada'): Destination {
  return {
    conversationId,
    reference: {
      channelId: 'msteams',
      serviceUrl,
      bot: BOT,
      conversation: { id: conversationId, tenantId: TENANT_ID } as never,
    },
  };
}

async function closedPort(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

describe('OutboundSender (CloudAdapter, connector stub)', () => {
  let connector: ConnectorStub;
  beforeEach(async () => {
    connector = await ConnectorStub.start();
  });
  afterEach(async () => {
    await connector.stop();
  });

  it('repeats a request that never reached Teams (connection refused) and gives up after its attempts', async () => {
    const sender = senderFor({ maxAttempts: 3 });
    const failure = await sender
      .send(destination(await closedPort()), { type: 'message', text: 'hello' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SendFailure);
    expect(failure).toMatchObject({ kind: 'unavailable', attempts: 3 });
    expect((failure as Error).message).toMatch(/ECONNREFUSED/);
    expect(sender.stats).toMatchObject({ requests: 3, retries: 2 });
  });

  it('does not wait for a Retry-After longer than allowed: the message fails and the next sweep retries', async () => {
    const sender = senderFor({ maxRetryAfterMs: 1000 });
    connector.failNext({ status: 429, headers: { 'retry-after': '120' } });
    const failure = await sender
      .send(destination(connector.serviceUrl), { type: 'message', text: 'hello' })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'throttled', attempts: 1 });
    expect(connector.calls).toHaveLength(1);
  });

  it('never repeats a request whose answer did not come (timeout, reset): the outcome is unknown', async () => {
    const sender = senderFor({ timeoutMs: 200 });
    connector.failNext({ status: 200, hang: true });
    connector.failNext({ status: 200, reset: true });
    const timedOut = await sender
      .send(destination(connector.serviceUrl), { type: 'message', text: 'one' })
      .catch((error: unknown) => error);
    const reset = await sender
      .send(destination(connector.serviceUrl), { type: 'message', text: 'two' })
      .catch((error: unknown) => error);
    expect(timedOut).toMatchObject({ kind: 'timeout', attempts: 1 });
    expect(reset).toMatchObject({ kind: 'reset', attempts: 1 });
    expect(connector.calls).toHaveLength(2);
    expect(sender.stats.retries).toBe(0);
  });

  it('does not start a send once its signal is aborted', async () => {
    const sender = senderFor();
    const failure = await sender
      .send(
        destination(connector.serviceUrl),
        { type: 'message', text: 'late' },
        { signal: AbortSignal.abort() },
      )
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ kind: 'cancelled' });
    expect(connector.calls).toHaveLength(0);
  });

  it('opens a 1:1 chat through a conversation the app is in; a 403 says the member cannot be reached', async () => {
    const sender = senderFor();
    const via = destination(connector.serviceUrl, '19:ops42@thread.tacv2');
    const chat = await sender.openPersonalChat({
      userId: '29:1Qv-grace',
      aadObjectId: '1d2e3f4a-4444-4b5c-9d6e-7f8091a2b3c4',
      name: 'Grace Hopper',
      tenantId: TENANT_ID,
      via,
    });
    expect(chat).toMatchObject({
      conversationId: 'a:1-1-1Qv-grace',
      kind: 'personal',
      userId: '29:1Qv-grace',
      tenantId: TENANT_ID,
      reference: { serviceUrl: connector.serviceUrl, bot: BOT },
    });
    await sender.send(
      {
        conversationId: chat.conversationId,
        reference: chat.reference as Destination['reference'],
      },
      { type: 'message', text: 'reminder' },
    );
    expect(connector.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /v3/conversations',
      'POST /v3/conversations/a:1-1-1Qv-grace/activities',
    ]);

    connector.failNext({
      status: 403,
      path: /^\/v3\/conversations$/,
      body: { error: { code: 'ForbiddenOperationException', message: 'not installed' } },
    });
    const refused = await sender
      .openPersonalChat({ userId: '29:1Qv-bob', name: 'Bob', tenantId: TENANT_ID, via })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ kind: 'blocked', status: 403 });
  });
});

describe('the send budget shared through Table Storage (Azurite)', () => {
  it('instances taking from one second at once get no more than its limit between them', async () => {
    const storage = await freshTableStorage();
    const instances = Array.from(
      { length: 5 },
      () => new TableSendBudget(storage.table('sendBudget')),
    );
    const second = Math.floor(Date.now() / 1000);
    const granted = await Promise.all(
      instances.map(async (budget) => {
        let total = 0;
        for (;;) {
          const got = await budget.take('tenant:t1', second, 50, 7);
          if (got === 0) return total;
          total += got;
        }
      }),
    );
    expect(granted.reduce((sum, count) => sum + count, 0)).toBe(50);
    // Another key, and a later second (its row reused eight seconds on), start afresh.
    expect(await instances[0]!.take('tenant:t2', second, 50, 10)).toBe(10);
    expect(await instances[1]!.take('tenant:t1', second + 8, 50, 10)).toBe(10);
  });
});
