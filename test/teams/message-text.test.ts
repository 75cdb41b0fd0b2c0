import { messageText } from '../../teams/message-text';

const html = (content: string) => ({ contentType: 'html', content });

describe('the text a message extension prefills from a chat message', () => {
  it('drops the mention a message opens with: "<at>Test Bot</at> meeting" is "meeting"', () => {
    expect(messageText(html('<p><at id="0">Test Bot</at> meeting</p>'))).toBe('meeting');
    expect(messageText({ contentType: 'text', content: '<at>Test Bot</at> meeting' })).toBe(
      'meeting',
    );
    // Newer clients mark a mention as a span.
    expect(
      messageText(
        html(
          '<p><span itemtype="http://schema.skype.com/Mention" itemscope itemid="0">Test Bot</span>&nbsp;send the pack</p>',
        ),
      ),
    ).toBe('send the pack');
  });

  it('drops the bot’s name wherever it is mentioned, and when typed before the text', () => {
    const dropNames = ['Test Bot'];
    expect(
      messageText(html('<p>ask <at id="1">Test Bot</at> to list them</p>'), { dropNames }),
    ).toBe('ask to list them');
    expect(messageText({ contentType: 'text', content: 'Test Bot meeting' }, { dropNames })).toBe(
      'meeting',
    );
    expect(messageText({ contentType: 'text', content: '@test bot: meeting' }, { dropNames })).toBe(
      'meeting',
    );
  });

  it('keeps the name of a person mentioned inside the text', () => {
    expect(messageText(html('<p>Ask <at id="1">Ada Lovelace</at> for the minutes</p>'))).toBe(
      'Ask Ada Lovelace for the minutes',
    );
  });

  it('drops markup: HTML tags and Markdown emphasis, keeping the words', () => {
    expect(
      messageText(
        html('<p><b>Share</b> the **PSG** pack by _Friday_ ~~Thursday~~ `today` &amp; minutes</p>'),
      ),
    ).toBe('Share the PSG pack by Friday Thursday today & minutes');
    expect(
      messageText({ contentType: 'text', content: 'See [the pack](https://example.org/p)' }),
    ).toBe('See the pack');
  });

  it('leaves underscores and stars that are not emphasis, and lists as lines', () => {
    expect(messageText({ contentType: 'text', content: 'CCAG03_01 and 2*3*4 or 5 * 3' })).toBe(
      'CCAG03_01 and 2*3*4 or 5 * 3',
    );
    expect(messageText(html('<ul><li>a &lt;b&gt;</li><li>&#x263A;</li></ul>'))).toBe(
      '- a <b>\n- ☺',
    );
  });
});
