// Word tokenisation shared by the embedders (embed layer; callers: glove, hash, and anyone who
// wants the same notion of "word"). Lowercases, and splits on punctuation, underscores,
// camelCase and PascalCase humps so that code identifiers become words:
// "parseHTTPRequest_v2" -> ["parse", "http", "request", "v2"].

const WORD = /[\p{L}\p{N}]+/gu;
const INNER_UPPER = /.\p{Lu}/u;
const LOWER_UPPER = /([\p{Ll}\p{N}])(\p{Lu})/gu;
const UPPER_UPPER_LOWER = /(\p{Lu})(\p{Lu}\p{Ll})/gu;

const NON_ASCII = /[^\x00-\x7f]/;

/** Returns the lowercase words of text in order (empty for text with no letters or digits). */
export function tokenize(text: string): string[] {
  return NON_ASCII.test(text) ? tokenizeUnicode(text) : tokenizeAscii(text);
}

// Character classes of ASCII codes: 1 digit, 2 lowercase, 3 uppercase, 0 anything else.
const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = 1;
for (let c = 97; c <= 122; c++) CLASS[c] = 2;
for (let c = 65; c <= 90; c++) CLASS[c] = 3;

/** The same rules as tokenizeUnicode, by a hand-written scanner (several times faster). */
function tokenizeAscii(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (CLASS[text.charCodeAt(i)] === 0) {
      i++;
      continue;
    }
    let start = i;
    let prev = 0;
    let hasUpper = false;
    for (; i < n; i++) {
      const k = CLASS[text.charCodeAt(i)]!;
      if (k === 0) break;
      if (k === 3) {
        hasUpper = true;
        // camelCase hump, or the last capital of an acronym before a lowercase letter (HTTPServer).
        if (i > start && (prev !== 3 || (i + 1 < n && CLASS[text.charCodeAt(i + 1)] === 2))) {
          out.push(text.slice(start, i).toLowerCase());
          start = i;
        }
      }
      prev = k;
    }
    const w = text.slice(start, i);
    out.push(hasUpper ? w.toLowerCase() : w);
  }
  return out;
}

function tokenizeUnicode(text: string): string[] {
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
