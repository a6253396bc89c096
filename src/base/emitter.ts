// A small typed event emitter (base layer). The kernel emits events through it and the
// TUI subscribes; listeners that throw are reported, never allowed to break the emitter.

type Listener<T> = (payload: T) => void;

/** Typed pub/sub: on() returns an unsubscribe function. */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  /** Subscribes; returns a function that unsubscribes. */
  on<K extends keyof Events>(event: K, fn: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(fn as Listener<never>);
    return () => set.delete(fn as Listener<never>);
  }

  /** Calls every listener of event; a listener's exception goes to onListenerError. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return;
    for (const fn of set) {
      try {
        (fn as Listener<Events[K]>)(payload);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  /** True when someone listens to event (lets hot paths skip building payloads). */
  has<K extends keyof Events>(event: K): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  onListenerError: (err: unknown) => void = (err) => {
    process.emitWarning(`nlsh: event listener failed: ${err instanceof Error ? err.message : String(err)}`);
  };
}
