import { cancel, createAction, type Action } from '../../core/action';
import { PermissionDeniedError } from '../../core/errors';
import { ownerForTeamsUser, parseOwners } from '../../core/owner';
import { assertMay, may, type ActionOperation, type Actor } from '../../core/permissions';

const creator = { id: '29:creator', name: 'Cara Creator' };
const ownerUser = { id: '29:owner', aadObjectId: 'aad-owner', name: 'Owen Owner' };
const now = new Date('2022-02-23T10:00:00Z');

const action: Action = createAction(
  {
    area: 'Other',
    text: 'Share the PSG paper pack',
    owners: [...parseOwners('Programme (PMO)'), ownerForTeamsUser(ownerUser)],
  },
  { groupCode: 'CCAG', meetingNumber: 3, sequence: 17 },
  creator,
  now,
);

const member: Actor = { person: { id: '29:member', name: 'Mo Member' }, isChair: false };
const chair: Actor = { person: { id: '29:chair', name: 'Chi Chair' }, isChair: true };
const owner: Actor = { person: ownerUser, isChair: false };
// The same user as seen by another app: a different Teams id, the same Entra object id.
const ownerElsewhere: Actor = {
  person: { id: '29:other-id', aadObjectId: 'aad-owner', name: 'Owen' },
  isChair: false,
};
const author: Actor = { person: creator, isChair: false };

const ownerOperations: ActionOperation[] = ['addUpdate', 'changeDueDate', 'markDone', 'reopen'];

describe('who may do what', () => {
  it('any member may add actions and discussion items', () => {
    expect(may(member, 'addAction')).toBe(true);
    expect(() => assertMay(member, 'addDiscussion')).not.toThrow();
  });

  it.each(ownerOperations)('owners, the creator and chairs may %s; other members may not', (op) => {
    expect(may(owner, op, action)).toBe(true);
    expect(may(ownerElsewhere, op, action)).toBe(true);
    expect(may(author, op, action)).toBe(true);
    expect(may(chair, op, action)).toBe(true);
    expect(may(member, op, action)).toBe(false);
  });

  it('only chairs cancel', () => {
    expect(may(chair, 'cancel', action)).toBe(true);
    expect(may(owner, 'cancel', action)).toBe(false);
    expect(may(author, 'cancel', action)).toBe(false);
  });

  it("the creator may edit their own action's text; an owner may not edit someone else's", () => {
    expect(may(author, 'editText', action)).toBe(true);
    expect(may(chair, 'editText', action)).toBe(true);
    expect(may(owner, 'editText', action)).toBe(false);
    expect(may(owner, 'changeOwners', action)).toBe(false);
  });

  it('only a chair reopens a cancelled action', () => {
    const cancelled = cancel(action, chair.person, now);
    expect(may(owner, 'reopen', cancelled)).toBe(false);
    expect(may(author, 'reopen', cancelled)).toBe(false);
    expect(may(chair, 'reopen', cancelled)).toBe(true);
  });

  it('a refusal says who may', () => {
    expect(() => assertMay(member, 'markDone', action)).toThrow(
      new PermissionDeniedError(
        "Only its owners (Owen Owner), its creator (Cara Creator) and the group's chairs may mark CCAG03-17 done.",
      ),
    );
    expect(() => assertMay(owner, 'cancel', action)).toThrow(
      "Only the group's chairs may cancel CCAG03-17.",
    );
  });

  it('a refusal is a PermissionDeniedError with a stable code', () => {
    expect(() => assertMay(member, 'editText', action)).toThrow(
      expect.objectContaining({ code: 'PermissionDenied' }),
    );
  });
});
