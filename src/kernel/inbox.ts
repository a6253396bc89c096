// A priority-ordered inbox (kernel layer): one FIFO queue per priority 0..19 and a bitmask of
// the non-empty ones, so push and pop are O(1) and the order is "highest priority (lowest
// number) first, oldest first within a priority". Only the message bus (bus.ts) uses it; the
// bound on its size is enforced by the bus, which also counts messages awaiting an ack.

export const PRIORITY_LEVELS = 20;

/** A bucket queue over items with a priority in 0..19. */
export class PriorityInbox<T> {
  private readonly queues: T[][] = [];
  private readonly heads: number[] = [];
  private mask = 0;
  private count = 0;

  constructor() {
    for (let i = 0; i < PRIORITY_LEVELS; i++) {
      this.queues.push([]);
      this.heads.push(0);
    }
  }

  /** Number of queued items. */
  get size(): number {
    return this.count;
  }

  /** Appends item at the back of its priority's queue (priority must be an integer 0..19). */
  push(item: T, priority: number): void {
    this.queues[priority]!.push(item);
    this.mask |= 1 << priority;
    this.count++;
  }

  /** Puts item at the front of its priority's queue (a redelivered message keeps its seniority). */
  pushFront(item: T, priority: number): void {
    const q = this.queues[priority]!;
    const h = this.heads[priority]!;
    if (h > 0) {
      q[h - 1] = item;
      this.heads[priority] = h - 1;
    } else {
      q.unshift(item);
    }
    this.mask |= 1 << priority;
    this.count++;
  }

  /** Removes and returns the first item of the highest non-empty priority, or undefined when empty. */
  pop(): T | undefined {
    if (this.mask === 0) return undefined;
    const p = 31 - Math.clz32(this.mask & -this.mask); // lowest set bit = highest priority
    const q = this.queues[p]!;
    const h = this.heads[p]!;
    const item = q[h] as T;
    q[h] = undefined as T; // let the message be collected
    const next = h + 1;
    if (next === q.length) {
      q.length = 0;
      this.heads[p] = 0;
      this.mask &= ~(1 << p);
    } else if (next >= 1024 && next * 2 >= q.length) {
      q.splice(0, next); // compact: the consumed prefix is at least half the array
      this.heads[p] = 0;
    } else {
      this.heads[p] = next;
    }
    this.count--;
    return item;
  }

  /** Removes and returns the first queued item that matches, or undefined (O(n); for taking one known message). */
  remove(match: (item: T) => boolean): T | undefined {
    for (let p = 0; p < PRIORITY_LEVELS; p++) {
      const q = this.queues[p]!;
      for (let i = this.heads[p]!; i < q.length; i++) {
        const item = q[i] as T;
        if (!match(item)) continue;
        q.splice(i, 1);
        if (this.heads[p]! >= q.length) {
          q.length = 0;
          this.heads[p] = 0;
          this.mask &= ~(1 << p);
        }
        this.count--;
        return item;
      }
    }
    return undefined;
  }

  /** The queued items in delivery order (for inspection and tests; O(n)). */
  toArray(): T[] {
    const out: T[] = [];
    for (let p = 0; p < PRIORITY_LEVELS; p++) {
      const q = this.queues[p]!;
      for (let i = this.heads[p]!; i < q.length; i++) out.push(q[i] as T);
    }
    return out;
  }
}
