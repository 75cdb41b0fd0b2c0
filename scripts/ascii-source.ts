import { decode, encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';

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
  const lineMappings = decode(sourceMap.mappings).map((segments, line) => {
    const at = escapedAt[line] ?? [];
    if (at.length === 0) return segments;
    // A segment's first field is its generated column: moved past the escapes before it.
    return segments.map(([column, ...rest]): SourceMapSegment => {
      const shifted = column + GROWTH * at.filter((index) => index < column).length;
      return [shifted, ...rest] as SourceMapSegment;
    });
  });
  sourceMap.mappings = encode(lineMappings);
  return { code: escaped.join('\n'), map: JSON.stringify(sourceMap) };
}

/** Each escape is 5 characters longer than the character it replaces. */
const GROWTH = '\\u0000'.length - 1;
