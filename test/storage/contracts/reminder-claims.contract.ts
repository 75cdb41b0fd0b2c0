import type { ReminderClaims, ReminderKey } from '../../../core/reminders/reminder-stores';
import type { OpenStore } from './contract-fixtures';

const KEY: ReminderKey = {
  date: '2022-03-16',
  ref: 'CCAG03-01',
  ruleId: 'before-7',
  targetKey: 'user:aad-ada',
};
const T0 = new Date('2022-03-16T09:00:00.000Z');
const LEASE_MS = 10 * 60_000;
const later = (ms: number) => new Date(T0.getTime() + ms);

/**
 * What every ReminderClaims does (core/reminders/reminder-stores.ts), run against each
 * implementation.
 */
export function reminderClaimsContract(
  implementation: string,
  open: OpenStore<ReminderClaims>,
): void {
  describe(`ReminderClaims contract: ${implementation}`, () => {
    let claims: ReminderClaims;
    beforeEach(async () => {
      claims = await open();
    });

    it('of five instances claiming one reminder at once, exactly one gets it', async () => {
      const results = await Promise.all(
        ['i1', 'i2', 'i3', 'i4', 'i5'].map((by) => claims.claim(KEY, by, T0, LEASE_MS)),
      );
      const won = results.filter((claim) => claim !== undefined);
      expect(won).toHaveLength(1);
      expect(won[0]).toMatchObject({
        state: 'claimed',
        attempts: 0,
        until: later(LEASE_MS).toISOString(),
      });
      expect(await claims.get(KEY)).toEqual(won[0]);
    });

    it('a held claim is not claimed again; once its lease ran out it is taken over', async () => {
      const first = await claims.claim(KEY, 'i1', T0, LEASE_MS);
      expect(first?.by).toBe('i1');
      expect(await claims.claim(KEY, 'i2', later(LEASE_MS - 1000), LEASE_MS)).toBeUndefined();
      const taken = await claims.claim(KEY, 'i2', later(LEASE_MS + 1000), LEASE_MS);
      expect(taken).toMatchObject({ state: 'claimed', by: 'i2' });
      // The first instance finishing late has lost its claim: it cannot mark it.
      if (!first || !taken) throw new Error('expected both claims');
      expect(await claims.markSent(KEY, first, later(LEASE_MS + 2000), 'a:ada')).toBe(false);
      expect(await claims.markSent(KEY, taken, later(LEASE_MS + 2000), 'a:ada')).toBe(true);
    });

    it('a sent reminder is never claimed again, and records where it went', async () => {
      const claim = await claims.claim(KEY, 'i1', T0, LEASE_MS);
      if (!claim) throw new Error('expected a claim');
      expect(await claims.markSent(KEY, claim, later(1000), 'a:personal-ada')).toBe(true);
      expect(await claims.get(KEY)).toMatchObject({
        state: 'sent',
        attempts: 1,
        sentAt: later(1000).toISOString(),
        destination: 'a:personal-ada',
      });
      expect((await claims.get(KEY))?.until).toBeUndefined();
      expect(await claims.claim(KEY, 'i2', later(LEASE_MS * 10), LEASE_MS)).toBeUndefined();
      expect(await claims.markSent(KEY, claim, later(2000), 'again')).toBe(false);
    });

    it('a failed reminder keeps its reason and count, and may be claimed again at once', async () => {
      const claim = await claims.claim(KEY, 'i1', T0, LEASE_MS);
      if (!claim) throw new Error('expected a claim');
      expect(await claims.markFailed(KEY, claim, later(1000), `403 ${'x'.repeat(2000)}`)).toBe(
        true,
      );
      const failed = await claims.get(KEY);
      expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
      expect(failed?.reason).toHaveLength(1000);
      expect(await claims.markFailed(KEY, claim, later(1500), 'stale')).toBe(false);

      const again = await claims.claim(KEY, 'i2', later(2000), LEASE_MS);
      expect(again).toMatchObject({ state: 'claimed', by: 'i2', attempts: 1 });
      if (!again) throw new Error('expected a claim');
      expect(await claims.markSent(KEY, again, later(3000), 'a:ada')).toBe(true);
      expect(await claims.get(KEY)).toMatchObject({ state: 'sent', attempts: 2 });
      expect((await claims.get(KEY))?.reason).toBeUndefined();
    });

    it('each target, rule, action and day is a reminder of its own', async () => {
      const keys: ReminderKey[] = [
        KEY,
        { ...KEY, targetKey: 'user:aad-grace' },
        { ...KEY, ruleId: 'on-the-day' },
        { ...KEY, ref: 'CCAG03-02' },
        { ...KEY, date: '2022-03-17' },
        { ...KEY, targetKey: `body:${'Code bodies '.repeat(30)}` },
      ];
      for (const key of keys) expect(await claims.claim(key, 'i1', T0, LEASE_MS)).toBeDefined();
      expect(await claims.get({ ...KEY, targetKey: 'user:nobody' })).toBeUndefined();
    });
  });
}
