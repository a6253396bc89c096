// An indexed binary min-heap (kernel layer), the scheduler's runnable set. Items remember
// their own position (through the slot accessors) so update and remove are O(log n) without a
// search. Only the scheduler uses it; it knows nothing about processes.

/** How the heap orders items and where each item keeps its position. */
export interface HeapOps<T> {
  /** True when a must come out before b. */
  less(a: T, b: T): boolean;
  /** The item's current index in this heap, or -1 when it is not in it. */
  getPos(item: T): number;
  setPos(item: T, pos: number): void;
}

/** A binary min-heap over T with O(log n) push, pop, update and remove. */
export class IndexedHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly ops: HeapOps<T>) {}

  get size(): number {
    return this.items.length;
  }

  /** True when item is in this heap. */
  has(item: T): boolean {
    const p = this.ops.getPos(item);
    return p >= 0 && p < this.items.length && this.items[p] === item;
  }

  /** The smallest item without removing it, or undefined when empty. */
  peek(): T | undefined {
    return this.items[0];
  }

  /** Adds item (or re-positions it if it is already in the heap). */
  push(item: T): void {
    if (this.has(item)) return this.update(item);
    this.items.push(item);
    this.ops.setPos(item, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  /** Removes and returns the smallest item, or undefined when empty. */
  pop(): T | undefined {
    const top = this.items[0];
    if (top === undefined) return undefined;
    this.removeAt(0);
    return top;
  }

  /** Restores heap order after item's key changed; no-op when item is not in the heap. */
  update(item: T): void {
    if (!this.has(item)) return;
    const p = this.ops.getPos(item);
    this.up(p);
    this.down(this.ops.getPos(item));
  }

  /** Removes item; returns false when it was not in the heap. */
  remove(item: T): boolean {
    if (!this.has(item)) return false;
    this.removeAt(this.ops.getPos(item));
    return true;
  }

  /** Rebuilds heap order in O(n) after many keys changed at once. */
  heapify(): void {
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** Empties the heap (items are told they left it). */
  clear(): void {
    for (const it of this.items) this.ops.setPos(it, -1);
    this.items.length = 0;
  }

  /** A snapshot of the items in heap (not sorted) order. */
  toArray(): T[] {
    return this.items.slice();
  }

  private removeAt(i: number): void {
    const items = this.items;
    const gone = items[i] as T;
    const last = items.pop() as T;
    this.ops.setPos(gone, -1);
    if (i < items.length) {
      items[i] = last;
      this.ops.setPos(last, i);
      this.up(i);
      this.down(this.ops.getPos(last));
    }
  }

  private up(i: number): void {
    const items = this.items;
    const it = items[i] as T;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent] as T;
      if (!this.ops.less(it, p)) break;
      items[i] = p;
      this.ops.setPos(p, i);
      i = parent;
    }
    items[i] = it;
    this.ops.setPos(it, i);
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    if (i < 0 || i >= n) return;
    const it = items[i] as T;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && this.ops.less(items[r] as T, items[l] as T)) c = r;
      const child = items[c] as T;
      if (!this.ops.less(child, it)) break;
      items[i] = child;
      this.ops.setPos(child, i);
      i = c;
    }
    items[i] = it;
    this.ops.setPos(it, i);
  }
}
