import { parseShortcut } from '../../core/shortcuts';

describe('plain-text shortcuts', () => {
  it.each([
    ['CCAG03-04 done', { ref: 'CCAG03-04', kind: 'done' }],
    ['ccag03-04 DONE', { ref: 'CCAG03-04', kind: 'done' }],
    ['CCAG03-04 reopen', { ref: 'CCAG03-04', kind: 'reopen' }],
    ['CCAG03-04', { ref: 'CCAG03-04', kind: 'show' }],
    [
      'CCAG03-04 update Shared with **the** PMO\nline two',
      { ref: 'CCAG03-04', kind: 'update', text: 'Shared with **the** PMO\nline two' },
    ],
    ['CCAG03-04 due 30/03/22', { ref: 'CCAG03-04', kind: 'due', due: '30/03/22', reason: '' }],
    [
      'CCAG03-04 due 30/03/22 waiting for Ofgem',
      { ref: 'CCAG03-04', kind: 'due', due: '30/03/22', reason: 'waiting for Ofgem' },
    ],
    [
      'CCAG03-04 due 16/03/22 (to include in meeting papers) papers moved',
      {
        ref: 'CCAG03-04',
        kind: 'due',
        due: '16/03/22 (to include in meeting papers)',
        reason: 'papers moved',
      },
    ],
  ])('reads %j', (text, expected) => {
    expect(parseShortcut(text)).toEqual(expected);
  });

  it.each(['help', 'CCAG3-4 done', 'done CCAG03-04', 'CCAG03-04 finished', ''])(
    'leaves %j alone',
    (text) => {
      expect(parseShortcut(text)).toBeUndefined();
    },
  );
});
