/**
 * One cycle per strongly connected component of the parent graph (Tarjan, iterative so
 * deep nesting cannot overflow the stack). Each cycle starts at its smallest id and
 * follows parent links, so the same graph always gives the same cycles.
 */
export function findParentCycles(ids: readonly string[], parentsOf: (id: string) => readonly string[]): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const onStack = new Set<string>()
  const stack: string[] = []
  const components: string[][] = []
  let counter = 0
  for (const root of [...ids].sort()) {
    if (index.has(root)) continue
    const work: { id: string; next: number }[] = [{ id: root, next: 0 }]
    index.set(root, counter)
    low.set(root, counter++)
    stack.push(root)
    onStack.add(root)
    while (work.length > 0) {
      const frame = work[work.length - 1]!
      const parents = parentsOf(frame.id)
      if (frame.next < parents.length) {
        const parent = parents[frame.next++]!
        if (!index.has(parent)) {
          index.set(parent, counter)
          low.set(parent, counter++)
          stack.push(parent)
          onStack.add(parent)
          work.push({ id: parent, next: 0 })
        } else if (onStack.has(parent)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(parent)!))
        }
        continue
      }
      work.pop()
      const caller = work[work.length - 1]
      if (caller) low.set(caller.id, Math.min(low.get(caller.id)!, low.get(frame.id)!))
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = []
        let member: string
        do {
          member = stack.pop()!
          onStack.delete(member)
          component.push(member)
        } while (member !== frame.id)
        if (component.length > 1) components.push(component)
      }
    }
  }
  return components
    .map((component) => cycleWithin(new Set(component), parentsOf))
    .sort((a, b) => (a[0]! < b[0]! ? -1 : 1))
}

/** The shortest way from the smallest id back to itself, staying inside one component. */
function cycleWithin(component: ReadonlySet<string>, parentsOf: (id: string) => readonly string[]): string[] {
  const start = [...component].sort()[0]!
  const cameFrom = new Map<string, string>()
  const queue = [start]
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!
    for (const parent of [...parentsOf(id)].sort()) {
      if (!component.has(parent)) continue
      if (parent === start) {
        const cycle = [id]
        while (cycle[0] !== start) cycle.unshift(cameFrom.get(cycle[0]!)!)
        return cycle
      }
      if (!cameFrom.has(parent)) {
        cameFrom.set(parent, id)
        queue.push(parent)
      }
    }
  }
  return [start]
}
