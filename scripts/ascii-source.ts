/**
 * A bundle's text with every non-ASCII character written as a `\uXXXX` escape, and its source map
 * moved to match.
 *
 * esbuild escapes non-ASCII characters in strings but not in regular-expression literals
 * (chrono-node's and ours hold dashes and ideographs). One such character makes V8 keep the whole
 * source as a two-byte string: twice the memory, for as long as the process lives. An escape
 * means the same character in a string, a regular expression, a template's value and an
 * identifier; only a tagged template's raw text would differ, and today every such character in
 * the bundle is in a regular expression.
 */
export function asciiSource(code: string, map: string): { code: string; map: string } {
  const lines = code.split('\n');
  const escapedAt = lines.map((line) => {
    const at: number[] = [];
    for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) > 0x7f) at.push(i);
    return at;
  });
  const escaped = lines.map((line, index) => {
    let text = '';
    let from = 0;
    for (const at of escapedAt[index] ?? []) {
      text += `${line.slice(from, at)}\\u${line.charCodeAt(at).toString(16).padStart(4, '0')}`;
      from = at + 1;
    }
    return text + line.slice(from);
  });
  const sourceMap = JSON.parse(map) as { mappings: string };
  sourceMap.mappings = sourceMap.mappings
    .split(';')
    .map((segments, line) => shiftColumns(segments, escapedAt[line] ?? []))
    .join(';');
  return { code: escaped.join('\n'), map: JSON.stringify(sourceMap) };
}

/** Each escape is 5 characters longer than the character it replaces. */
const GROWTH = '\\u0000'.length - 1;

/**
 * One generated line's mappings, with each segment's column moved past the escapes before it.
 * A segment starts with its column as a delta from the previous segment's, in base64 VLQ; the
 * rest of it (source, line, column, name) is relative to other segments and stays as it is.
 */
function shiftColumns(segments: string, escapedAt: readonly number[]): string {
  if (escapedAt.length === 0 || segments === '') return segments;
  let column = 0;
  let shiftedColumn = 0;
  return segments
    .split(',')
    .map((segment) => {
      const { value, length } = decodeVlq(segment);
      column += value;
      const shifted = column + GROWTH * escapedAt.filter((at) => at < column).length;
      const delta = shifted - shiftedColumn;
      shiftedColumn = shifted;
      return encodeVlq(delta) + segment.slice(length);
    })
    .join(',');
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CONTINUE = 32;

function decodeVlq(text: string): { value: number; length: number } {
  let result = 0;
  let shift = 0;
  let length = 0;
  for (;;) {
    const digit = BASE64.indexOf(text.charAt(length++));
    if (digit < 0) throw new Error(`not a source map segment: ${text}`);
    result += (digit & (CONTINUE - 1)) * 2 ** shift;
    shift += 5;
    if ((digit & CONTINUE) === 0) break;
  }
  const value = Math.floor(result / 2);
  return { value: result % 2 === 1 ? -value : value, length };
}

function encodeVlq(value: number): string {
  let rest = value < 0 ? -value * 2 + 1 : value * 2;
  let text = '';
  do {
    let digit = rest % CONTINUE;
    rest = Math.floor(rest / CONTINUE);
    if (rest > 0) digit += CONTINUE;
    text += BASE64.charAt(digit);
  } while (rest > 0);
  return text;
}
