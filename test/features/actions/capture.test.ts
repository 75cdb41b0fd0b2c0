import { CARD_VERBS } from '../../../cards/card-verbs';
import { executeActionsOf } from '../../../cards/card-nodes';
import { NO_MEETING_REPLY } from '../../../features/routing/front-door';
import { GRACE } from '../../support/activities';
import { BotHarness, buttonTitles, cardOf, inputValue, shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';

const FIRST_ACTION = {
  area: 'Minutes and actions review',
  text: 'Provide detail on Operational Choreography design artefact content',
  owner: 'Programme (Justin Andrews)',
  due: '23/03/22',
  confirmPast: 'true',
  update: '',
};

/** Sets the channel up with CCAG003 through the add form, and returns the first action's card. */
async function firstAction(bot: BotHarness, fields = FIRST_ACTION) {
  return bot.click(CARD_VERBS.addAction, { ...fields, groupCode: 'ccag', meetingNumber: '3' });
}

describe('capturing actions in Teams (TestAdapter, Azurite)', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.create({ now: () => new Date('2022-02-23T11:00:00Z') });
  });

  it('add in a new conversation posts the form prefilled, asking which meeting', async () => {
    const card = await bot.sayForCard('add Share the PSG paper pack');
    expectValidCard(card);
    expect(inputValue(card, 'text')).toBe('Share the PSG paper pack');
    const labels = JSON.stringify(card);
    for (const label of [
      'Area',
      'Action',
      'Owner',
      'Due date',
      'Update',
      'Group code',
      'Meeting number',
    ]) {
      expect(labels).toContain(`"label":"${label}"`);
    }
    expect(buttonTitles(card)).toContain('Add action');
  });

  it('the first submit sets the meeting up and replaces the form with the action card CCAG03-01', async () => {
    const { status, card } = await firstAction(bot);
    expect(status).toBe(200);
    expectValidCard(card);
    const text = shownText(card);
    expect(text).toContain('CCAG03-01');
    expect(text).toContain(FIRST_ACTION.text);
    expect(text).toContain('Programme (Justin Andrews)');
    expect(text).toContain('23/03/22');
    expect(buttonTitles(card)).toEqual(
      expect.arrayContaining(['Add update', 'Change due date', 'Mark done']),
    );
    // The creator is the group's first chair, so may cancel.
    expect(buttonTitles(card)).toContain('Cancel action…');

    const second = await bot.click(CARD_VERBS.addAction, { ...FIRST_ACTION, text: 'Second one' });
    expect(shownText(second.card)).toContain('CCAG03-02');
  });

  it('invalid input comes back on the form with every error and everything typed', async () => {
    const typed = {
      area: 'Other',
      text: '',
      owner: 'Ofgem (Andy MacFaul)',
      due: '31/02/22',
      confirmPast: 'true',
      update: 'kept',
    };
    const { card } = await bot.click(CARD_VERBS.addAction, {
      ...typed,
      groupCode: 'CCAG',
      meetingNumber: 'x',
    });
    expectValidCard(card);
    expect(inputValue(card, 'owner')).toBe('Ofgem (Andy MacFaul)');
    expect(inputValue(card, 'due')).toBe('31/02/22');
    expect(inputValue(card, 'update')).toBe('kept');
    expect(inputValue(card, 'meetingNumber')).toBe('x');
    const text = shownText(card);
    expect(text).toMatch(/31\/02\/22/);
    expect(text).toMatch(/Action/);
    expect(text).toMatch(/Meeting number/);
    expect(await bot.services.actions.listMeetingActions('CCAG', 3)).toEqual([]);
  });

  it('lists, shows and closes actions; the card changes after Mark done', async () => {
    await firstAction(bot);
    await bot.click(CARD_VERBS.addAction, {
      ...FIRST_ACTION,
      area: 'Other',
      text: 'Second',
      owner: 'Code bodies',
    });

    const list = await bot.sayForCard('list');
    expectValidCard(list);
    expect(shownText(list)).toMatch(/CCAG03-01[\s\S]*CCAG03-02/);

    const done = await bot.click(CARD_VERBS.markDone, { ref: 'CCAG03-01' });
    expect(shownText(done.card)).toMatch(/Done/);
    expect(buttonTitles(done.card)).toContain('Reopen');
    expect(buttonTitles(done.card)).not.toContain('Mark done');

    const open = await bot.sayForCard('open');
    expect(shownText(open)).not.toContain('CCAG03-01');
    expect(shownText(open)).toContain('CCAG03-02');

    const shown = await bot.sayForCard('show ccag03-01');
    expect(shownText(shown)).toMatch(/CCAG03-01[\s\S]*Done/);
  });

  it('keeps an update and a due date change with its reason in the history', async () => {
    await firstAction(bot);
    const updated = await bot.click(CARD_VERBS.addUpdate, {
      ref: 'CCAG03-01',
      updateText: 'Shared with the PMO',
    });
    expect(shownText(updated.card)).toContain('Shared with the PMO');
    const moved = await bot.click(CARD_VERBS.changeDueDate, {
      ref: 'CCAG03-01',
      due: '30/03/22',
      confirmPast: 'true',
      reason: 'waiting for Ofgem',
    });
    expect(shownText(moved.card)).toContain('30/03/22');
    const stored = await bot.services.actions.getAction('CCAG03-01');
    expect(stored?.history.map((entry) => entry.change.kind)).toEqual([
      'created',
      'updateAdded',
      'dueDateChanged',
    ]);
    expect(stored?.history[2]?.change).toMatchObject({
      reason: 'waiting for Ofgem',
      to: { date: '2022-03-30' },
    });
  });

  it('refuses someone who is neither owner, creator nor chair, saying who may, and changes nothing', async () => {
    await firstAction(bot);
    const { card } = await bot.click(CARD_VERBS.markDone, { ref: 'CCAG03-01' }, 'channel', GRACE);
    expect(shownText(card)).toMatch(
      /Only its owners.*its creator \(Ada Lovelace\).*chairs may mark CCAG03-01 done/,
    );
    expect((await bot.services.actions.getAction('CCAG03-01'))?.state).toBe('open');
    const cancel = await bot.click(CARD_VERBS.cancel, { ref: 'CCAG03-01' }, 'channel', GRACE);
    expect(shownText(cancel.card)).toMatch(/Only the group's chairs may cancel CCAG03-01/);
  });

  it('lets the creator edit area, text and owners, each kept in the history; others are refused', async () => {
    const { card } = await firstAction(bot);
    expect(buttonTitles(card)).toContain('Edit');
    expect(inputValue(card, 'editOwner')).toBe('Programme (Justin Andrews)');

    const refused = await bot.click(
      CARD_VERBS.editAction,
      { ref: 'CCAG03-01', editArea: 'Other', editText: 'Changed', editOwner: 'Code bodies' },
      'channel',
      GRACE,
    );
    expect(shownText(refused.card)).toMatch(
      /Only its creator \(Ada Lovelace\) and the group's chairs/,
    );

    const edited = await bot.click(CARD_VERBS.editAction, {
      ref: 'CCAG03-01',
      editArea: 'Other',
      editText: FIRST_ACTION.text,
      editOwner: 'Programme (Justin Andrews), Code bodies',
    });
    expect(shownText(edited.card)).toContain('Programme (Justin Andrews), Code bodies');
    const stored = await bot.services.actions.getAction('CCAG03-01');
    expect(stored?.area).toBe('Other');
    expect(stored?.history.map((entry) => entry.change.kind)).toEqual([
      'created',
      'areaChanged',
      'ownersChanged',
    ]);

    const unchanged = await bot.click(CARD_VERBS.editAction, {
      ref: 'CCAG03-01',
      editArea: 'Other',
      editText: FIRST_ACTION.text,
      editOwner: 'Programme (Justin Andrews), Code bodies',
    });
    expect(shownText(unchanged.card)).toContain('Nothing was changed.');
    const badOwner = await bot.click(CARD_VERBS.editAction, {
      ref: 'CCAG03-01',
      editArea: 'Other',
      editText: FIRST_ACTION.text,
      editOwner: 'A, , B',
    });
    expect(shownText(badOwner.card)).toMatch(/empty name between commas/);
    expect(inputValue(badOwner.card, 'editOwner')).toBe('A, , B');
  });

  it('answers forged or malformed payloads with an error card and changes nothing', async () => {
    await firstAction(bot);
    const attempts = [
      await bot.click('deleteEverything', { ref: 'CCAG03-01' }),
      await bot.click(CARD_VERBS.markDone, {}),
      await bot.click(CARD_VERBS.markDone, { ref: 'TAG03-01' }),
      await bot.click(CARD_VERBS.markDone, 'not an object'),
      await bot.click(CARD_VERBS.addUpdate, { ref: 'CCAG03-01', updateText: 'x'.repeat(50_000) }),
      await bot.click(CARD_VERBS.addUpdate, { ref: 'CCAG03-01', updateText: { nested: true } }),
      await bot.click(CARD_VERBS.listPage, { filter: 'everything', page: 1 }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(200);
      expectValidCard(attempt.card);
      expect(shownText(attempt.card).length).toBeGreaterThan(10);
    }
    expect(shownText(attempts[2]?.card)).toMatch(/TAG03-01 is not an action of CCAG/);
    const stored = await bot.services.actions.getAction('CCAG03-01');
    expect(stored?.state).toBe('open');
    expect(stored?.updates).toEqual([]);
  });

  it('has a handler for every verb a card can send', () => {
    const handled = new Set(bot.bot.verbs);
    expect(handled).toEqual(new Set(Object.values(CARD_VERBS)));
  });

  it('applies plain-text shortcuts', async () => {
    await firstAction(bot);
    const updated = await bot.sayForCard('CCAG03-01 update Dependency submitted to RAID');
    expect(shownText(updated)).toContain('Dependency submitted to RAID');
    const moved = await bot.sayForCard('ccag03-01 due 16/03/22 (to include in meeting papers)');
    expect(shownText(moved)).toContain('16/03/22 (to include in meeting papers)');
    const done = await bot.sayForCard('CCAG03-01 done');
    expect(shownText(done)).toMatch(/Done/);
    const again = await bot.sayForCard('CCAG03-01 done');
    expect(shownText(again)).toMatch(/already done/);
  });

  it('lists mine and overdue', async () => {
    // In personal chat the roster is the user, so the owner "Ada Lovelace" is matched to Ada.
    await bot.click(
      CARD_VERBS.addAction,
      {
        ...FIRST_ACTION,
        owner: 'Ada Lovelace',
        due: '01/02/22',
        confirmPast: 'true',
        groupCode: 'CCAG',
        meetingNumber: '3',
      },
      'personal',
    );
    const mine = await bot.sayForCard('mine', 'personal');
    expect(shownText(mine)).toContain('CCAG03-01');
    const overdue = await bot.sayForCard('overdue', 'personal');
    expect(shownText(overdue)).toMatch(/CCAG03-01[\s\S]*Overdue/);
    const graceMine = await bot.sayForCard('mine', 'personal', GRACE);
    expect(shownText(graceMine)).toMatch(/You own no open actions/);
  });

  it('tells a conversation with no meeting how to start', async () => {
    const reply = await bot.sayForCard('list', 'groupChat');
    expect(shownText(reply)).toContain(NO_MEETING_REPLY);
  });

  it('records key discussion items citing actions', async () => {
    await firstAction(bot);
    const form = await bot.sayForCard('discuss');
    expect(buttonTitles(form)).toContain('Add discussion item');
    const text = 'Actions updates were provided.\n\n- first point\n- second (action CCAG03-01)';
    const { card } = await bot.click(CARD_VERBS.addDiscussion, {
      area: 'Minutes and actions review',
      text,
    });
    expectValidCard(card);
    expect(shownText(card)).toContain('second (action CCAG03-01)');
    const [item] = await bot.services.discussion.listDiscussionItems('CCAG', 3);
    expect(item).toMatchObject({ order: 1, text });
  });

  it('sets up a meeting with the meeting form; only chairs change it afterwards', async () => {
    const form = await bot.sayForCard('meeting');
    expect(buttonTitles(form)).toContain('Save meeting');
    const fields = {
      groupCode: 'CCAG',
      groupName: 'MHHS Cross Code Advisory Group',
      number: '3',
      title: 'CCAG003',
      date: '2022-02-23',
      startTime: '10:00',
      endTime: '12:00',
      venue: 'Virtual – MS Teams',
      classification: 'Public',
    };
    const saved = await bot.click(CARD_VERBS.saveMeeting, fields);
    expect(shownText(saved.card)).toMatch(/23 February 2022 1000-1200/);
    const refused = await bot.click(
      CARD_VERBS.saveMeeting,
      { ...fields, venue: 'Elsewhere' },
      'channel',
      GRACE,
    );
    expect(shownText(refused.card)).toMatch(/only the group's chairs/);
    expect(inputValue(refused.card, 'venue')).toBe('Elsewhere');
    expect((await bot.services.groups.getMeeting('CCAG', 3))?.venue).toBe('Virtual – MS Teams');
  });

  it('shows what a user typed as text in others’ cards, never as markup or a mention', async () => {
    const hostile = '**bold** [link](https://evil.example) <at>Grace Hopper</at>';
    const { card } = await firstAction(bot, { ...FIRST_ACTION, text: hostile });
    const json = JSON.stringify(card);
    expect(json).not.toMatch(/"type":"TextBlock","text":"[^"]*\*\*bold/);
    expect(json).not.toContain('"mention"');
    const runs = JSON.stringify(card).match(/"type":"TextRun","text":"[^"]*link[^"]*"/g);
    expect(runs?.length).toBeGreaterThan(0);
  });

  it('every card it sends parses', async () => {
    await firstAction(bot);
    for (const command of [
      'help',
      'add',
      'list',
      'open',
      'mine',
      'overdue',
      'show CCAG03-01',
      'discuss',
      'meeting',
    ]) {
      const [reply] = await bot.say(command);
      const card = cardOf(reply);
      expectValidCard(card);
      for (const action of executeActionsOf(card))
        expect(Object.values(CARD_VERBS)).toContain(action.verb);
    }
  });
});
