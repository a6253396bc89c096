// Multicast groups of the message bus (kernel layer): named lists of addresses, each kept with
// the owner who first defined it (an agent may redefine only its own groups: the ipc syscalls
// check that), stored through bus-store.ts. Used by bus.ts only.
import { NlshError } from '../base/errors.js';
import type { BusStore } from './bus-store.js';

const GROUP_RE = /^[A-Za-z0-9_.-]{1,64}$/;

export interface GroupTable {
  /** Defines (or, with no members, deletes) a group; each member is checked by checkMember; returns the members. */
  set(name: string, members: readonly string[], owner?: string): string[];
  owner(name: string): string | undefined;
  members(name: string): readonly string[] | undefined;
  /** A copy of every group. */
  all(): Map<string, string[]>;
}

/** Loads the stored groups; checkMember throws for an address that cannot be a member. */
export function loadGroups(store: BusStore, checkMember: (address: string) => void): GroupTable {
  const groups = store.loadGroups();
  const owners = store.loadGroupOwners();
  return {
    set(name, members, owner) {
      if (!GROUP_RE.test(name)) throw new NlshError('ipc.badGroup', `'${name}' is not a group name`, { hint: 'use letters, digits, - _ . (at most 64)' });
      const uniq = [...new Set(members)];
      for (const m of uniq) checkMember(m);
      const by = owners.get(name) ?? owner ?? null; // a group keeps the owner who defined it
      if (uniq.length === 0) {
        groups.delete(name);
        owners.delete(name);
      } else {
        groups.set(name, uniq);
        if (by !== null) owners.set(name, by);
      }
      store.saveGroup(name, uniq, by);
      return [...uniq];
    },
    owner: (name) => owners.get(name),
    members: (name) => groups.get(name),
    all: () => new Map([...groups].map(([k, v]) => [k, [...v]])),
  };
}
