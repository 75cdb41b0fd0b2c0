import type { Action } from '../../../core/action';
import { changeLines } from '../../../core/reports/report-changes';
import { ReportService } from '../../../core/reports/report-service';
import { createMeeting } from '../../../core/meeting';
import { TableReportStore } from '../../../storage/table-report-store';
import {
  CHANGED_AT,
  GROUP,
  MEETING,
  SECRETARY,
  firstIssueInput,
  reissueInput,
} from '../../documents/captured-meeting';
import { servicesOn } from '../../support/test-services';
import { freshTableStorage } from '../../support/test-storage';

const CHAIR = { person: SECRETARY, isChair: true };
const context = { group: GROUP, meeting: MEETING };

/** CCAG004 stored as it was at the first issue, on Azurite. */
async function capturedMeetingStored() {
  const storage = await freshTableStorage();
  const stores = servicesOn(storage);
  const reports = new ReportService({
    ...stores,
    reports: new TableReportStore(storage.table('groups')),
  });
  const input = firstIssueInput();
  await stores.groups.createGroupIfMissing(GROUP);
  await stores.groups.createMeetingIfMissing(createMeeting({ groupCode: 'CCAG', number: 3 }));
  await stores.groups.createMeetingIfMissing(MEETING);
  for (const action of [...input.actions, ...input.carriedForward]) {
    await stores.actions.importAction(action);
  }
  for (const item of input.discussionItems) await stores.discussion.importDiscussionItem(item);
  return { stores, reports };
}

/** Stores the actions as the re-issue has them (each as the change the members made). */
async function applyChanges(stores: ReturnType<typeof servicesOn>): Promise<void> {
  const after = reissueInput();
  for (const action of [...after.actions, ...after.carriedForward]) {
    const replace = (_stored: Action) => action;
    if (await stores.actions.getAction(action.ref))
      await stores.actions.updateAction(action.ref, replace);
    else await stores.actions.importAction(action);
  }
}

describe('issuing and re-issuing the report of a meeting captured live (Azurite)', () => {
  it('issues v1 without changes, then v2 listing what changed since v1, as the preview said', async () => {
    const { stores, reports } = await capturedMeetingStored();
    const v1 = await reports.issue(context, CHAIR, new Date('2022-03-24T09:00:00Z'));
    expect(v1.version).toBe(1);
    expect(v1.report.changes).toBeUndefined();
    expect(v1.report.actionGroups.map((group) => group.area)).toEqual([
      'Design baseline',
      'Smart data',
      'Other',
    ]);

    await applyChanges(stores);
    const preview = await reports.preview(context, CHANGED_AT.updated);
    const v2 = await reports.issue(context, CHAIR, new Date('2022-03-30T09:00:00Z'));

    const expected = [
      'Added: CCAG04-07',
      'Closed: CCAG03-05 (no longer carried forward), CCAG04-01 (done), CCAG04-04 (cancelled)',
      'Changed: CCAG04-02 (update), CCAG04-03 (due date, update)',
    ];
    expect(preview.version).toBe(2);
    expect(preview.changes && changeLines(preview.changes)).toEqual(expected);
    expect(v2.version).toBe(2);
    expect(v2.report.changes?.sinceVersion).toBe(1);
    expect(v2.report.changes && changeLines(v2.report.changes)).toEqual(expected);
    // The stored snapshot keeps the changes, so its documents list them too.
    const stored = await reports.getIssued('CCAG', 4, 2);
    expect(stored?.report.changes).toEqual(v2.report.changes);
  });
});
