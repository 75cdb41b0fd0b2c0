import { ConfirmedMembers } from '../../teams/member-turn';

const ADA = { id: '29:ada', name: 'Ada Lovelace', aadObjectId: 'aad-ada' };

describe('members Teams confirmed lately (the side panel asks Teams once a minute)', () => {
  it('keeps a member of one conversation for the minute, then asks again', () => {
    let now = 0;
    const members = new ConfirmedMembers(60_000, 10, () => now);
    members.set('19:meeting', 'AAD-ADA', ADA);
    expect(members.get('19:meeting', 'aad-ada')).toEqual(ADA);
    expect(members.get('19:other', 'aad-ada')).toBeUndefined();
    now = 60_001;
    expect(members.get('19:meeting', 'aad-ada')).toBeUndefined();
  });

  it('forgets a member Teams no longer lists at once', () => {
    const members = new ConfirmedMembers();
    members.set('19:meeting', 'aad-ada', ADA);
    members.forget('19:meeting', 'aad-ada');
    expect(members.get('19:meeting', 'aad-ada')).toBeUndefined();
  });

  it('holds at most its bound, dropping the oldest', () => {
    const members = new ConfirmedMembers(60_000, 2);
    for (const id of ['a', 'b', 'c']) members.set('19:meeting', id, { ...ADA, aadObjectId: id });
    expect(members.get('19:meeting', 'a')).toBeUndefined();
    expect(members.get('19:meeting', 'c')?.aadObjectId).toBe('c');
  });
});
