import { SourceMap } from 'node:module';
import vm from 'node:vm';
import { transform } from 'esbuild';
import { asciiSource } from '../../scripts/ascii-source';

const beyondAscii = (text: string) => [...text].some((char) => char.charCodeAt(0) > 0x7f);

const SOURCE = [
  'const dash = /^[–—-]\\s*(.*)$/;',
  'export function afterTheDash(text: string): string {',
  "  return dash.exec(text)?.[1] ?? '';",
  '}',
  "export const bullet = '•';",
  '',
].join('\n');

async function bundled(): Promise<{ code: string; map: string }> {
  const result = await transform(SOURCE, {
    loader: 'ts',
    format: 'cjs',
    minifyWhitespace: true,
    sourcemap: 'external',
    sourcefile: 'dash.ts',
  });
  return { code: result.code, map: result.map };
}

describe('asciiSource (the production bundle as one-byte text)', () => {
  it('leaves no character outside ASCII, and the code still matches the same text', async () => {
    const before = await bundled();
    expect(beyondAscii(before.code)).toBe(true); // esbuild left the regular expression's dashes
    const { code } = asciiSource(before.code, before.map);
    expect(beyondAscii(code)).toBe(false);
    const module = { exports: {} as { afterTheDash(text: string): string; bullet: string } };
    vm.runInNewContext(code, { module, exports: module.exports });
    expect(module.exports.afterTheDash('– the next item')).toBe('the next item');
    expect(module.exports.afterTheDash('— another')).toBe('another');
    expect(module.exports.bullet).toBe('•');
  });

  it('moves the source map so that code after an escape maps to where it was written', async () => {
    const before = await bundled();
    const { code, map } = asciiSource(before.code, before.map);
    const line = code.split('\n').findIndex((text) => text.includes('dash.exec'));
    const column = code.split('\n')[line]!.indexOf('dash.exec');
    const entry = new SourceMap(JSON.parse(map)).findEntry(line, column) as {
      originalLine: number;
      originalColumn: number;
    };
    expect(column).toBeGreaterThan(code.indexOf('\\u2013'));
    expect(entry.originalLine).toBe(2);
    expect(SOURCE.split('\n')[2]!.slice(entry.originalColumn)).toMatch(/^dash\.exec/);
  });
});
