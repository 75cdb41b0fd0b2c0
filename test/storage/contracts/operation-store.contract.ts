import type { OperationStore } from '../../../core/operations';
import { scribbleOn, type OpenStore } from './contract-fixtures';

const SCOPE = '19:ops42@thread.tacv2';
const KEY = 'card-7f3a:markDone';
const T0 = new Date('2022-03-16T09:00:00.000Z');
const STALE_MS = 60_000;
const later = (ms: number) => new Date(T0.getTime() + ms);
const ANSWER = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'Done' }],
};

/** What every OperationStore does (core/operations.ts), run against each implementation. */
export function operationStoreContract(
  implementation: string,
  open: OpenStore<OperationStore>,
): void {
  describe(`OperationStore contract: ${implementation}`, () => {
    let operations: OperationStore;
    beforeEach(async () => {
      operations = await open();
    });

    it('of ten identical requests at once, exactly one runs; the others see it started', async () => {
      const claims = await Promise.all(
        Array.from({ length: 10 }, () => operations.begin(SCOPE, KEY, T0, STALE_MS)),
      );
      expect(claims.filter((claim) => claim.first)).toHaveLength(1);
      const started = { key: KEY, state: 'started', startedAt: T0.toISOString() };
      for (const claim of claims.filter((c) => !c.first)) {
        expect(claim).toEqual({ first: false, record: started });
      }
      expect(await operations.get(SCOPE, KEY)).toEqual(started);
    });

    it('a repeat after the first run finished gets the first run’s answer', async () => {
      expect(await operations.begin(SCOPE, KEY, T0, STALE_MS)).toEqual({ first: true });
      await operations.finish(SCOPE, KEY, ANSWER, later(500));
      const repeat = await operations.begin(SCOPE, KEY, later(1000), STALE_MS);
      expect(repeat).toEqual({
        first: false,
        record: { key: KEY, state: 'done', startedAt: T0.toISOString(), answer: ANSWER },
      });
    });

    it('a claim left started past staleAfterMs is taken over by exactly one caller', async () => {
      await operations.begin(SCOPE, KEY, T0, STALE_MS);
      expect((await operations.begin(SCOPE, KEY, later(STALE_MS - 1000), STALE_MS)).first).toBe(
        false,
      );
      const takeovers = await Promise.all(
        Array.from({ length: 5 }, () =>
          operations.begin(SCOPE, KEY, later(STALE_MS + 1000), STALE_MS),
        ),
      );
      expect(takeovers.filter((claim) => claim.first)).toHaveLength(1);
      expect((await operations.get(SCOPE, KEY))?.startedAt).toBe(
        later(STALE_MS + 1000).toISOString(),
      );
    });

    it('a finished operation is never run again, however old', async () => {
      await operations.begin(SCOPE, KEY, T0, STALE_MS);
      await operations.finish(SCOPE, KEY, ANSWER, later(500));
      const years = 3 * 365 * 24 * 3600_000;
      expect((await operations.begin(SCOPE, KEY, later(years), STALE_MS)).first).toBe(false);
    });

    it('an abandoned claim lets a corrected retry run', async () => {
      await operations.begin(SCOPE, KEY, T0, STALE_MS);
      await operations.abandon(SCOPE, KEY);
      expect(await operations.get(SCOPE, KEY)).toBeUndefined();
      expect(await operations.begin(SCOPE, KEY, later(1000), STALE_MS)).toEqual({ first: true });
      await operations.abandon(SCOPE, 'never-begun');
    });

    it('keeps the same key in two scopes apart', async () => {
      expect((await operations.begin(SCOPE, KEY, T0, STALE_MS)).first).toBe(true);
      expect((await operations.begin('19:other@thread.v2', KEY, T0, STALE_MS)).first).toBe(true);
      await operations.finish(SCOPE, KEY, ANSWER, later(500));
      expect((await operations.get('19:other@thread.v2', KEY))?.state).toBe('started');
      expect(await operations.get(SCOPE, 'other-key')).toBeUndefined();
    });

    it('takes keys of up to 200 letters, digits and ":_-." and refuses any other', async () => {
      const longest = `a:b_c-d.${'9'.repeat(192)}`;
      expect((await operations.begin(SCOPE, longest, T0, STALE_MS)).first).toBe(true);
      for (const bad of ['', `${longest}0`, 'a/b', 'a b', 'é']) {
        await expect(operations.begin(SCOPE, bad, T0, STALE_MS)).rejects.toThrow();
      }
    });

    it('a caller changing the answer it recorded or got back never changes the record', async () => {
      const answer = structuredClone(ANSWER);
      await operations.begin(SCOPE, KEY, T0, STALE_MS);
      await operations.finish(SCOPE, KEY, answer, later(500));
      scribbleOn(answer);
      const repeat = await operations.begin(SCOPE, KEY, later(1000), STALE_MS);
      scribbleOn(repeat);
      scribbleOn(await operations.get(SCOPE, KEY));
      expect((await operations.get(SCOPE, KEY))?.answer).toEqual(ANSWER);
    });
  });
}
