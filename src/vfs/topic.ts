// Topic vectors (vfs layer): what a page is about, in a word-vector space trained on manuals
// rather than news text. data/docvec.bin (bench/docvec/train.mjs, then pack.mjs) holds ~44k words'
// vectors trained on this kind of machine's documentation (man pages outside section 1,
// /usr/share/doc, info, npm READMEs), each word's idf over those documents and their mean topic
// vector. A page's topic vector is the idf-weighted mean of the vectors of its name and first
// HEAD_WORDS words, less that mean (as SIF removes a common component): it depends on the page's
// own text alone. A query gets the same of its words. The file ranking (rank-files.ts) re-ranks
// its best files with the cosine of the two: it finds pages asked for in other words than their
// own (bench/results/vfs.md, "Topic vectors").
import { readFileSync } from 'node:fs';
import { NlshError } from '../base/errors.js';

/** A page's topic is read from its name and this many first words. */
export const HEAD_WORDS = 200;

/** Words left out of a topic (they say nothing about one). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be by for from has have in is it its of on or that the this to was were will with what which who how do does i me my you your we our they them their there here about into than then so not no can if all any one each'.split(' '),
);

/** A text's words as the vectors were trained on (lowercased letters and digits), the first `max` of them. */
export function topicWords(text: string, max = Infinity): string[] {
  const words: string[] = [];
  const word = /[a-z0-9]+/g;
  const lower = text.toLowerCase();
  for (let m = word.exec(lower); m && words.length < max; m = word.exec(lower)) words.push(m[0]);
  return words;
}

const MAGIC = 'NLSHDV1\n';

/** The packed vectors (data/docvec.bin), read once per process. */
export class TopicSpace {
  readonly dim: number;
  private readonly index = new Map<string, number>();

  private constructor(
    words: readonly string[],
    private readonly idf: Float32Array,
    private readonly mean: Float32Array,
    /** Unit vectors x 127, word after word. */
    private readonly vectors: Int8Array,
  ) {
    this.dim = mean.length;
    words.forEach((w, i) => this.index.set(w, i));
  }

  /** Reads a packed file; fails fs.topicData when it is missing or not one. */
  static read(file: string | URL): TopicSpace {
    let b: Buffer;
    try {
      b = readFileSync(file);
    } catch (e) {
      throw new NlshError('fs.topicData', `cannot read the topic vectors (${String(file)}): ${(e as Error).message}`, { hint: 'reinstall nlsh: data/docvec.bin is part of the package' });
    }
    const bad = (why: string): NlshError => new NlshError('fs.topicData', `${String(file)} is not a topic vector file: ${why}`, { hint: 'reinstall nlsh, or repack it with bench/docvec/pack.mjs' });
    if (b.length < 16 || b.toString('latin1', 0, 8) !== MAGIC) throw bad('no NLSHDV1 header');
    let at = 8;
    const take = (n: number): Buffer => {
      if (at + n > b.length) throw bad('truncated');
      const part = b.subarray(at, at + n);
      at += n;
      return part;
    };
    const u32 = (): number => take(4).readUInt32LE(0);
    let meta: { dim?: unknown; words?: unknown };
    try {
      meta = JSON.parse(take(u32()).toString('utf8')) as typeof meta;
    } catch {
      throw bad('its header is not JSON');
    }
    const dim = meta.dim, count = meta.words;
    if (typeof dim !== 'number' || typeof count !== 'number' || !(dim > 0 && dim <= 1024) || !(count > 0 && count <= 1e6)) throw bad('bad dimensions');
    const words = take(u32()).toString('utf8').split('\n');
    if (words.length !== count) throw bad(`${words.length} words where the header says ${count}`);
    // copies: typed arrays need aligned offsets
    const floats = (n: number): Float32Array => new Float32Array(Uint8Array.from(take(n * 4)).buffer);
    const idf = floats(count);
    const mean = floats(dim);
    const vectors = new Int8Array(Uint8Array.from(take(count * dim)).buffer);
    if (at !== b.length) throw bad('trailing bytes');
    return new TopicSpace(words, idf, mean, vectors);
  }

  /** The topic vector of a page (its name, then its text, of which the first HEAD_WORDS words count); undefined when none of its words is known. */
  page(name: string, text: string): Float32Array | undefined {
    return this.of([...topicWords(name), ...topicWords(text, HEAD_WORDS)]);
  }

  /** The topic vector of a query (all its words). */
  query(q: string): Float32Array | undefined {
    return this.of(topicWords(q));
  }

  /** Whether a word has a vector. */
  has(word: string): boolean {
    return this.index.has(word);
  }

  private of(words: readonly string[]): Float32Array | undefined {
    const dim = this.dim;
    // each distinct word once, weighted by its count (a page's head repeats its name and terms)
    const counts = new Map<number, number>();
    for (const w of words) {
      const i = STOP_WORDS.has(w) ? undefined : this.index.get(w);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    if (!counts.size) return undefined;
    const v = new Float64Array(dim);
    const vectors = this.vectors;
    for (const [i, n] of counts) {
      const k = (n * this.idf[i]!) / 127;
      const o = i * dim;
      for (let d = 0; d < dim; d++) v[d] = v[d]! + k * vectors[o + d]!;
    }
    const n = norm(v);
    if (!n) return undefined;
    const out = new Float32Array(dim);
    for (let d = 0; d < dim; d++) out[d] = v[d]! / n - this.mean[d]!;
    const m = norm(out);
    if (!m) return undefined;
    for (let d = 0; d < dim; d++) out[d] = out[d]! / m;
    return out;
  }
}

function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let d = 0; d < v.length; d++) s += v[d]! * v[d]!;
  return Math.sqrt(s);
}

/** The packed vectors shipped with nlsh (dist/vfs or dist/bundle -> the package's data/). */
export const TOPIC_FILE = new URL('../../data/docvec.bin', import.meta.url);

let shipped: TopicSpace | undefined;
/** The shipped topic space, read on first use (~5 MB, a few tens of ms). */
export function shippedTopics(): TopicSpace {
  return (shipped ??= TopicSpace.read(TOPIC_FILE));
}
