/**
 * Reads back what a mail client sent, enough to assert on: headers (unfolded, RFC 2047 words
 * decoded) and the text of each part (quoted-printable or base64 decoded).
 */
export interface ReadMail {
  header(name: string): string | undefined;
  /** The decoded body of the first part of this type, e.g. `text/plain`. */
  part(type: string): string | undefined;
}

export function readMail(raw: string): ReadMail {
  const [head = '', body = ''] = splitOnce(raw, /\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const parts = mimeParts(headers, body);
  return {
    header: (name) => headers.get(name.toLowerCase()),
    part: (type) => parts.find((part) => part.type === type)?.text,
  };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

function mimeParts(headers: Map<string, string>, body: string): { type: string; text: string }[] {
  const contentType = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) {
    const type = contentType.split(';')[0]?.trim().toLowerCase() ?? 'text/plain';
    return [{ type, text: decodeBody(body, headers.get('content-transfer-encoding')) }];
  }
  return body
    .split(`--${boundary}`)
    .slice(1)
    .filter((section) => !section.startsWith('--'))
    .flatMap((section) => {
      const [head = '', content = ''] = splitOnce(section.replace(/^\r?\n/, ''), /\r?\n\r?\n/);
      return mimeParts(parseHeaders(head), content.replace(/\r?\n$/, ''));
    });
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'quoted-printable':
      return Buffer.from(quotedPrintableBytes(body.replace(/=\r?\n/g, ''))).toString('utf8');
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_word, kind: string, text: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(quotedPrintableBytes(text.replace(/_/g, ' '))).toString('utf8'),
    );
}

function quotedPrintableBytes(text: string): number[] {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    const hex = text.slice(index + 1, index + 3);
    if (character === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(character, 'utf8'));
    }
  }
  return bytes;
}

function splitOnce(text: string, separator: RegExp): [string, string] {
  const match = separator.exec(text);
  if (!match) return [text, ''];
  return [text.slice(0, match.index), text.slice(match.index + match[0].length)];
}
