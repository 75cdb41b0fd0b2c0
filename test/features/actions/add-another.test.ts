import { executeActionsOf } from '../../../cards/card-nodes';
import { CARD_VERBS } from '../../../cards/card-verbs';
import { NEXT_FORM_NOTICE } from '../../../features/actions/action-routes';
import { CARD_MESSAGE_ID } from '../../support/activities';
import {
  BotHarness,
  buttonTitles,
  inputValue,
  postedMessageId,
  shownText,
} from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';

type Card = Record<string, unknown>;

const AREA = 'Minutes and actions review';
const FIRST = {
  area: AREA,
  text: 'Provide detail on Operational Choreography design artefact content',
  owner: 'Programme (Justin Andrews)',
  due: '2022-03-23',
  update: '',
};

/** The data a button of `card` sends (the card's own data, nonce included), with `inputs`. */
function pressed(card: Card, verb: string, inputs: Record<string, unknown> = {}) {
  const button = executeActionsOf(card).find((action) => action.verb === verb);
  if (!button) throw new Error(`the card has no ${verb} button: ${JSON.stringify(card)}`);
  return { ...(button.data ?? {}), ...inputs };
}

/** What Teams sends when the action form is filled in as it shows, plus what was typed. */
function filledForm(form: Card, typed: Record<string, string>) {
  const shown = Object.fromEntries(
    ['area', 'newArea', 'text', 'owner', 'due', 'update']
      .map((id) => [id, inputValue(form, id)])
      .filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  return pressed(form, CARD_VERBS.addAction, { ...shown, ...typed });
}

describe('Add another (TestAdapter, Azurite)', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.create({ now: () => new Date('2022-02-23T11:00:00Z') });
  });

  /** The first action of CCAG003, added with the form that sets the meeting up. */
  async function firstAction() {
    return bot.click(CARD_VERBS.addAction, { ...FIRST, groupCode: 'CCAG', meetingNumber: '3' });
  }

  it('keeps the action card, posts a fresh form for the meeting with area and due date, and both actions stay in the chat', async () => {
    const added = await firstAction();
    expect(buttonTitles(added.card)).toContain('Add another');
    // Teams shows the card replaced for everyone to the note-taker too: it offers Add another.
    expect(buttonTitles(bot.chat()[0]?.card)).toContain('Add another');

    const another = await bot.click(
      CARD_VERBS.addAnother,
      pressed(added.card, CARD_VERBS.addAnother),
    );
    // The clicker's card is still CCAG03-01's, saying where the form is, without a second button.
    expectValidCard(another.card);
    expect(shownText(another.card)).toContain('CCAG03-01');
    expect(shownText(another.card)).toContain(NEXT_FORM_NOTICE);
    expect(buttonTitles(another.card)).not.toContain('Add another');
    expect(buttonTitles(another.card)).toContain('Mark done');

    // The form is a new message: the meeting is not asked again, area and due date are kept.
    expect(bot.posted).toHaveLength(1);
    const form = bot.posted[0] as Card;
    expectValidCard(form);
    expect(shownText(form)).toContain('CCAG003');
    expect(inputValue(form, 'groupCode')).toBeUndefined();
    expect(inputValue(form, 'meetingNumber')).toBeUndefined();
    expect(inputValue(form, 'area')).toBe(AREA);
    expect(inputValue(form, 'due')).toBe('2022-03-23');
    expect(inputValue(form, 'text')).toBeUndefined();
    expect(inputValue(form, 'owner')).toBeUndefined();
    expect(buttonTitles(form)).toEqual(['Add action']);

    const second = await bot.click(
      CARD_VERBS.addAction,
      filledForm(form, { text: 'Circulate the design artefacts', owner: 'Code bodies' }),
      'channel',
      undefined,
      postedMessageId(0),
    );
    expect(shownText(second.card)).toContain('CCAG03-02');
    expect(buttonTitles(second.card)).toContain('Add another');

    // Everyone sees both actions: the first card where it was, the form replaced by the second.
    const chat = bot.chat();
    expect(chat.map(({ messageId }) => messageId)).toEqual([CARD_MESSAGE_ID, postedMessageId(0)]);
    const [first, next] = chat.map(({ card }) => shownText(card));
    expect(first).toContain('CCAG03-01');
    expect(first).toContain(FIRST.text);
    expect(next).toContain('CCAG03-02');
    expect(next).toContain('Circulate the design artefacts');
    expect(next).toContain(AREA);
    expect(next).toContain('23/03/22');
    const stored = await bot.services.actions.listMeetingActions('CCAG', 3);
    expect(stored.map((action) => [action.ref, action.area, action.due?.date])).toEqual([
      ['CCAG03-01', AREA, '2022-03-23'],
      ['CCAG03-02', AREA, '2022-03-23'],
    ]);
  });

  it('three Add anothers in a row give consecutive refs, each form posted once', async () => {
    let card = (await firstAction()).card;
    let messageId = CARD_MESSAGE_ID;
    for (const [index, owner] of ['Ofgem (Andy MacFaul)', 'Code bodies', 'Elexon'].entries()) {
      await bot.click(
        CARD_VERBS.addAnother,
        pressed(card, CARD_VERBS.addAnother),
        'channel',
        undefined,
        messageId,
      );
      expect(bot.posted).toHaveLength(index + 1);
      messageId = postedMessageId(index);
      const form = bot.posted[index] as Card;
      card = (
        await bot.click(
          CARD_VERBS.addAction,
          filledForm(form, { text: `Action ${index + 2}`, owner }),
          'channel',
          undefined,
          messageId,
        )
      ).card;
    }
    const chat = bot.chat().map(({ card: shown }) => shownText(shown));
    expect(chat).toHaveLength(4);
    chat.forEach((text, index) => {
      expect(text).toContain(`CCAG03-0${index + 1}`);
      expect(text).toContain(AREA);
    });
  });

  it('the card keeps Add another when Teams refreshes it in the meeting’s conversation, not elsewhere', async () => {
    await firstAction();
    const refreshed = await bot.click(CARD_VERBS.refreshAction, { ref: 'CCAG03-01' });
    expect(buttonTitles(refreshed.card)).toContain('Add another');
    // A chat of the same group, bound to its next meeting, CCAG004.
    await bot.click(
      CARD_VERBS.addAction,
      { ...FIRST, text: 'Next meeting', groupCode: 'CCAG', meetingNumber: '4' },
      'groupChat',
    );
    const elsewhere = await bot.click(CARD_VERBS.refreshAction, { ref: 'CCAG03-01' }, 'groupChat');
    expect(shownText(elsewhere.card)).toContain(FIRST.text);
    expect(buttonTitles(elsewhere.card)).not.toContain('Add another');
  });

  it('a double click on Add another posts one form, and the repeat answers with the same card', async () => {
    const added = await firstAction();
    const data = pressed(added.card, CARD_VERBS.addAnother);
    const once = await bot.click(CARD_VERBS.addAnother, data);
    const twice = await bot.click(CARD_VERBS.addAnother, data);
    expect(bot.posted).toHaveLength(1);
    expect(shownText(twice.card)).toBe(shownText(once.card));
    // A fresh click (a new nonce, as on the card that answered the first) posts another form.
    await bot.click(CARD_VERBS.addAnother, { ...data, op: 'a-fresh-nonce' });
    expect(bot.posted).toHaveLength(2);
  });

  it('the meeting comes from the conversation: a card naming another group’s meeting gets this meeting’s form', async () => {
    await firstAction();
    // TAG001 set up in another conversation of the same tenant.
    await bot.click(
      CARD_VERBS.addAction,
      { ...FIRST, text: 'Elsewhere', groupCode: 'TAG', meetingNumber: '1' },
      'groupChat',
    );

    await bot.click(CARD_VERBS.addAnother, {
      ref: 'CCAG03-01',
      meetingCode: 'TAG001',
      area: 'Forged area',
      due: '2022-04-01',
    });
    const form = bot.posted.at(-1) as Card;
    expectValidCard(form);
    expect(shownText(form)).toContain('CCAG003');
    expect(shownText(form)).toMatch(/another meeting: this form adds to CCAG003/);
    // Nothing the card carried is kept: it was another meeting's.
    expect(inputValue(form, 'area')).toBe(AREA);
    expect(inputValue(form, 'newArea')).toBeUndefined();
    expect(inputValue(form, 'due')).toBeUndefined();

    await bot.click(
      CARD_VERBS.addAction,
      filledForm(form, { text: 'Second', owner: 'Code bodies' }),
      'channel',
      undefined,
      postedMessageId(bot.posted.length - 1),
    );
    expect(
      (await bot.services.actions.listMeetingActions('CCAG', 3)).map((action) => action.ref),
    ).toEqual(['CCAG03-01', 'CCAG03-02']);
    expect(
      (await bot.services.actions.listMeetingActions('TAG', 1)).map((action) => action.ref),
    ).toEqual(['TAG01-01']);
  });

  it('refuses a card naming an action of another group, and posts nothing', async () => {
    await firstAction();
    const refused = await bot.click(CARD_VERBS.addAnother, {
      ref: 'TAG01-01',
      meetingCode: 'CCAG003',
      area: AREA,
    });
    expect(shownText(refused.card)).toMatch(/TAG01-01 is not an action of CCAG/);
    const unreadable = await bot.click(CARD_VERBS.addAnother, { ref: 'CCAG03-01', area: AREA });
    expect(shownText(unreadable.card)).toContain('CCAG03-01');
    expect(shownText(unreadable.card)).toMatch(/does not say which meeting/);
    expect(bot.posted).toEqual([]);
  });
});
