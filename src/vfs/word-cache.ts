// A cache of per-word lists (vfs layer): each word's value has a size (the chunk ids it lists),
// and when the sizes together would pass the cap the cache is emptied and starts again. The
// lexical index keeps two: the bm25 postings of words and the chunk lists of words read only for
// where they are (lexical-index.ts).

export class WordCache<V> {
  private readonly values = new Map<string, V>();
  private total = 0;

  constructor(
    /** The sizes the cache holds at most. */
    private readonly cap: number,
    private readonly sizeOf: (v: V) => number,
  ) {}

  get size(): number {
    return this.values.size;
  }

  get(word: string): V | undefined {
    return this.values.get(word);
  }

  /** Keeps v for word (in place of its value, if any), emptying the cache first when it would pass the cap. */
  set(word: string, v: V): void {
    this.delete(word);
    if (this.total + this.sizeOf(v) > this.cap) this.clear();
    this.values.set(word, v);
    this.total += this.sizeOf(v);
  }

  delete(word: string): void {
    const old = this.values.get(word);
    if (old === undefined) return;
    this.values.delete(word);
    this.total -= this.sizeOf(old);
  }

  clear(): void {
    this.values.clear();
    this.total = 0;
  }
}
