// Word tokenisation shared by the embedders (embed layer; callers: glove, hash, and anyone who
// wants the same notion of "word"). Lowercases, and splits on punctuation, underscores,
// camelCase and PascalCase humps so that code identifiers become words:
// "parseHTTPRequest_v2" -> ["parse", "http", "request", "v2"].

const WORD = /[\p{L}\p{N}]+/gu;
const INNER_UPPER = /.\p{Lu}/u;
const LOWER_UPPER = /([\p{Ll}\p{N}])(\p{Lu})/gu;
const UPPER_UPPER_LOWER = /(\p{Lu})(\p{Lu}\p{Ll})/gu;

/** Returns the lowercase words of text in order (empty for text with no letters or digits). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const w = m[0];
    if (INNER_UPPER.test(w)) {
      for (const part of w.replace(LOWER_UPPER, '$1 $2').replace(UPPER_UPPER_LOWER, '$1 $2').split(' ')) {
        out.push(part.toLowerCase());
      }
    } else {
      out.push(w.toLowerCase());
    }
  }
  return out;
}

/** 32-bit FNV-1a hash of a string (deterministic across runs and platforms). */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
