import { ValidationError } from '../../core/errors';
import { TEXT_LIMITS, TEXT_RULES, checkText } from '../../core/text-rules';

describe('user text', () => {
  const rule = TEXT_RULES.actionText;

  it('keeps text exactly as typed apart from surrounding white space', () => {
    expect(checkText('  Share the link\n\twith members  ', rule)).toBe(
      'Share the link\n\twith members',
    );
  });

  it('turns Windows and old Mac line endings into \\n', () => {
    expect(checkText('one\r\ntwo\rthree', rule)).toBe('one\ntwo\nthree');
  });

  it('a required text that is empty or only spaces is refused with its field', () => {
    expect(() => checkText('   ', rule)).toThrow(
      new ValidationError('Action is required.', 'text'),
    );
    expect(() => checkText(undefined, rule)).toThrow(expect.objectContaining({ field: 'text' }));
  });

  it('an optional text that is empty comes back empty', () => {
    expect(checkText(undefined, TEXT_RULES.update)).toBe('');
  });

  it('text that is not a string is refused, not coerced', () => {
    expect(() => checkText(42, rule)).toThrow(new ValidationError('Action must be text.', 'text'));
    expect(() => checkText({ text: 'x' }, rule)).toThrow(ValidationError);
  });

  it('an action text fits its limit to the character and not one more', () => {
    expect(checkText('a'.repeat(TEXT_LIMITS.actionText), rule)).toHaveLength(4000);
    expect(() => checkText('a'.repeat(TEXT_LIMITS.actionText + 1), rule)).toThrow(
      'Action is too long: 4001 characters, at most 4000 allowed.',
    );
  });

  it('every limit leaves room within a Table Storage string property (32K UTF-16 units)', () => {
    for (const limit of Object.values(TEXT_LIMITS)) expect(limit).toBeLessThanOrEqual(32 * 1024);
  });

  it.each(['\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\ud800', 'a\udc00b'])(
    'refuses a control character or broken surrogate (%j)',
    (bad) => {
      expect(() => checkText(`before ${bad} after`, rule)).toThrow(
        expect.objectContaining({ field: 'text', code: 'ValidationFailed' }),
      );
    },
  );

  it('accepts emoji, accents and other scripts', () => {
    const text = 'Réunion 📅 — 会議 • ok';
    expect(checkText(text, rule)).toBe(text);
  });

  it('single-line fields refuse line breaks and tabs', () => {
    expect(() => checkText('Horizon\nScanning', TEXT_RULES.area)).toThrow(
      new ValidationError('Area must be a single line (no line breaks or tabs).', 'area'),
    );
    expect(() => checkText('Horizon\tScanning', TEXT_RULES.area)).toThrow(ValidationError);
  });
});
