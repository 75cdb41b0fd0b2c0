import {
  buildHeadlineReport,
  discussionGroups,
  reportRows,
} from '../../../core/reports/headline-report';
import { changeLines, changesHeading } from '../../../core/reports/report-changes';
import {
  AREAS_IN_ORDER,
  firstIssue,
  firstIssueInput,
  reissue,
  reissueInput,
} from '../../documents/captured-meeting';

describe('the report of a meeting captured live (CCAG004)', () => {
  it('groups the interleaved areas once each, in the order they first came up', () => {
    for (const report of [firstIssue(), reissue()]) {
      expect(report.actionGroups.map((group) => group.area)).toEqual(AREAS_IN_ORDER);
      for (const group of report.actionGroups) {
        const refs = group.rows.map((row) => row.ref);
        expect(refs).toEqual([...refs].sort());
      }
      expect(discussionGroups(report).map((group) => group.area)).toEqual(AREAS_IN_ORDER);
    }
    expect(reissue().actionGroups[0]?.rows.map((row) => row.ref)).toEqual([
      'CCAG04-01',
      'CCAG04-03',
      'CCAG04-07',
    ]);
  });

  it('lists every action of the meeting with no gap in the refs, the cancelled one included', () => {
    const refs = reissue()
      .actionGroups.flatMap((group) => group.rows.map((row) => row.ref))
      .sort();
    expect(refs).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `CCAG04-0${n}`));
  });

  it('marks the done and cancelled actions and shows why a due date moved', () => {
    const rows = new Map(reportRows(reissue()).map((row) => [row.ref, row]));
    expect(rows.get('CCAG04-01')).toMatchObject({ state: 'done', update: 'Done 28/03/22' });
    expect(rows.get('CCAG04-04')).toMatchObject({
      state: 'cancelled',
      update: 'Cancelled: duplicate of CCAG04-06',
    });
    expect(rows.get('CCAG04-03')).toMatchObject({
      due: '13/04/22',
      update: 'Due date moved from 30/03/22: waiting for the M6 change request decision',
    });
    expect(rows.get('CCAG04-02')?.update).toBe('Update: All three owners confirmed');
    expect(rows.get('CCAG04-05')?.update).toBe('');
  });

  it('says on the re-issue what was added, closed and changed since the first issue', () => {
    const { changes } = reissue();
    if (!changes) throw new Error('a re-issue lists its changes');
    expect(changesHeading(changes)).toBe('Changes since version 1');
    expect(changeLines(changes)).toEqual([
      'Added: CCAG04-07',
      'Closed: CCAG03-05 (no longer carried forward), CCAG04-01 (done), CCAG04-04 (cancelled)',
      'Changed: CCAG04-02 (update), CCAG04-03 (due date, update)',
    ]);
    expect(firstIssue().changes).toBeUndefined();
  });

  it('says so when nothing changed since the version before', () => {
    const again = buildHeadlineReport({ ...firstIssueInput(), version: 2, previous: firstIssue() });
    expect(again.changes && changeLines(again.changes)).toEqual([
      'No action was added, closed or changed.',
    ]);
  });

  it('refuses a version that does not follow the previous one', () => {
    expect(() =>
      buildHeadlineReport({ ...reissueInput(), version: 1, previous: firstIssue() }),
    ).toThrow(expect.objectContaining({ field: 'version' }));
  });

  it('compares with a version issued before states were recorded as if its actions were open', () => {
    const old = firstIssue();
    const withoutStates = {
      ...old,
      actionGroups: old.actionGroups.map((group) => ({
        ...group,
        rows: group.rows.map(({ state: _state, ...row }) => row),
      })),
    };
    const report = buildHeadlineReport({ ...reissueInput(), version: 2, previous: withoutStates });
    expect(report.changes?.closed.map((change) => change.ref)).toEqual([
      'CCAG03-05',
      'CCAG04-01',
      'CCAG04-04',
    ]);
  });
});
