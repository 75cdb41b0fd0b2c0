import { buildHelpCard } from '../../cards/help-card';
import { buildWelcomeCard } from '../../cards/welcome-card';
import { cardProblems, expectValidCard } from '../support/card-validator';

describe('cards', () => {
  it.each([
    ['help', buildHelpCard()],
    ['welcome', buildWelcomeCard()],
  ])('the %s card parses with the official adaptivecards parser', (_name, card) => {
    expectValidCard(card);
    expect(card.version).toBe('1.5');
  });

  it('the validator catches what the parser misses', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: '' }],
      actions: [{ type: 'Action.Execute', title: 'Go' }],
    };
    expect(cardProblems(broken)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/empty TextBlock/),
        expect.stringMatching(/without a verb/),
      ]),
    );
  });
});
