/**
 * The plain text of a Teams chat message as a person reads it, from the HTML Teams sends in
 * `messagePayload.body` (`<p>build-07 is <b>out</b> of disk &amp; logs</p>`): paragraphs and line
 * breaks become line breaks, list items become `- ` lines, mentions keep the name, every other
 * tag is dropped and entities are decoded. Images and cards leave nothing behind.
 */
export function messageText(body: { contentType?: string; content?: string } | undefined): string {
  const content = body?.content ?? '';
  if ((body?.contentType ?? 'html').toLowerCase() !== 'html') return tidy(content);
  const text = content
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|h[1-6]|blockquote|pre|tr|ul|ol)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return tidy(decodeEntities(text));
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
