// The content words of a query (vfs layer): lowercased, without stop words, in order, at most 32.
// A leaf, so that every ranking (search.ts, query-groups.ts, rank-chunks.ts) takes words the same
// way without importing each other.
const STOP = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with what which who how do does i me my you your we our they them their there here about into than then so not no can'.split(
    ' ',
  ),
);

/** The content words of a query, lowercased, without stop words, in order. */
export function queryWords(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words.filter((w) => !STOP.has(w) && w.length > 1))].slice(0, 32);
}
