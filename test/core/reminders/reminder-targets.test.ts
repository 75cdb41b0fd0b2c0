import { parseOwners } from '../../../core/owner';
import type { DirectoryEntry } from '../../../core/people/directory';
import { reminderTargets } from '../../../core/reminders/reminder-targets';
import {
  isPastOverdueReminders,
  DEFAULT_REMINDER_POLICY,
} from '../../../core/reminders/reminder-policy';

const PEOPLE: DirectoryEntry[] = [
  { name: 'Zoë Lefèvre', organisation: 'Ofgem', email: 'zoe@ofgem.example' },
  { name: 'Andrew Margan', organisation: 'Programme', email: 'andrew@mhhs.example' },
  { name: 'Ann Perry', organisation: 'REC', email: 'ann@rec.example' },
  { name: 'Ann Perry', organisation: 'Elexon', email: 'ann@elexon.example' },
  { name: 'Sam Lee', organisation: 'Ofgem', email: 'sam1@ofgem.example' },
  { name: 'Sam Lee', organisation: 'Ofgem', email: 'sam2@ofgem.example' },
  {
    name: 'Grace Hopper',
    email: 'grace@example.org',
    aadObjectId: '1d2e3f4a-4444-4b5c-9d6e-7f8091a2b3c4',
  },
];

function targetsOf(owners: string) {
  return reminderTargets({ groupCode: 'CCAG', owners: parseOwners(owners) }, PEOPLE);
}

describe('who a reminder goes to', () => {
  it('finds typed owners in the directory, accents and case ignored, each person of a joint owner', () => {
    expect(targetsOf('OFGEM (zoe lefevre), Programme (Andrew Margan, PMO)')).toEqual([
      {
        kind: 'person',
        key: 'mail:zoe@ofgem.example',
        name: 'Zoë Lefèvre',
        email: 'zoe@ofgem.example',
      },
      {
        kind: 'person',
        key: 'mail:andrew@mhhs.example',
        name: 'Andrew Margan',
        email: 'andrew@mhhs.example',
      },
    ]);
  });

  it('lets the organisation decide between two people of one name, and never guesses when it cannot', () => {
    expect(targetsOf('REC (Ann Perry)')).toMatchObject([
      { kind: 'person', email: 'ann@rec.example' },
    ]);
    expect(targetsOf('Ofgem (Sam Lee)')).toEqual([
      expect.objectContaining({
        kind: 'body',
        display: 'Ofgem (Sam Lee)',
        why: 'more than one person in the directory is called Sam Lee',
      }),
    ]);
    expect(targetsOf('Code bodies')).toEqual([
      expect.objectContaining({ kind: 'body', key: 'body:CCAG:Code bodies' }),
    ]);
  });

  it('gives a picked Teams user the address their directory entry has, matched by Entra object id', () => {
    const targets = reminderTargets(
      {
        groupCode: 'CCAG',
        owners: [
          {
            display: 'Grace Hopper',
            teamsUsers: [
              { id: '29:1Qv-grace', name: 'Grace Hopper', aadObjectId: PEOPLE[6]!.aadObjectId },
            ],
          },
        ],
      },
      PEOPLE,
    );
    expect(targets).toEqual([
      {
        kind: 'person',
        key: `user:${PEOPLE[6]!.aadObjectId}`,
        name: 'Grace Hopper',
        teams: { id: '29:1Qv-grace', aadObjectId: PEOPLE[6]!.aadObjectId },
        email: 'grace@example.org',
      },
    ]);
  });

  it('stops reminding an owner after more than four weekly overdue reminders, unless the policy says never', () => {
    const policy = DEFAULT_REMINDER_POLICY;
    const at = (date: string) => new Date(`${date}T09:00:00Z`);
    // Due 23/02/22: the fourth weekly reminder on 23/03, the fifth on 30/03.
    expect(isPastOverdueReminders('2022-02-23', policy, at('2022-03-23'), 'Europe/London')).toBe(
      false,
    );
    expect(isPastOverdueReminders('2022-02-23', policy, at('2022-03-30'), 'Europe/London')).toBe(
      true,
    );
    expect(
      isPastOverdueReminders(
        '2022-02-23',
        { ...policy, stopAfterOverdue: 0 },
        at('2026-03-30'),
        'Europe/London',
      ),
    ).toBe(false);
  });
});
