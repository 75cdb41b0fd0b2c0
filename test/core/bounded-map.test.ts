import { BoundedMap } from '../../core/bounded-map';

describe('BoundedMap', () => {
  it('forgets an entry once its time is up', () => {
    let now = 0;
    const map = new BoundedMap<string>({ most: 10, ttlMs: 1000, clock: () => now });
    map.set('19:meeting', 'Ada');

    now = 999;
    expect(map.get('19:meeting')).toBe('Ada');
    now = 1000;
    expect(map.get('19:meeting')).toBeUndefined();
  });

  it('holds at most its bound, the least recently set going first', () => {
    const map = new BoundedMap<number>({ most: 2 });
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3); // set again: now the newest
    map.set('c', 4);

    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([3, undefined, 4]);
  });

  it('makes a missing value once and keeps it', () => {
    const map = new BoundedMap<{ id: number }>({ most: 5 });
    let made = 0;
    const make = () => ({ id: ++made });

    const first = map.getOrSet('https://smba.trafficmanager.net/uk/', make);
    expect(map.getOrSet('https://smba.trafficmanager.net/uk/', make)).toBe(first);
    expect(made).toBe(1);
    map.delete('https://smba.trafficmanager.net/uk/');
    expect(map.getOrSet('https://smba.trafficmanager.net/uk/', make)).toEqual({ id: 2 });
  });

  it("drops a value only while it is the one kept, so a failed client's clean-up spares its successor", async () => {
    const map = new BoundedMap<Promise<string>>({ most: 5 });
    const failed = Promise.reject(new Error('no token'));
    failed.catch(() => {});
    map.set('uk', failed);
    const good = Promise.resolve('client');
    map.set('uk', good); // made again while the first was failing

    map.delete('uk', failed);
    expect(map.get('uk')).toBe(good);
    map.delete('uk', good);
    expect(map.get('uk')).toBeUndefined();
    await expect(good).resolves.toBe('client');
  });
});
