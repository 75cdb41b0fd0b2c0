import { CARD_VERBS } from '../../../cards/card-verbs';
import { PEOPLE_CARD_INPUTS } from '../../../cards/people-card';
import { personKey } from '../../../core/people/directory-entry';
import { GRACE } from '../../support/activities';
import { BotHarness, buttonTitles, inputValue, shownText } from '../../support/bot-harness';
import { expectValidCard } from '../../support/card-validator';

const ZOE = {
  [PEOPLE_CARD_INPUTS.name]: 'Zoë Lefèvre',
  [PEOPLE_CARD_INPUTS.organisation]: 'Ofgem',
  [PEOPLE_CARD_INPUTS.email]: 'zoe.lefevre@ofgem.gov.uk',
  [PEOPLE_CARD_INPUTS.aadObjectId]: '',
  [PEOPLE_CARD_INPUTS.guest]: 'true',
};
const PAGE = { groupCode: 'CCAG', page: 1 };

describe("the chairs' people directory (TestAdapter, Azurite)", () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.create({ now: () => new Date('2022-02-23T11:00:00Z') });
    // Ada sets the meeting up in the channel, so she is the group's first chair.
    await bot.click(CARD_VERBS.addAction, {
      area: 'Minutes and actions review',
      text: 'First action',
      owner: 'Programme',
      due: '23/03/22',
      groupCode: 'CCAG',
      meetingNumber: '3',
    });
  });

  const directory = () => bot.services.people.listPeople('CCAG');

  it('lists the owners of open actions the directory cannot settle, for the chair to fix', async () => {
    await bot.click(CARD_VERBS.addAction, {
      area: 'Other',
      text: 'Second action',
      owner: 'Ofgem (Zoe Lefevre), Elexon (Nobody Known)',
      due: '23/03/22',
    });
    const before = await bot.sayForCard('people');
    expect(shownText(before)).toContain('Owners to check');
    expect(shownText(before)).toContain('Ofgem (Zoe Lefevre): nobody in the directory');

    const after = await bot.click(CARD_VERBS.savePerson, { ...PAGE, ...ZOE });
    expect(shownText(after.card)).not.toContain('Ofgem (Zoe Lefevre)');
    expect(shownText(after.card)).toContain('Elexon (Nobody Known)');
    // Members see the directory only.
    expect(shownText(await bot.sayForCard('people', 'channel', GRACE))).not.toContain(
      'Owners to check',
    );
  });

  it('a chair opens the directory, adds a person and edits them', async () => {
    const empty = await bot.sayForCard('people');
    expectValidCard(empty);
    expect(shownText(empty)).toContain('Nobody is in the directory yet.');
    expect(buttonTitles(empty)).toContain('Save person');

    const added = await bot.click(CARD_VERBS.savePerson, { ...PAGE, ...ZOE });
    expectValidCard(added.card);
    expect(shownText(added.card)).toContain('Zoë Lefèvre was added.');
    expect(shownText(added.card)).toContain('zoe.lefevre@ofgem.gov.uk');
    expect(await directory()).toEqual([
      {
        name: 'Zoë Lefèvre',
        organisation: 'Ofgem',
        email: 'zoe.lefevre@ofgem.gov.uk',
        guest: true,
      },
    ]);

    const key = personKey({ name: 'Zoë Lefèvre', email: 'zoe.lefevre@ofgem.gov.uk' });
    const form = await bot.click(CARD_VERBS.editPerson, { ...PAGE, key });
    expectValidCard(form.card);
    expect(inputValue(form.card, PEOPLE_CARD_INPUTS.email)).toBe('zoe.lefevre@ofgem.gov.uk');
    expect(buttonTitles(form.card)).toEqual(expect.arrayContaining(['Remove', 'Cancel']));

    const edited = await bot.click(CARD_VERBS.savePerson, {
      ...PAGE,
      key,
      ...ZOE,
      [PEOPLE_CARD_INPUTS.email]: 'zoe@ofgem.gov.uk',
    });
    expect(shownText(edited.card)).toContain('Zoë Lefèvre’s details were saved.');
    expect(await directory()).toEqual([
      expect.objectContaining({ name: 'Zoë Lefèvre', email: 'zoe@ofgem.gov.uk' }),
    ]);

    const removed = await bot.click(CARD_VERBS.removePerson, {
      ...PAGE,
      key: personKey({ name: 'Zoë Lefèvre', email: 'zoe@ofgem.gov.uk' }),
    });
    expect(shownText(removed.card)).toContain('Zoë Lefèvre was removed from the directory.');
    expect(await directory()).toEqual([]);
  });

  it('a member sees the directory without the form, and may not change it', async () => {
    await bot.click(CARD_VERBS.savePerson, { ...PAGE, ...ZOE });
    const shown = await bot.sayForCard('people', 'channel', GRACE);
    expectValidCard(shown);
    expect(shownText(shown)).toContain('Zoë Lefèvre');
    expect(buttonTitles(shown)).not.toContain('Save person');
    expect(buttonTitles(shown)).not.toContain('Edit');

    const refused = await bot.click(
      CARD_VERBS.savePerson,
      {
        ...PAGE,
        ...ZOE,
        [PEOPLE_CARD_INPUTS.name]: 'Someone else',
        [PEOPLE_CARD_INPUTS.email]: '',
      },
      'channel',
      GRACE,
    );
    expect(shownText(refused.card)).toContain(
      "Only the group's chairs may change its directory of people.",
    );
    const removed = await bot.click(
      CARD_VERBS.removePerson,
      { ...PAGE, key: personKey({ name: 'Zoë Lefèvre', email: 'zoe.lefevre@ofgem.gov.uk' }) },
      'channel',
      GRACE,
    );
    expect(shownText(removed.card)).toMatch(/Only the group's chairs/);
    expect(await directory()).toHaveLength(1);
  });

  it('a bad e-mail comes back on the form with everything typed kept, saving nothing', async () => {
    const { card } = await bot.click(CARD_VERBS.savePerson, {
      ...PAGE,
      ...ZOE,
      [PEOPLE_CARD_INPUTS.email]: 'zoe at ofgem',
    });
    expectValidCard(card);
    expect(shownText(card)).toContain('"zoe at ofgem" is not an e-mail address');
    expect(inputValue(card, PEOPLE_CARD_INPUTS.email)).toBe('zoe at ofgem');
    expect(inputValue(card, PEOPLE_CARD_INPUTS.name)).toBe('Zoë Lefèvre');
    expect(inputValue(card, PEOPLE_CARD_INPUTS.organisation)).toBe('Ofgem');
    expect(await directory()).toEqual([]);
  });

  it('a second person with the same e-mail is refused on the form, the input kept', async () => {
    await bot.click(CARD_VERBS.savePerson, { ...PAGE, ...ZOE });
    const { card } = await bot.click(CARD_VERBS.savePerson, {
      ...PAGE,
      ...ZOE,
      [PEOPLE_CARD_INPUTS.name]: 'Zoe L',
    });
    expectValidCard(card);
    expect(shownText(card)).toMatch(/Zoë Lefèvre is in the directory already/);
    expect(inputValue(card, PEOPLE_CARD_INPUTS.name)).toBe('Zoe L');
    expect(await directory()).toHaveLength(1);
  });

  it('refuses a card of another group, changing nothing', async () => {
    const { card } = await bot.click(CARD_VERBS.savePerson, {
      groupCode: 'ABCD',
      page: 1,
      ...ZOE,
    });
    expect(shownText(card)).toMatch(/not of CCAG/);
    expect(await directory()).toEqual([]);
  });
});
