import fc from 'fast-check';
import { directoryCsvLines, parseDirectoryCsv } from '../../../core/people/directory-csv';
import { neutraliseSpreadsheetCell, restoreSpreadsheetCell } from '../../../core/spreadsheet-cell';

describe('the directory CSV', () => {
  it('reads name, organisation and e-mail, and the optional Entra object id and guest', () => {
    const result = parseDirectoryCsv(
      [
        'Name,Organisation,E-mail,aadObjectId,guest',
        'Zoë Lefèvre,Ofgem,zoe.lefevre@ofgem.gov.uk,,no',
        '"Welby, Chris",Elexon,chris.welby@elexon.co.uk,3F2504E0-4F89-11D3-9A0C-0305E82C3301,yes',
        '',
        'Andrew Margan,Programme,,,',
      ].join('\r\n'),
    );
    expect(result).toEqual({
      ok: true,
      people: [
        {
          line: 2,
          entry: {
            name: 'Zoë Lefèvre',
            organisation: 'Ofgem',
            email: 'zoe.lefevre@ofgem.gov.uk',
            guest: false,
          },
        },
        {
          line: 3,
          entry: {
            name: 'Welby, Chris',
            organisation: 'Elexon',
            email: 'chris.welby@elexon.co.uk',
            aadObjectId: '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
            guest: true,
          },
        },
        { line: 5, entry: { name: 'Andrew Margan', organisation: 'Programme' } },
      ],
    });
  });

  it('reports every bad line with its number and reason', () => {
    const result = parseDirectoryCsv(
      [
        'name,organisation,email',
        'Zoë Lefèvre,Ofgem,zoe.lefevre@ofgem.gov.uk',
        ',Ofgem,nobody@ofgem.gov.uk',
        'Andy MacFaul,Ofgem,andy at ofgem',
        'Zoe Lefevre,Ofgem,ZOE.LEFEVRE@ofgem.gov.uk',
        'Ann Perry,REC,ann@rec.co.uk,surplus',
      ].join('\n'),
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 3, reason: 'Name is required.' },
        { line: 4, reason: expect.stringMatching(/"andy at ofgem" is not an e-mail address/) },
        {
          line: 5,
          reason: 'This is the same person as line 2 (e-mail ZOE.LEFEVRE@ofgem.gov.uk).',
        },
        { line: 6, reason: 'This line has 4 cells; the header names 3 columns.' },
      ],
    });
  });

  it('takes the empty cells a spreadsheet saves past the last column', () => {
    const result = parseDirectoryCsv('name,organisation,email,,\nZoë,Ofgem,zoe@ofgem.gov.uk,,\n');
    expect(result).toEqual({
      ok: true,
      people: [
        { line: 2, entry: { name: 'Zoë', organisation: 'Ofgem', email: 'zoe@ofgem.gov.uk' } },
      ],
    });
  });

  it('refuses a header without the required columns or with unknown ones', () => {
    expect(parseDirectoryCsv('name,email\nZoë,zoe@ofgem.gov.uk')).toEqual({
      ok: false,
      errors: [{ line: 1, reason: expect.stringMatching(/it lacks organisation/) }],
    });
    expect(parseDirectoryCsv('name,organisation,emial\nZoë,Ofgem,zoe@ofgem.gov.uk')).toEqual({
      ok: false,
      errors: [{ line: 1, reason: expect.stringMatching(/lacks email; it has unknown .*"emial"/) }],
    });
    expect(parseDirectoryCsv('name,organisation,email\n')).toEqual({
      ok: false,
      errors: [{ line: 1, reason: 'The file lists no one.' }],
    });
    expect(parseDirectoryCsv('name,organisation,email\n"Zoë,Ofgem')).toEqual({
      ok: false,
      errors: [{ line: 2, reason: expect.stringMatching(/not valid CSV/) }],
    });
  });

  it('writes cells a spreadsheet would run as formulas with a leading quote, and reads them back', () => {
    const people = [
      { name: '=HYPERLINK("https://evil.example","Zoë")', organisation: '+Ofgem', email: 'a@b.co' },
      { name: '@Andrew', organisation: '-Programme', email: 'c@d.co', guest: true },
    ];
    const lines = directoryCsvLines(people);
    expect(lines).toEqual([
      '\uFEFFname,organisation,email,aadObjectId,guest',
      `"'=HYPERLINK(""https://evil.example"",""Zoë"")",'+Ofgem,a@b.co,,no`,
      "'@Andrew,'-Programme,c@d.co,,yes",
    ]);
    const read = parseDirectoryCsv(lines.join('\n'));
    expect(read.ok && read.people.map((person) => person.entry)).toEqual([
      { ...people[0], guest: false },
      people[1],
    ]);
  });

  it('neutralising then restoring a cell gives it back exactly', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const written = neutraliseSpreadsheetCell(text);
        expect(/^[=+\-@\t\r]/.test(written)).toBe(false);
        expect(restoreSpreadsheetCell(written)).toBe(text);
      }),
    );
    expect(neutraliseSpreadsheetCell("'=1")).toBe("''=1");
    expect(neutraliseSpreadsheetCell("it's")).toBe("it's");
  });
});
