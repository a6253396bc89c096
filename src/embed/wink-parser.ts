// A byte-level scanner for the "vectors" object of the wink-embeddings JSON (embed layer;
// caller: glove-convert). Parses entries `"word":[n0,n1,...]` straight from a Buffer, without
// decoding the 300 MB file into strings, so the one-time conversion is fast and small.
// Entries cut by the end of the buffer are left for the next call (the caller refills).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const BRACE_CLOSE = 0x7d;

const POW10 = Array.from({ length: 40 }, (_, i) => 10 ** i);

export interface EntrySink {
  /** Called per entry with the word and the numbers read into `nums` (count of them). */
  entry(word: string, nums: Float64Array, count: number): void;
}

export interface ScanResult {
  /** Position of the first byte not consumed (start of an incomplete entry). */
  pos: number;
  /** The closing brace of the object was reached. */
  done: boolean;
  /** A syntax error, with the position it was found at. */
  error?: string;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Scans entries in buf[pos, end) and hands each to sink; nums must hold the longest vector. */
export function scanEntries(buf: Buffer, pos: number, end: number, nums: Float64Array, sink: EntrySink): ScanResult {
  for (;;) {
    const entryStart = pos;
    while (pos < end && (isSpace(buf[pos]!) || buf[pos] === COMMA)) pos++;
    if (pos >= end) return { pos: entryStart, done: false };
    if (buf[pos] === BRACE_CLOSE) return { pos: pos + 1, done: true };
    if (buf[pos] !== QUOTE) return { pos, done: false, error: 'expected a quoted word' };
    const keyStart = ++pos;
    let escaped = false;
    while (pos < end && buf[pos] !== QUOTE) {
      if (buf[pos] === BACKSLASH) {
        escaped = true;
        pos++;
      }
      pos++;
    }
    if (pos >= end) return { pos: entryStart, done: false };
    const raw = buf.toString('utf8', keyStart, pos);
    const word = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
    pos++;
    while (pos < end && isSpace(buf[pos]!)) pos++;
    if (pos >= end) return { pos: entryStart, done: false };
    if (buf[pos] !== COLON) return { pos, done: false, error: `expected ':' after "${word}"` };
    pos++;
    while (pos < end && isSpace(buf[pos]!)) pos++;
    if (pos >= end) return { pos: entryStart, done: false };
    if (buf[pos] !== OPEN) return { pos, done: false, error: `expected '[' for "${word}"` };
    pos++;
    let count = 0;
    let closed = false;
    while (pos < end) {
      while (pos < end && isSpace(buf[pos]!)) pos++;
      if (pos >= end) break;
      if (buf[pos] === CLOSE) {
        pos++;
        closed = true;
        break;
      }
      // number: -?digits(.digits)?([eE][+-]?digits)?
      let neg = false;
      if (buf[pos] === 0x2d) {
        neg = true;
        pos++;
      }
      let mant = 0;
      let frac = 0;
      let digits = 0;
      let c = buf[pos]!;
      while (pos < end && c >= 0x30 && c <= 0x39) {
        mant = mant * 10 + (c - 0x30);
        digits++;
        c = buf[++pos]!;
      }
      if (pos < end && c === 0x2e) {
        c = buf[++pos]!;
        while (pos < end && c >= 0x30 && c <= 0x39) {
          mant = mant * 10 + (c - 0x30);
          frac++;
          digits++;
          c = buf[++pos]!;
        }
      }
      let exp = 0;
      if (pos < end && (c === 0x65 || c === 0x45)) {
        c = buf[++pos]!;
        let eneg = false;
        if (c === 0x2b || c === 0x2d) {
          eneg = c === 0x2d;
          c = buf[++pos]!;
        }
        while (pos < end && c >= 0x30 && c <= 0x39) {
          exp = exp * 10 + (c - 0x30);
          c = buf[++pos]!;
        }
        if (eneg) exp = -exp;
      }
      if (pos >= end) break; // the number may continue in the next chunk
      if (digits === 0) return { pos, done: false, error: `bad number in "${word}"` };
      const e = exp - frac;
      let v = e >= 0 ? mant * (POW10[e] ?? 10 ** e) : mant / (POW10[-e] ?? 10 ** -e);
      if (neg) v = -v;
      if (count < nums.length) nums[count] = v;
      count++;
      while (pos < end && isSpace(buf[pos]!)) pos++;
      if (pos < end && buf[pos] === COMMA) pos++;
    }
    if (!closed) return { pos: entryStart, done: false };
    sink.entry(word, nums, Math.min(count, nums.length));
  }
}
