import type { OperationStore } from '../../core/operations';

/**
 * What every OperationStore must do (core/operations.ts), written once and run against each
 * implementation: the Table store on Azurite here, the in-memory twin wherever it is tested.
 * `make` gives a fresh, empty store for each test.
 */
export function operationStoreContract(name: string, make: () => Promise<OperationStore>): void {
  const AT = new Date('2022-03-30T09:00:00Z');
  const STALE_MS = 60_000;
  const later = (ms: number) => new Date(AT.getTime() + ms);

  describe(`${name}: the OperationStore contract`, () => {
    let store: OperationStore;
    beforeEach(async () => {
      store = await make();
    });

    it('the first caller runs; a repeat sees the claim as started', async () => {
      expect(await store.begin('conv-1', 'card-1:addAction', AT, STALE_MS)).toEqual({
        first: true,
      });
      const repeat = await store.begin('conv-1', 'card-1:addAction', later(10), STALE_MS);
      expect(repeat).toEqual({
        first: false,
        record: { key: 'card-1:addAction', state: 'started', startedAt: AT.toISOString() },
      });
    });

    it('of ten callers at once exactly one runs, and the others see its claim', async () => {
      const claims = await Promise.all(
        Array.from({ length: 10 }, () => store.begin('conv-1', 'card-1:issueReport', AT, STALE_MS)),
      );
      expect(claims.filter((claim) => claim.first)).toHaveLength(1);
      for (const claim of claims.filter((candidate) => !candidate.first)) {
        expect(claim).toMatchObject({ first: false, record: { state: 'started' } });
      }
    });

    it('a finished operation answers every repeat with the first answer', async () => {
      const answer = {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [{ type: 'TextBlock', text: 'Added CCAG03-01' }],
      };
      await store.begin('conv-1', 'card-1:addAction', AT, STALE_MS);
      await store.finish('conv-1', 'card-1:addAction', answer, later(100));
      const repeat = await store.begin('conv-1', 'card-1:addAction', later(200), STALE_MS);
      expect(repeat).toEqual({
        first: false,
        record: { key: 'card-1:addAction', state: 'done', startedAt: AT.toISOString(), answer },
      });
      expect(await store.get('conv-1', 'card-1:addAction')).toEqual(
        !repeat.first ? repeat.record : undefined,
      );
    });

    it('keeps a large card answer (28 KB) and a very large one (300 KB) exactly', async () => {
      const card = (size: number) => ({
        type: 'AdaptiveCard',
        body: Array.from({ length: Math.ceil(size / 100) }, (_, i) => ({
          type: 'TextBlock',
          text: `Row ${i} ${'é—🎉 text '.repeat(6)}`.slice(0, 80),
        })),
      });
      for (const [key, answer] of [
        ['card-28k:report', card(28_000)],
        ['card-300k:report', card(300_000)],
      ] as const) {
        await store.begin('conv-1', key, AT, STALE_MS);
        await store.finish('conv-1', key, answer, later(1));
        expect((await store.get('conv-1', key))?.answer).toEqual(answer);
      }
    });

    it('a claim left started too long is taken over by exactly one caller; a fresh one is not', async () => {
      await store.begin('conv-1', 'card-1:markDone', AT, STALE_MS);
      expect(
        (await store.begin('conv-1', 'card-1:markDone', later(STALE_MS - 1), STALE_MS)).first,
      ).toBe(false);
      const takeOvers = await Promise.all(
        Array.from({ length: 5 }, () =>
          store.begin('conv-1', 'card-1:markDone', later(STALE_MS + 1), STALE_MS),
        ),
      );
      expect(takeOvers.filter((claim) => claim.first)).toHaveLength(1);
      expect(await store.get('conv-1', 'card-1:markDone')).toMatchObject({
        state: 'started',
        startedAt: later(STALE_MS + 1).toISOString(),
      });
    });

    it('a finished operation is never taken over, however old', async () => {
      await store.begin('conv-1', 'card-1:cancel', AT, STALE_MS);
      await store.finish('conv-1', 'card-1:cancel', { ok: true }, later(1));
      const much = await store.begin('conv-1', 'card-1:cancel', later(100 * STALE_MS), STALE_MS);
      expect(much).toMatchObject({ first: false, record: { state: 'done', answer: { ok: true } } });
    });

    it('an abandoned claim is forgotten: the next caller runs', async () => {
      await store.begin('conv-1', 'card-1:addUpdate', AT, STALE_MS);
      await store.abandon('conv-1', 'card-1:addUpdate');
      expect(await store.get('conv-1', 'card-1:addUpdate')).toBeUndefined();
      expect(await store.begin('conv-1', 'card-1:addUpdate', later(1), STALE_MS)).toEqual({
        first: true,
      });
      await store.abandon('conv-1', 'never-claimed');
    });

    it('keeps scopes apart: one key in two conversations is two operations', async () => {
      expect(await store.begin('conv-1', 'card-1:addAction', AT, STALE_MS)).toEqual({
        first: true,
      });
      expect(await store.begin('conv-2', 'card-1:addAction', AT, STALE_MS)).toEqual({
        first: true,
      });
      expect(await store.get('conv-3', 'card-1:addAction')).toBeUndefined();
    });
  });
}
