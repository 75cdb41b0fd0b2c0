/** Options for {@link messageText}. */
export interface MessageTextOptions {
  /**
   * Names whose mentions are dropped wherever they stand: the bot's own (the activity's
   * `recipient.name`) and any app the message mentions (`messagePayload.mentions` entries with
   * `mentioned.application`). Mentions of people keep the person's name as text.
   */
  readonly dropNames?: readonly string[];
}

/**
 * The plain text of a Teams chat message as a person reads it, from the HTML Teams sends in
 * `messagePayload.body` (`<p>build-07 is <b>out</b> of disk &amp; logs</p>`): paragraphs and line
 * breaks become line breaks, list items become `- ` lines, every other tag is dropped and entities
 * are decoded. Images and cards leave nothing behind.
 *
 * Mentions: the mentions a message opens with address it (`<at>Test Bot</at> meeting` is
 * "meeting"), so they are dropped, as are mentions of `dropNames`; any other mention keeps the
 * name ("ask <at>Ada</at> for it" is "ask Ada for it"). Markdown emphasis (`**bold**`, `_it_`,
 * `~~gone~~`, `` `code` ``) keeps its text without the marks; a link keeps its text.
 */
export function messageText(
  body: { contentType?: string; content?: string } | undefined,
  options: MessageTextOptions = {},
): string {
  // A private-use character marks the mentions below; it has no business in a message.
  const content = (body?.content ?? '').replace(/\uE000/g, '');
  const dropped = new Set((options.dropNames ?? []).map(comparable).filter((name) => name !== ''));
  const html = (body?.contentType ?? 'html').toLowerCase() === 'html';
  const text = withoutMentions(content, dropped, html ? htmlToText : (plain) => plain);
  return tidy(plainMarkdown(dropLeadingName(text, dropped)));
}

// Teams marks a mention as <at id="0">Name</at>, or in newer clients as a span with the Skype
// mention itemtype; both become a placeholder the rest of the clean-up leaves alone.
const AT_MENTION = /<at\b[^>]*>([\s\S]*?)<\/at\s*>/gi;
const SPAN_MENTION =
  /<span\b[^>]*itemtype="http:\/\/schema\.skype\.com\/Mention"[^>]*>([\s\S]*?)<\/span\s*>/gi;
const MENTION_MARK = '\uE000';

/**
 * Replaces each mention by a mark, turns the rest into text with `toText`, then puts back the
 * names of the mentions that stay: those after the first word, of names not dropped.
 */
function withoutMentions(
  content: string,
  dropped: ReadonlySet<string>,
  toText: (content: string) => string,
): string {
  const names: string[] = [];
  const mark = (_tag: string, inner: string) => {
    names.push(decodeEntities(inner.replace(/<[^>]*>/g, '')).trim());
    return `${MENTION_MARK}${names.length - 1}${MENTION_MARK}`;
  };
  const text = toText(content.replace(AT_MENTION, mark).replace(SPAN_MENTION, mark));
  const markAt = new RegExp(`${MENTION_MARK}(\\d+)${MENTION_MARK}`, 'g');
  // Mentions before the first word address someone; they are not what the message says.
  const opening = new RegExp(`^(?:\\s*${MENTION_MARK}\\d+${MENTION_MARK}[\\s,:]*)+`);
  return text.replace(opening, '').replace(markAt, (_whole, index: string) => {
    const name = names[Number(index)] ?? '';
    return dropped.has(comparable(name)) ? '' : name;
  });
}

function htmlToText(content: string): string {
  return decodeEntities(
    content
      .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '\n- ')
      .replace(/<\/(p|div|h[1-6]|blockquote|pre|tr|ul|ol)\s*>/gi, '\n')
      .replace(/<[^>]*>/g, ''),
  );
}

// A message without markup may still start with the bot's name ("Test Bot meeting", or
// "@Test Bot meeting" where a client flattened the mention).
function dropLeadingName(text: string, dropped: ReadonlySet<string>): string {
  const trimmed = text.trimStart();
  for (const name of dropped) {
    const start = trimmed.startsWith('@') ? trimmed.slice(1) : trimmed;
    if (
      comparable(start.slice(0, name.length)) === name &&
      /^[\s,:]|^$/.test(start.slice(name.length))
    ) {
      return start.slice(name.length).replace(/^[\s,:]+/, '');
    }
  }
  return text;
}

const MARKDOWN: ReadonlyArray<[RegExp, string]> = [
  // [text](https://…) keeps the text.
  [/\[([^\]\n]+)\]\((?:https?:|mailto:)[^)\s]*\)/g, '$1'],
  [/\*\*(?=\S)([^*\n]+?)\*\*/g, '$1'],
  [/(^|[^\w])__(?=\S)([^_\n]+?)__(?!\w)/g, '$1$2'],
  [/~~(?=\S)([^~\n]+?)~~/g, '$1'],
  [/(^|[^\w*])\*(?=\S)([^*\n]+?)\*(?![\w*])/g, '$1$2'],
  // Only whole-word underscores: CCAG03_01 and snake_case stay.
  [/(^|[^\w])_(?=\S)([^_\n]+?)_(?!\w)/g, '$1$2'],
  [/`([^`\n]+)`/g, '$1'],
  // "# Heading" and "> quote" at the start of a line.
  [/^[ \t]*(?:#{1,6}|>)[ \t]+/gm, ''],
];

function plainMarkdown(text: string): string {
  return MARKDOWN.reduce(
    (current, [pattern, replacement]) => current.replace(pattern, replacement),
    text,
  );
}

function comparable(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
