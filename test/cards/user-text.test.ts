import { buildMeetingEndedCard } from '../../cards/meeting-ended-card';
import { buildReportPreviewCard } from '../../cards/reports/report-preview-card';
import { buildHeadlineReport } from '../../core/reports/headline-report';
import { createGroup } from '../../core/group';
import { buildActionCard } from '../../cards/action-card';
import { buildActionFormCard } from '../../cards/action-form-card';
import { buildActionListCard } from '../../cards/action-list-card';
import type { AdaptiveCard } from '../../cards/adaptive-card';
import { cardNodes, executeActionsOf } from '../../cards/card-nodes';
import { CARD_VERBS, isCardVerb } from '../../cards/card-verbs';
import { buildDiscussionFormCard } from '../../cards/discussion-form-card';
import { buildDiscussionItemCard } from '../../cards/discussion-item-card';
import { buildErrorCard } from '../../cards/error-card';
import { buildHelpCard } from '../../cards/help-card';
import { buildMeetingCard } from '../../cards/meeting-card';
import { buildMeetingFormCard } from '../../cards/meeting-form-card';
import { buildPeopleCard } from '../../cards/people-card';
import { labelledUserText, neutraliseMentions, userText } from '../../cards/user-text';
import { buildWelcomeCard } from '../../cards/welcome-card';
import { buildReminderCard } from '../../cards/reminders/reminder-card';
import { buildReminderPolicyCard } from '../../cards/reminders/reminder-policy-card';
import { DEFAULT_REMINDER_POLICY } from '../../core/reminders/reminder-policy';
import { addUpdate, cancel, createAction, markDone, type Action } from '../../core/action';
import {
  createDiscussionItem,
  deleteDiscussionItem,
  editDiscussionItem,
} from '../../core/discussion-item';
import { parseDueDate } from '../../core/due-date';
import { createMeeting } from '../../core/meeting';
import { parseOwners } from '../../core/owner';
import { expectValidCard } from '../support/card-validator';

const WORD_JOINER = '\u2060';
/** Text that would be bold, a link, a mention, card markup or a template if it were not shown as text. */
const HOSTILE_PARTS = [
  '**bold**',
  '[link](https://evil.example)',
  '<at>Grace</at>',
  '{"type":"Action.OpenUrl"}',
  '${template}',
];
const HOSTILE = HOSTILE_PARTS.join(' ');
const HOSTILE_LINES = `${HOSTILE}\n- ${HOSTILE}\n\n${HOSTILE}`;

const by = { id: '29:ada', name: HOSTILE };
const t0 = new Date('2022-02-23T10:15:00Z');
const now = new Date('2022-03-24T09:00:00Z');
const everything = { canUpdate: true, canCancel: true, canReopen: true, canEdit: true };
const chair = { person: { id: '29:chair', name: HOSTILE }, isChair: true };
const hostilePerson = { name: HOSTILE, organisation: HOSTILE, email: 'ada@example.org' };

function hostileAction(sequence: number): Action {
  return addUpdate(
    createAction(
      {
        area: HOSTILE,
        text: HOSTILE_LINES,
        owners: parseOwners(`Org (${HOSTILE}), ${HOSTILE}`),
        due: parseDueDate(`16/03/22 (${HOSTILE})`),
      },
      { groupCode: 'CCAG', meetingNumber: 3, sequence },
      by,
      t0,
    ),
    HOSTILE_LINES,
    by,
    t0,
  );
}

/** Every card the app builds, in several states, with user text in every place it can go. */
function everyCard(): [string, AdaptiveCard][] {
  const open = hostileAction(1);
  const done = markDone(hostileAction(2), by, t0);
  const cancelled = cancel(hostileAction(3), by, t0, HOSTILE);
  const values = { area: HOSTILE, text: HOSTILE_LINES, owner: HOSTILE, due: HOSTILE };
  const errors = { area: HOSTILE, text: HOSTILE, owner: HOSTILE, due: HOSTILE, update: HOSTILE };
  const many = Array.from({ length: 30 }, (_, index) => hostileAction(index + 1));
  const item = createDiscussionItem(
    { area: HOSTILE, text: HOSTILE_LINES },
    { meetingCode: 'CCAG003', order: 1 },
    by,
    t0,
  );
  const meeting = createMeeting({
    groupCode: 'CCAG',
    number: 3,
    title: HOSTILE,
    venue: HOSTILE,
    classification: 'Public',
    start: '2022-02-23T10:00:00Z',
  });
  const actionCard = (action: Action): AdaptiveCard =>
    buildActionCard(action, {
      viewer: everything,
      now,
      meetingTitle: HOSTILE,
      notice: `Added by ${HOSTILE}`,
      error: HOSTILE,
      values: { updateText: HOSTILE_LINES, due: HOSTILE, reason: HOSTILE },
      refreshUserIds: ['29:ada'],
      addAnother: true,
    });
  return [
    ['help', buildHelpCard()],
    ['welcome', buildWelcomeCard()],
    [
      'reminder',
      buildReminderCard(
        [open, done].map((action) => ({ action, timeZone: 'Europe/London' })),
        { owner: HOSTILE, now, notice: HOSTILE, error: HOSTILE, refreshUserIds: ['29:ada'] },
      ),
    ],
    [
      'reminder policy',
      buildReminderPolicyCard(DEFAULT_REMINDER_POLICY, {
        groupCode: 'CCAG',
        timeZone: 'Europe/London',
        canEdit: true,
        notice: HOSTILE,
        message: HOSTILE,
        errors: { daysBefore: HOSTILE },
        values: { daysBefore: HOSTILE },
      }),
    ],
    ['action form', buildActionFormCard({ values, errors, areasInMeeting: [HOSTILE, 'Other'] })],
    [
      'action form needing setup',
      buildActionFormCard({
        meeting: { needsSetup: true, groupCode: HOSTILE, meetingNumber: HOSTILE },
        errors: { groupCode: HOSTILE, meetingNumber: HOSTILE },
        message: HOSTILE,
      }),
    ],
    [
      'action form in a meeting',
      buildActionFormCard({ meeting: { code: 'CCAG003' }, areasInMeeting: [HOSTILE] }),
    ],
    ['open action', actionCard(open)],
    [
      'action card with Add another',
      buildActionCard(open, {
        viewer: everything,
        now,
        notice: `Added by ${HOSTILE}`,
        addAnother: true,
        people: [{ aadObjectId: '6b1f0c2e-1111-4c3a-9a0e-0a1b2c3d4e5f', name: HOSTILE }],
      }),
    ],
    [
      'action form with people and a past date',
      buildActionFormCard({
        values: { ...values, newArea: HOSTILE, confirmPast: 'true' },
        errors: { ...errors, confirmPast: HOSTILE, people: HOSTILE, newArea: HOSTILE },
        areasInMeeting: [HOSTILE, 'Other'],
        people: [{ aadObjectId: '6b1f0c2e-1111-4c3a-9a0e-0a1b2c3d4e5f', name: HOSTILE }],
      }),
    ],
    ['done action', actionCard(done)],
    ['cancelled action', actionCard(cancelled)],
    [
      'discussion form',
      buildDiscussionFormCard({
        values: { area: HOSTILE, text: HOSTILE_LINES },
        errors: { area: HOSTILE, text: HOSTILE },
        areasInMeeting: [HOSTILE],
        meetingCode: 'CCAG003',
        message: HOSTILE,
      }),
    ],
    ['discussion item', buildDiscussionItemCard(item, { notice: HOSTILE })],
    [
      'discussion item its author may change',
      buildDiscussionItemCard(
        editDiscussionItem(item, { area: HOSTILE, text: `${HOSTILE_LINES} ` + 'x' }, chair, now),
        { viewer: { canChange: true }, error: HOSTILE, values: { editDiscussionText: HOSTILE } },
      ),
    ],
    [
      'deleted discussion item',
      buildDiscussionItemCard(deleteDiscussionItem(item, chair, now, HOSTILE), {
        viewer: { canChange: true },
      }),
    ],
    [
      'meeting form editing',
      buildMeetingFormCard({
        values: { title: HOSTILE },
        errors: { title: HOSTILE },
        message: HOSTILE,
        editingMeetingCode: 'CCAG003',
      }),
    ],
    [
      'reminder policy for a member',
      buildReminderPolicyCard(DEFAULT_REMINDER_POLICY, {
        groupCode: 'CCAG',
        timeZone: 'Europe/London',
        canEdit: false,
        notice: HOSTILE,
      }),
    ],
    [
      'report preview',
      buildReportPreviewCard({
        report: buildHeadlineReport({
          group: createGroup({ code: 'CCAG', name: HOSTILE, chairs: [by] }),
          meeting,
          actions: many,
          discussionItems: [item],
          issueDate: '2022-02-24',
        }),
        meetingNumber: 3,
        postTo: HOSTILE,
        parts: 2,
        notice: HOSTILE,
      }),
    ],
    [
      'meeting ended',
      buildMeetingEndedCard({
        groupCode: 'CCAG',
        meetingNumber: 3,
        meetingCode: 'CCAG003',
        chairs: [by],
        actionCount: 3,
      }),
    ],
    [
      'meeting form',
      buildMeetingFormCard({
        values: { groupName: HOSTILE, title: HOSTILE, venue: HOSTILE },
        errors: { groupName: HOSTILE, title: HOSTILE },
        message: HOSTILE,
      }),
    ],
    ['meeting', buildMeetingCard(meeting, { groupName: HOSTILE, notice: HOSTILE })],
    [
      'action list, page 2',
      buildActionListCard({
        title: HOSTILE,
        actions: many,
        now,
        page: 2,
        pageSize: 10,
        filter: 'list',
        emptyText: HOSTILE,
      }),
    ],
    [
      'empty action list',
      buildActionListCard({ title: HOSTILE, actions: [], now, filter: 'mine', emptyText: HOSTILE }),
    ],
    ['error', buildErrorCard({ title: HOSTILE, message: HOSTILE })],
    [
      'people directory, editing',
      buildPeopleCard({
        groupCode: 'CCAG',
        people: [hostilePerson, { name: `${HOSTILE} 2`, email: 'zoe@example.org', guest: true }],
        canEdit: true,
        editing: hostilePerson,
        notice: HOSTILE,
        values: { name: HOSTILE },
      }),
    ],
  ];
}

describe('user text', () => {
  it('<at> tags cannot become mentions; removing U+2060 gives the text back', () => {
    for (const text of ['<at>Grace</at>', '<AT id="0">x</AT>', '< at>x< /at >']) {
      const shown = neutraliseMentions(text);
      expect(shown).not.toMatch(/<\s*\/?\s*at\b/i);
      expect(shown.replaceAll(WORD_JOINER, '')).toBe(text);
    }
    expect(neutraliseMentions('a <b> <atom> 1<2')).toBe('a <b> <atom> 1<2');
  });

  it('is one TextRun that keeps line breaks, after a bold label when labelled', () => {
    expect(userText('one\ntwo', { isSubtle: true })).toEqual({
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: 'one\ntwo', isSubtle: true }],
    });
    expect(labelledUserText('Owner', '**x**')).toEqual({
      type: 'RichTextBlock',
      inlines: [
        { type: 'TextRun', text: 'Owner: ', weight: 'bolder' },
        { type: 'TextRun', text: '**x**' },
      ],
    });
  });

  it.each(everyCard())('the %s card parses with the official parser', (_name, card) => {
    expectValidCard(card);
    expect(card.version).toBe('1.5');
  });

  it.each(everyCard().filter(([name]) => !['help', 'welcome'].includes(name)))(
    'the %s card shows user text verbatim in TextRuns, never in a TextBlock or FactSet',
    (_name, card) => {
      const nodes = cardNodes(card);
      const markdown = nodes.flatMap((node) => {
        if (node.type === 'TextBlock') return [String(node.text)];
        if (node.type === 'FactSet') {
          return (node.facts as { title: string; value: string }[]).flatMap((fact) => [
            fact.title,
            fact.value,
          ]);
        }
        return [];
      });
      for (const text of markdown) {
        for (const part of HOSTILE_PARTS) expect(text).not.toContain(part);
        expect(text).not.toContain('evil.example');
      }
      // What a user reads: TextRuns, and the titles of choices (plain text, never markdown).
      const runs = nodes
        .filter((node) => node.type === 'TextRun')
        .map((node) => String(node.text))
        .concat(
          nodes
            .filter((node) => node.type === 'Input.ChoiceSet')
            .flatMap((node) => (node.choices as { title: string }[]).map((choice) => choice.title)),
        );
      for (const run of runs) expect(run).not.toMatch(/<\s*\/?\s*at\b/i);
      const shown = runs.map((run) => run.replaceAll(WORD_JOINER, '')).join('\n');
      for (const part of HOSTILE_PARTS) expect(shown).toContain(part);
      // No user text turns into anything but text: the only actions are the app's own.
      const types = new Set(nodes.map((node) => node.type));
      expect(types.has('Action.OpenUrl')).toBe(false);
      expect(types.has('Action.Submit')).toBe(false);
    },
  );
});

describe('card verbs', () => {
  it('every verb any card sends is listed, and every listed verb is sent by some card', () => {
    const sent = new Set(
      everyCard().flatMap(([, card]) => executeActionsOf(card).map((action) => action.verb)),
    );
    const listed = Object.values(CARD_VERBS);
    for (const verb of sent) expect(listed).toContain(verb);
    expect([...sent].sort()).toEqual(listed.sort());
  });

  it('verbs still waiting for their route are sent only by cards asked for them', () => {
    const unasked = [
      buildActionCard(hostileAction(1), { viewer: everything, now }),
      buildDiscussionItemCard(
        createDiscussionItem(
          { area: 'A', text: 'B' },
          { meetingCode: 'CCAG003', order: 1 },
          by,
          t0,
        ),
      ),
    ];
    for (const card of unasked) {
      for (const action of executeActionsOf(card)) expect(isCardVerb(action.verb)).toBe(true);
    }
  });

  it('every action button on an action card carries its ref', () => {
    const cards = everyCard().filter(([name]) => name.endsWith(' action'));
    expect(cards).toHaveLength(3);
    for (const [, card] of cards) {
      for (const action of executeActionsOf(card)) {
        // Add another opens the next action's form: it names the area to keep, not this action.
        if (action.verb === CARD_VERBS.addAnother) continue;
        expect(action.data).toEqual({ ref: expect.stringMatching(/^CCAG03-\d{2}$/) });
      }
    }
  });

  it('isCardVerb refuses anything else', () => {
    expect(isCardVerb('markDone')).toBe(true);
    for (const forged of ['MarkDone', 'toString', '__proto__', '', undefined, 3]) {
      expect(isCardVerb(forged)).toBe(false);
    }
  });
});
