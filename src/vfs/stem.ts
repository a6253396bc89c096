// English stemming for the lexical side of search (vfs layer): a light Porter-style stemmer
// (plural, -ed, -ing, -ly endings) used to match a query word with its other forms ("running"
// finds "runs", "pictures" finds "picture"). The FTS5 index keeps words unstemmed (schema v2, so
// a query word's document count can be read from the vocabulary); the forms of a query word are
// found in that vocabulary by prefix and kept when their stem is the word's stem.
// Called by lexical-index.ts and rank-files.ts.

const VOWEL = /[aeiouy]/;

/** The stem of a lowercase word; words of 3 letters or fewer are their own stem. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  let cut = '';
  if (w.endsWith('eed')) w = w.slice(0, -1);
  else if (w.endsWith('ingly') && VOWEL.test(w.slice(0, -5))) cut = w.slice(0, -5);
  else if (w.endsWith('edly') && VOWEL.test(w.slice(0, -4))) cut = w.slice(0, -4);
  else if (w.endsWith('ing') && VOWEL.test(w.slice(0, -3))) cut = w.slice(0, -3);
  else if (w.endsWith('ed') && VOWEL.test(w.slice(0, -2))) cut = w.slice(0, -2);
  if (cut.length >= 2) {
    w = cut;
    // hopping -> hop, but fall stays fall
    if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 2 && w.endsWith('y')) w = w.slice(0, -1) + 'i';
  return w;
}

/** The prefix every form of a word starting from its stem shares (the stem minus a final i: study/studies). */
export function stemPrefix(s: string): string {
  return s.length > 3 && s.endsWith('i') ? s.slice(0, -1) : s;
}

/**
 * A coarser key for matching a query word with the words of a file or directory NAME (a field of
 * a few words, where a near miss costs little): the stem, less an agent-noun or action ending
 * (-er, -or, -ion, -ment) when 4 letters stay, less a final e ("parser" and "parse" -> "pars").
 */
export function nameKey(word: string): string {
  let s = stem(word);
  const m = /^(.{4,}?)(?:er|or|ion|ment)$/.exec(s);
  if (m) s = m[1]!;
  return s.length > 4 && s.endsWith('e') ? s.slice(0, -1) : s;
}
