import fc from 'fast-check';
import {
  neutraliseSpreadsheetCell as neutraliseFormulaCell,
  restoreSpreadsheetCell as restoreFormulaCell,
} from '../../core/spreadsheet-cell';

// What spreadsheets run as a formula, what can hide it, and quotes that could confuse a reader.
const tricky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', ' ', "'", 'a', '1', '(', '–');
const cellText = fc.oneof(fc.string(), fc.string({ unit: tricky, maxLength: 12 }));

describe('a spreadsheet cell that must not run as a formula (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
    ['  =1', "'  =1"],
    ["'=1", "''=1"],
  ])('writes %j as %j', (text, written) => {
    expect(neutraliseFormulaCell(text)).toBe(written);
    expect(restoreFormulaCell(written)).toBe(text);
  });

  it.each(['Programme (PMO)', "'what' and 'how'", '23/03/22', 'CCAG03-01', '', "'"])(
    'leaves %j as it is',
    (text) => {
      expect(neutraliseFormulaCell(text)).toBe(text);
      expect(restoreFormulaCell(text)).toBe(text);
    },
  );

  it('never writes a cell that starts (after spaces) with a formula character', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        expect(neutraliseFormulaCell(text)).not.toMatch(/^\s*[=+\-@\t\r]/);
      }),
    );
  });

  it('reads back exactly the text written, whatever it is', () => {
    fc.assert(
      fc.property(cellText, (text) => {
        expect(restoreFormulaCell(neutraliseFormulaCell(text))).toBe(text);
      }),
    );
  });
});
