import { formatActionRef } from '../../core/action-ref';
import {
  citedRefs,
  createDiscussionItem,
  discussionBlocks,
  validateDiscussionDraft,
} from '../../core/discussion-item';

const by = { id: '29:sec', name: 'Secretariat' };
const now = new Date('2022-02-23T11:00:00Z');

describe('discussion items', () => {
  it('an item belongs to its meeting and group and keeps its text as typed', () => {
    const text = 'The CCAG raised comments including:\n- General support\n- Resourcing challenges';
    const item = createDiscussionItem(
      { area: 'CCAG Feedback on M6 and M8', text },
      { meetingCode: 'ccag003', order: 3 },
      by,
      now,
    );
    expect(item).toEqual({
      meetingCode: 'CCAG003',
      groupCode: 'CCAG',
      area: 'CCAG Feedback on M6 and M8',
      text,
      order: 3,
      createdBy: by,
      createdAt: '2022-02-23T11:00:00.000Z',
    });
  });

  it("cites the seed's (action CCAG03-12-15) as four actions of its group", () => {
    const item = {
      groupCode: 'CCAG',
      text: 'submit any code modifications currently not captured within the Log (action CCAG03-12-15)',
    };
    expect(citedRefs(item).map(formatActionRef)).toEqual([
      'CCAG03-12',
      'CCAG03-13',
      'CCAG03-14',
      'CCAG03-15',
    ]);
  });

  it('lays text out as paragraphs and bullet lists', () => {
    const text = [
      'Andy MacFaul (Ofgem) presented an update',
      'and received questions:',
      '',
      '- SMAP gives powers to Ofgem',
      '• SMAP has not been activated yet',
      'The CCAG raised concerns (action CCAG03-07).',
    ].join('\n');
    expect(discussionBlocks(text)).toEqual([
      {
        kind: 'paragraph',
        text: 'Andy MacFaul (Ofgem) presented an update\nand received questions:',
      },
      {
        kind: 'bulletList',
        items: ['SMAP gives powers to Ofgem', 'SMAP has not been activated yet'],
      },
      { kind: 'paragraph', text: 'The CCAG raised concerns (action CCAG03-07).' },
    ]);
  });

  it('a dash without a space is not a bullet', () => {
    expect(discussionBlocks('-5% change')).toEqual([{ kind: 'paragraph', text: '-5% change' }]);
  });

  it('the form returns all errors at once and accepts a long discussion', () => {
    expect(validateDiscussionDraft({ area: '', text: '' })).toEqual({
      ok: false,
      errors: { area: 'Area is required.', text: 'Discussion is required.' },
    });
    const long = 'word '.repeat(5000).trim();
    expect(validateDiscussionDraft({ area: 'Other', text: long })).toEqual({
      ok: true,
      value: { area: 'Other', text: long },
    });
  });

  it('refuses an order below 1 and a bad meeting code', () => {
    const draft = { area: 'Other', text: 'x' };
    expect(() =>
      createDiscussionItem(draft, { meetingCode: 'CCAG003', order: 0 }, by, now),
    ).toThrow(expect.objectContaining({ field: 'order' }));
    expect(() => createDiscussionItem(draft, { meetingCode: 'CCAG03', order: 1 }, by, now)).toThrow(
      expect.objectContaining({ field: 'meetingCode' }),
    );
  });
});
