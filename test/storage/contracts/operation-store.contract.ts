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

    it('forgets the operations last recorded before the cutoff and keeps the others', async () => {
      const days = (n: number) => later(n * 24 * 3600_000);
      await operations.begin(SCOPE, 'old:done', T0, STALE_MS);
      await operations.finish(SCOPE, 'old:done', ANSWER, later(500));
      await operations.begin(SCOPE, 'old:started', T0, STALE_MS);
      // Begun before the cutoff but finished after it: its last record is young.
      await operations.begin(SCOPE, 'long:run', days(9), STALE_MS);
      await operations.finish(SCOPE, 'long:run', ANSWER, days(11));
      await operations.begin('19:other@thread.v2', 'young', days(20), STALE_MS);

      expect(await operations.forgetBefore(days(10))).toBe(2);
      expect(await operations.get(SCOPE, 'old:done')).toBeUndefined();
      expect(await operations.get(SCOPE, 'old:started')).toBeUndefined();
      expect(await operations.get(SCOPE, 'long:run')).toEqual({
        key: 'long:run',
        state: 'done',
        startedAt: days(9).toISOString(),
        answer: ANSWER,
      });
      expect((await operations.get('19:other@thread.v2', 'young'))?.state).toBe('started');
      // Forgotten, a repeat runs as a new request; a repeat of a kept one is still answered.
      expect(await operations.begin(SCOPE, 'old:done', days(21), STALE_MS)).toEqual({
        first: true,
      });
      expect(await operations.begin(SCOPE, 'long:run', days(21), STALE_MS)).toMatchObject({
        first: false,
        record: { answer: ANSWER },
      });
      expect(await operations.forgetBefore(days(10))).toBe(0);
    });

    it('forgets more operations than one transaction holds, in one scope and across scopes', async () => {
      const keys = Array.from({ length: 230 }, (_, index) => `card-${index}:markDone`);
      for (const key of keys) await operations.begin(SCOPE, key, T0, STALE_MS);
      await operations.begin('19:other@thread.v2', KEY, T0, STALE_MS);
      await operations.begin(SCOPE, 'young', later(60_000), STALE_MS);
      expect(await operations.forgetBefore(later(1000))).toBe(231);
      expect(await operations.get(SCOPE, keys[0]!)).toBeUndefined();
      expect(await operations.get(SCOPE, keys[229]!)).toBeUndefined();
      expect(await operations.get('19:other@thread.v2', KEY)).toBeUndefined();
      expect((await operations.get(SCOPE, 'young'))?.state).toBe('started');
    });

    it('two sweeps at once forget each operation once between them', async () => {
      const keys = Array.from({ length: 120 }, (_, index) => `card-${index}:addUpdate`);
      for (const key of keys) await operations.begin(SCOPE, key, T0, STALE_MS);
      const [one, other] = await Promise.all([
        operations.forgetBefore(later(1000)),
        operations.forgetBefore(later(1000)),
      ]);
      expect(one + other).toBe(120);
      expect(await operations.forgetBefore(later(1000))).toBe(0);
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
