import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { ACTION_CARD_INPUTS, buildActionCard } from '../../cards/action-card';
import { buildActionFormCard } from '../../cards/action-form-card';
import { DISCUSSION_CARD_VERBS, CARD_VERBS } from '../../cards/card-verbs';
import { buildDiscussionItemCard } from '../../cards/discussion-item-card';
import { buildReminderCard, reminderInputIds } from '../../cards/reminders/reminder-card';
import { changeDueDate, createAction, type Action } from '../../core/action';
import { readNextActionPrefill, validateActionDraft } from '../../core/action-form';
import { createDiscussionItem } from '../../core/discussion-item';
import { parseDueDate } from '../../core/due-date';
import { parseOwners, type PickedPerson } from '../../core/owner';
import { NEXT_FORM_NOTICE } from '../../features/actions/action-routes';
import { PANEL_CSS } from '../../teams/side-panel/tab-pages';
import { expectValidCard } from '../support/card-validator';
import { launchChromium } from '../support/chromium';

const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const ROOT = path.resolve(__dirname, '..', '..');

jest.setTimeout(60_000);

const ANDY = { aadObjectId: '6b1f0c2e-1111-4c3a-9a0e-0a1b2c3d4e5f', name: 'Andy MacFaul' };
const ROSTER: Record<string, PickedPerson> = {
  [ANDY.aadObjectId]: { id: '29:andy', name: ANDY.name, organisation: 'Ofgem' },
};
const ada = { id: '29:ada', name: 'Ada Lovelace', aadObjectId: 'aad-ada' };
// 10:15 in London on the day of CCAG003; the actions are due at the next meeting.
const now = new Date('2022-02-23T10:15:00Z');

function action(): Action {
  const added = createAction(
    {
      area: 'Smart Meters Act Powers',
      text: 'Present the seven steps for code drafting and code approval at next CCAG',
      owners: parseOwners('Ofgem (Andy MacFaul), Programme (Andrew Margan)'),
      due: parseDueDate('16/03/22 (to include in meeting papers)'),
    },
    { groupCode: 'CCAG', meetingNumber: 3, sequence: 2 },
    ada,
    now,
  );
  return changeDueDate(added, parseDueDate('23/03/22'), ada, now, 'Papers go out a week later');
}

/**
 * The cards the bot sends in chat, drawn by the side panel's renderer (tab/card-view.ts, the
 * official Adaptive Cards renderer with the panel's host config, CSS and Teams theme) in
 * Chromium at 320 px: what a person sees, and what the buttons send back.
 */
describe('the chat cards in the official renderer at 320 px (headless Chromium)', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const bundled = await build({
      stdin: {
        contents: `
          import { renderCard } from './tab/card-view';
          import { applyTheme } from './tab/theme';
          window.show = (json, theme) => {
            applyTheme(theme);
            window.sent = [];
            const root = document.getElementById('root');
            root.replaceChildren(renderCard(json, (verb, data) => window.sent.push({ verb, data })));
          };`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      logLevel: 'silent',
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 320, height: 900 } });
    await page.setContent(
      `<!doctype html><html lang="en"><head><style>${PANEL_CSS}</style></head>` +
        '<body><main><div id="root" class="card-surface"></div></main></body></html>',
    );
    await page.addScriptTag({ content: bundled.outputFiles[0]?.text ?? '' });
  });
  afterAll(async () => browser?.close());

  async function show(card: unknown, name: string, theme = 'default'): Promise<void> {
    await page.evaluate(
      ([json, chosen]) =>
        (window as unknown as { show(j: unknown, t: string): void }).show(json, chosen),
      [card, theme] as const,
    );
    await page.mouse.move(0, 0);
    await page.locator('#root').screenshot({ path: path.join(ARTIFACTS, `card-${name}.png`) });
  }

  const sent = () =>
    page.evaluate(
      () =>
        (window as unknown as { sent: Array<{ verb: string; data: Record<string, unknown> }> })
          .sent,
    );

  it('the action form: filled by its labels, Add action sends what the bot reads as the action', async () => {
    await show(
      buildActionFormCard({
        meeting: { code: 'CCAG003' },
        areasInMeeting: ['Minutes and actions review', 'Smart Meters Act Powers'],
        people: [ANDY],
      }),
      'action-form',
    );
    await page
      .getByRole('textbox', { name: /^Action/ })
      .fill('Update at next meeting how changes are captured');
    await page.getByRole('textbox', { name: /^Owner/ }).fill('Code bodies');
    await page.getByRole('checkbox', { name: ANDY.name }).check();
    await page.getByLabel('Due date').fill('2022-03-23');
    await page.getByRole('button', { name: 'Add action' }).click();
    const [submitted] = await sent();
    expect(submitted?.verb).toBe(CARD_VERBS.addAction);
    const draft = validateActionDraft(submitted?.data ?? {}, {
      now,
      lookupPerson: (id) => ROSTER[id],
    });
    expect(draft).toEqual({
      ok: true,
      value: {
        // The area chosen is the last one used: Add another and the panel keep it.
        area: 'Smart Meters Act Powers',
        text: 'Update at next meeting how changes are captured',
        owners: [
          { display: 'Code bodies' },
          {
            display: 'Ofgem (Andy MacFaul)',
            organisation: 'Ofgem',
            person: 'Andy MacFaul',
            teamsUsers: [{ id: '29:andy', aadObjectId: ANDY.aadObjectId, name: ANDY.name }],
          },
        ],
        due: { date: '2022-03-23' },
      },
    });
  });

  it('the action form: a new area typed under New area wins over the one chosen', async () => {
    await show(
      buildActionFormCard({ meeting: { code: 'CCAG003' }, areasInMeeting: ['Other'] }),
      'action-form-new-area',
    );
    await page.getByRole('textbox', { name: /^New area/ }).fill('Horizon Scanning');
    await page.getByRole('textbox', { name: /^Action/ }).fill('Review the log');
    await page.getByRole('textbox', { name: /^Owner/ }).fill('Code bodies');
    await page.getByRole('button', { name: 'Add action' }).click();
    const [submitted] = await sent();
    expect(validateActionDraft(submitted?.data ?? {})).toMatchObject({
      ok: true,
      value: { area: 'Horizon Scanning' },
    });
  });

  it('the action form asking about a past date: the switch turned on confirms it', async () => {
    const typed = { area: 'Other', text: 'Re-issue the slides', owner: 'PMO', due: '2022-02-01' };
    const asked = validateActionDraft(typed, { now });
    if (asked.ok) throw new Error('expected the question');
    await show(
      buildActionFormCard({ values: typed, errors: asked.errors }),
      'action-form-past-date',
    );
    await page.getByRole('checkbox', { name: /Yes, the date is in the past/ }).check();
    await page.getByRole('button', { name: 'Add action' }).click();
    const [submitted] = await sent();
    expect(validateActionDraft(submitted?.data ?? {}, { now })).toMatchObject({ ok: true });
  });

  it.each(['default', 'dark', 'contrast'])(
    'the action card answering Add action (%s theme): Add another, history, its buttons',
    async (theme) => {
      const card = buildActionCard(action(), {
        viewer: { canUpdate: true, canCancel: true, canReopen: true, canEdit: true },
        now,
        notice: 'Added by Ada Lovelace',
        addAnother: true,
      });
      await show(card, `action-card-${theme}`, theme);
      await page.getByText('Papers go out a week later').waitFor();
      const buttons = await page.locator('.ac-pushButton').allTextContents();
      expect(buttons).toEqual([
        'Add another',
        'Add update',
        'Change due date',
        'Mark done',
        'Edit',
        'Cancel action…',
      ]);
      const right = await page
        .locator('.ac-pushButton')
        .evaluateAll((nodes) =>
          Math.max(...nodes.map((node) => node.getBoundingClientRect().right)),
        );
      expect(right).toBeLessThanOrEqual(320);
      await page.getByRole('button', { name: 'Add another' }).click();
      const [next] = await sent();
      expect(next?.verb).toBe(CARD_VERBS.addAnother);
      expect(next?.data.ref).toBe('CCAG03-02');
      expect(readNextActionPrefill(next?.data ?? {})).toEqual({
        meetingCode: 'CCAG003',
        area: 'Smart Meters Act Powers',
        due: '2022-03-23',
      });
    },
  );

  it('the form Add another posts: the area chosen and the due date picked, only Action and Owner to fill', async () => {
    const form = buildActionFormCard({
      meeting: { code: 'CCAG003' },
      areasInMeeting: ['Minutes and actions review', 'Smart Meters Act Powers'],
      values: { area: 'Minutes and actions review', due: '2022-03-23' },
    });
    expectValidCard(form);
    await show(form, 'action-form-add-another');
    await page.getByRole('textbox', { name: /^Action/ }).fill('Share the legal text review plan');
    await page.getByRole('textbox', { name: /^Owner/ }).fill('Programme (Andrew Margan)');
    await page.getByRole('button', { name: 'Add action' }).click();
    const [submitted] = await sent();
    expect(validateActionDraft(submitted?.data ?? {}, { now })).toMatchObject({
      ok: true,
      value: { area: 'Minutes and actions review', due: { date: '2022-03-23' } },
    });
  });

  it('the action card once Add another posted the form: the notice, and no second Add another', async () => {
    const card = buildActionCard(action(), {
      viewer: { canUpdate: true, canCancel: true, canReopen: true, canEdit: true },
      now,
      notice: NEXT_FORM_NOTICE,
    });
    expectValidCard(card);
    await show(card, 'action-card-next-form-below');
    await page.getByText(NEXT_FORM_NOTICE).waitFor();
    expect(await page.locator('.ac-pushButton').allTextContents()).not.toContain('Add another');
  });

  it('Change due date to a past date: the card asks, and the switch turned on is sent with Save due date', async () => {
    const card = buildActionCard(action(), {
      viewer: { canUpdate: true, canCancel: false, canReopen: false },
      now,
      error: '01/02/22 is in the past (today is 23/02/22).',
      values: { due: '01/02/22', reason: 'as agreed' },
    });
    expectValidCard(card);
    await show(card, 'action-card-past-due');
    await page.getByRole('button', { name: 'Change due date' }).click();
    await page.getByRole('checkbox', { name: /Yes, the date is in the past/ }).check();
    await page
      .locator('#root')
      .screenshot({ path: path.join(ARTIFACTS, 'card-action-card-past-due.png') });
    await page.getByRole('button', { name: 'Save due date' }).click();
    expect(await sent()).toEqual([
      {
        verb: CARD_VERBS.changeDueDate,
        data: {
          ref: 'CCAG03-02',
          [ACTION_CARD_INPUTS.due]: '01/02/22',
          [ACTION_CARD_INPUTS.dueConfirmPast]: 'true',
          [ACTION_CARD_INPUTS.dueReason]: 'as agreed',
        },
      },
    ]);
  });

  it('the reminder’s New due date in the past: the digest asks, and the switch is sent with Save due date', async () => {
    const ids = reminderInputIds('CCAG03-02');
    const card = buildReminderCard([{ action: action(), timeZone: 'Europe/London' }], {
      owner: 'Andy MacFaul',
      now,
      error: '01/02/22 is in the past (today is 23/02/22).',
      values: { [ids.due]: '01/02/22', [ids.reason]: 'as agreed' },
    });
    expectValidCard(card);
    await show(card, 'reminder-past-due');
    await page.getByRole('button', { name: 'New due date' }).click();
    await page.getByRole('checkbox', { name: /Yes, the date is in the past/ }).check();
    await page.getByRole('button', { name: 'Save due date' }).click();
    const [saved] = await sent();
    expect(saved?.verb).toBe(CARD_VERBS.reminderDueDate);
    expect(saved?.data).toMatchObject({
      ref: 'CCAG03-02',
      [ids.due]: '01/02/22',
      [ids.reason]: 'as agreed',
      [ids.confirmPast]: 'true',
    });
  });

  it('the action card’s Cancel action… asks before it cancels', async () => {
    const card = buildActionCard(action(), {
      viewer: { canUpdate: true, canCancel: true, canReopen: true },
      now,
    });
    await show(card, 'action-card-cancel');
    await page.getByRole('button', { name: 'Cancel action…' }).click();
    await page.getByRole('textbox', { name: 'Reason' }).fill('Superseded by CCAG03-05');
    await page
      .locator('#root')
      .screenshot({ path: path.join(ARTIFACTS, 'card-action-card-cancel.png') });
    await page.getByRole('button', { name: 'Yes, cancel CCAG03-02' }).click();
    expect(await sent()).toEqual([
      {
        verb: CARD_VERBS.cancel,
        data: { ref: 'CCAG03-02', cancelReason: 'Superseded by CCAG03-05' },
      },
    ]);
  });

  it('the discussion item card: Edit and Delete… for its author', async () => {
    const item = createDiscussionItem(
      {
        area: 'Smart Meter Act Powers',
        text: 'Andy MacFaul (Ofgem) presented an update on SMAP:\n- lead times\n- recess (action CCAG03-03)',
      },
      { meetingCode: 'CCAG003', order: 2 },
      ada,
      now,
    );
    await show(buildDiscussionItemCard(item, { viewer: { canChange: true } }), 'discussion-item');
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Yes, delete this item' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('textbox', { name: /^Discussion/ }).fill('Andy MacFaul presented SMAP.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await sent()).toEqual([
      {
        verb: DISCUSSION_CARD_VERBS.deleteDiscussion,
        data: { meetingCode: 'CCAG003', order: 2 },
      },
      {
        verb: DISCUSSION_CARD_VERBS.editDiscussion,
        data: {
          meetingCode: 'CCAG003',
          order: 2,
          editDiscussionArea: 'Smart Meter Act Powers',
          editDiscussionText: 'Andy MacFaul presented SMAP.',
        },
      },
    ]);
  });
});
