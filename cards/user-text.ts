import type { RichTextBlock, TextBlock, TextRun } from './adaptive-card';

/**
 * THE rule for text a user typed (an action, an owner, an update, an area, a name, an error
 * message quoting any of these): it is shown as the characters typed, never as markdown, a link,
 * a mention or card markup, in anyone's card.
 *
 * - It goes into a `TextRun` of a `RichTextBlock`. A TextBlock's `text` and a FactSet's values are
 *   processed as markdown (`**bold**`, `[text](url)`), a TextRun is not. Line breaks (`\n`) are
 *   kept by a TextRun.
 * - Card markup cannot arise: the text is a JSON string value, so `{"type":"Action.OpenUrl"}`
 *   stays text. The app never expands card templates, so `${…}` stays text too.
 * - Teams turns `<at>…</at>` into a mention. {@link neutraliseMentions} puts an invisible
 *   U+2060 WORD JOINER after the `<` of such a tag, so Teams no longer sees the tag.
 */

/** How a run of user text looks; never what it means. */
export interface UserTextStyle {
  readonly size?: TextRun['size'];
  readonly weight?: TextRun['weight'];
  readonly color?: TextRun['color'];
  readonly isSubtle?: boolean;
  readonly italic?: boolean;
}

/** Options for {@link userText} and {@link labelledUserText}. */
export interface UserTextOptions extends UserTextStyle {
  readonly spacing?: TextBlock['spacing'];
  readonly separator?: boolean;
}

// U+2060 WORD JOINER: zero width, no glyph, and unlike U+200D (ZERO WIDTH JOINER) it does not
// combine with its neighbours (ZWJ glues emoji into sequences), nor is it a lookalike of `<` that
// a reader could mistake for something else. It goes in only where a mention tag starts, so all
// other text reaches the card exactly as typed, and removing U+2060 gives the typed text back.
const WORD_JOINER = '\u2060';
// `<at>`, `</at>`, `< at id="…">` in any case: what Teams' mention parser could take for a tag.
const MENTION_TAG_START = /<(?=\s*\/?\s*at\b)/gi;

/** Makes `<at>…</at>` in user text unable to become a Teams mention; nothing else changes. */
export function neutraliseMentions(text: string): string {
  return text.replace(MENTION_TAG_START, `<${WORD_JOINER}`);
}

/** One run of user text, ready to sit among other runs of a RichTextBlock. */
export function userTextRun(text: string, style: UserTextStyle = {}): TextRun {
  return { type: 'TextRun', text: neutraliseMentions(text), ...definedOnly(style) };
}

/** A block showing user text as typed, line breaks included. */
export function userText(text: string, options: UserTextOptions = {}): RichTextBlock {
  const { spacing, separator, ...style } = options;
  return richTextBlock([userTextRun(text, style)], { spacing, separator });
}

/**
 * `Label: text`: the label (the app's own words) in bold, then the user's text as typed.
 * E.g. `labelledUserText('Owner', 'Ofgem (Andy MacFaul)')`.
 */
export function labelledUserText(
  label: string,
  text: string,
  options: UserTextOptions = {},
): RichTextBlock {
  const { spacing, separator, ...style } = options;
  return richTextBlock(
    [
      { type: 'TextRun', text: `${label}: `, weight: 'bolder', ...definedOnly(style) },
      userTextRun(text, style),
    ],
    { spacing, separator },
  );
}

/** A RichTextBlock of runs made with {@link userTextRun} (or the app's own plain runs). */
export function richTextBlock(
  inlines: TextRun[],
  options: Pick<UserTextOptions, 'spacing' | 'separator'> = {},
): RichTextBlock {
  return { type: 'RichTextBlock', inlines, ...definedOnly(options) };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>;
}
