/**
 * How names and organisations are compared when a typed owner is looked up in the directory:
 * accents, case, punctuation variants and spacing are ignored, nothing else. `Zoë  Lefèvre`,
 * `zoe lefevre` and `ZOE LEFÈVRE` are the same name; `Zoe Lefevre-Smith` is another.
 */

// Letters that Unicode does not decompose into a base letter and an accent, written as the
// base letters a British keyboard would type for them.
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const COMBINING_MARK = /\p{M}/gu;
const APOSTROPHE = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const DASH = /[\u2010-\u2015\u2212]/g;
const SPACE = /\s+/g;

/** The form of a name that matching compares: `Zoë Lefèvre` → `zoe lefevre`. */
export function foldName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARK, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => UNDECOMPOSED[letter] ?? letter)
    .replace(APOSTROPHE, "'")
    .replace(DASH, '-')
    .replace(SPACE, ' ')
    .trim();
}

/** True when both name the same thing once accents, case and spacing are ignored. */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const folded = foldName(a);
  return folded !== '' && folded === foldName(b);
}
