import type { Store } from '../../store/open.js';
import type { MemorySearch } from './memory-search.js';

const attached = new WeakMap<Store, MemorySearch>();

/** Makes searches on `store` use an in-memory index from now on. */
export function attachMemorySearch(store: Store, search: MemorySearch): void {
  attached.set(store, search);
}

/** Returns the in-memory index attached to `store`, if any. */
export function memorySearchOf(store: Store): MemorySearch | undefined {
  return attached.get(store);
}
