/**
 * Mappings as the subset reader builds them: objects made by one constructor whose prototype is
 * empty, frozen and has no prototype itself, so no key (`constructor`, `toString`, `__proto__`)
 * means anything to JavaScript, and none can be added to what every mapping inherits. Such objects
 * keep V8's fast properties; `Object.create(null)` starts out as a dictionary (about twice the memory
 * and slower to read), and `Object.setPrototypeOf` on a finished object costs as much as building it:
 * at 100,000 users that is most of the parsed tree.
 */
const INHERITED = Object.freeze(Object.create(null) as object)
const Mapping = function Mapping() {} as unknown as new () => Record<string, unknown>
;(Mapping as unknown as { prototype: object }).prototype = INHERITED

export function newMapping(): Record<string, unknown> {
  return new Mapping()
}

/** Sets an entry: `__proto__` too becomes an own key, never the prototype. */
export function setEntry(map: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true })
  else map[key] = value
}

/** Whether an object inherits nothing: no prototype, or the mappings' empty one. */
export function inheritsNothing(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === null || prototype === INHERITED
}
