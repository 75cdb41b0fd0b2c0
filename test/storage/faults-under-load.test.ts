import { addUpdate, markDone, type Action } from '../../core/action';
import type { MeetingContext } from '../../core/action-service';
import { parseDueDate } from '../../core/due-date';
import { OutcomeUnknownError, StorageUnavailableError } from '../../core/errors';
import { parseOwners } from '../../core/owner';
import type { Person } from '../../core/person';
import { TableDueIndex } from '../../storage/table-due-index';
import type { FaultProxy } from '../support/fault-proxy';
import { servicesOn } from '../support/test-services';
import { tablesThroughProxy } from './through-proxy';

/**
 * Members adding actions, updates, done marks and discussion items at once while the network
 * between the stores and Azurite loses answers (a quarter of the requests reach storage and their
 * answer is dropped) and every open connection is cut every 250 ms. Afterwards what storage holds is
 * compared with what each person was told:
 *
 * - nothing is stored twice: no second ref for one add, no update appended twice;
 * - everything acknowledged is stored;
 * - every "nothing was saved" (StorageUnavailableError) is true;
 * - an unknown outcome (OutcomeUnknownError) may be either, but never twice;
 * - every open action with a due date is in the due index.
 */
const ADA: Person = { id: '29:ada', name: 'Ada Lovelace', aadObjectId: 'aad-ada' };
const CONVERSATION = '19:meeting_faults@thread.v2';
const ADDS = 40;
const SEEDED = 10;
const UPDATES_PER_ACTION = 4;
const DONE = 5;
const ITEMS = 20;

type Outcome = 'saved' | 'not saved' | 'unknown';

interface Attempt {
  readonly what: string;
  readonly outcome: Outcome;
  readonly value?: unknown;
}

async function attempt(what: string, run: () => Promise<unknown>): Promise<Attempt> {
  try {
    return { what, outcome: 'saved', value: await run() };
  } catch (error) {
    if (error instanceof OutcomeUnknownError) return { what, outcome: 'unknown' };
    if (error instanceof StorageUnavailableError) return { what, outcome: 'not saved' };
    throw error;
  }
}

describe('exactly once under lost answers and cut connections (Azurite behind a fault proxy)', () => {
  let proxy: FaultProxy;
  afterEach(async () => {
    await proxy.stop();
  });

  it('concurrent adds, updates, done marks and discussion items: 0 duplicated, 0 lost, 0 false "nothing saved"', async () => {
    const tables = await tablesThroughProxy({ requestTimeoutMs: 2000, seed: 20220223 });
    proxy = tables.proxy;
    const app = servicesOn(tables.faulty);
    const truth = servicesOn(tables.direct);
    const actor = { person: ADA, isChair: true };
    const context: MeetingContext = await app.service.setUpMeeting({
      conversationId: CONVERSATION,
      tenantId: 'tenant-under-load',
      person: ADA,
      groupCode: 'CCAG',
      meetingNumber: 3,
      meetingChat: true,
    });
    const due = parseDueDate('23/03/22');
    const draft = (text: string) => ({
      area: 'Horizon Scanning',
      text,
      owners: parseOwners('Programme (PMO)'),
      ...(due ? { due } : {}),
    });
    const seeded: Action[] = [];
    for (let i = 0; i < SEEDED; i++) {
      seeded.push(await app.service.addAction(context, draft(`seeded ${i}`), actor));
    }

    proxy.dropAnswers(0.25);
    proxy.cutEvery(250);
    const work: Array<Promise<Attempt>> = [];
    for (let i = 0; i < ADDS; i++) {
      work.push(
        attempt(`add ${i}`, () => app.service.addAction(context, draft(`add ${i}`), actor)),
      );
    }
    seeded.forEach((action, index) => {
      for (let u = 0; u < UPDATES_PER_ACTION; u++) {
        const text = `update ${index}.${u}`;
        work.push(
          attempt(text, () =>
            app.service.changeAction(context.group, action.ref, actor, 'addUpdate', (a, now) =>
              addUpdate(a, text, ADA, now),
            ),
          ),
        );
      }
      if (index < DONE) {
        work.push(
          attempt(`done ${action.ref}`, () =>
            app.service.changeAction(context.group, action.ref, actor, 'markDone', (a, now) =>
              markDone(a, ADA, now),
            ),
          ),
        );
      }
    });
    for (let i = 0; i < ITEMS; i++) {
      work.push(
        attempt(`item ${i}`, () =>
          app.service.addDiscussionItem(context, { area: 'Other', text: `item ${i}` }, actor),
        ),
      );
    }
    const attempts = await Promise.all(work);
    proxy.heal();

    // The faults happened, and people were told things both ways.
    expect(proxy.stats.droppedAnswers).toBeGreaterThan(10);
    expect(proxy.stats.cut).toBeGreaterThan(0);
    expect(attempts.filter((a) => a.outcome === 'saved').length).toBeGreaterThan(
      attempts.length / 3,
    );

    const stored = await truth.service.listMeetingActions(context);
    const told = (what: string) => attempts.find((a) => a.what === what)!;

    // Adds: one ref per add at most, consecutive refs, and what people were told is true.
    const texts = stored.map((action) => action.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(stored.map((action) => action.ref)).toEqual(
      stored.map((_, i) => `CCAG03-${String(i + 1).padStart(2, '0')}`),
    );
    for (let i = 0; i < ADDS; i++) {
      const add = told(`add ${i}`);
      const found = stored.filter((action) => action.text === `add ${i}`);
      if (add.outcome === 'saved') {
        expect(found.map((action) => action.ref)).toEqual([(add.value as Action).ref]);
      }
      if (add.outcome === 'not saved') expect(found).toEqual([]);
      expect(found.length).toBeLessThanOrEqual(1);
    }

    // Updates and done marks: never twice; acknowledged ones there, refused ones not.
    seeded.forEach((action, index) => {
      const now = stored.find((candidate) => candidate.ref === action.ref)!;
      const updates = now.updates.map((update) => update.text);
      expect(new Set(updates).size).toBe(updates.length);
      for (let u = 0; u < UPDATES_PER_ACTION; u++) {
        const text = `update ${index}.${u}`;
        const update = told(text);
        if (update.outcome === 'saved') expect(updates).toContain(text);
        if (update.outcome === 'not saved') expect(updates).not.toContain(text);
      }
      const doneMarks = now.history.filter(
        (entry) => entry.change.kind === 'stateChanged' && entry.change.to === 'done',
      );
      expect(doneMarks.length).toBeLessThanOrEqual(1);
      if (index < DONE) {
        const done = told(`done ${action.ref}`);
        if (done.outcome === 'saved') expect(now.state).toBe('done');
        if (done.outcome === 'not saved') expect(now.state).toBe('open');
      }
    });

    // Discussion items: the same rules, positions 1, 2, 3 …
    const items = await truth.service.listDiscussionItems(context);
    expect(items.map((item) => item.order)).toEqual(items.map((_, i) => i + 1));
    const itemTexts = items.map((item) => item.text);
    expect(new Set(itemTexts).size).toBe(itemTexts.length);
    for (let i = 0; i < ITEMS; i++) {
      const item = told(`item ${i}`);
      if (item.outcome === 'saved') expect(itemTexts).toContain(`item ${i}`);
      if (item.outcome === 'not saved') expect(itemTexts).not.toContain(`item ${i}`);
    }

    // The due index lists every stored open action with a due date.
    const indexed = new Set(
      (await new TableDueIndex(tables.direct.table('dueIndex')).listDueBy('2099-12-31')).map(
        (entry) => `${entry.ref}|${entry.dueDate}`,
      ),
    );
    for (const action of stored.filter((candidate) => candidate.state === 'open')) {
      expect(indexed).toContain(`${action.ref}|${action.due?.date}`);
    }
  });
});
