/**
 * Mappings as the subset reader builds them. A plain object keeps V8's fast properties, where
 * `Object.create(null)` starts out as a dictionary, about twice the memory and slower to read: at
 * 100,000 users that is most of the parsed tree. The prototype goes once the mapping is complete.
 */
export function newMapping(): Record<string, unknown> {
  return {}
}

/** Sets an entry: `__proto__` too becomes an own key, never the prototype. */
export function setEntry(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true })
  else map[key] = value
}

/** The finished mapping, without a prototype, so no key (`constructor`, `toString`) means anything to JavaScript. */
export function finishMapping<T extends Record<string, unknown>>(map: T): T {
  return Object.setPrototypeOf(map, null) as T
}
