import { describe, expect, it } from 'vitest'
import { findParentCycles } from '../../src/core/config/find-parent-cycles.js'
import { didYouMean, suggestClosest } from '../../src/core/config/suggest-closest.js'
import { classifyConfigPath } from '../../src/core/config/load-config.js'

describe('suggestClosest', () => {
  it('suggests a likely typo, including swapped letters', () => {
    expect(suggestClosest('emial', ['user_id', 'email', 'firstname'])).toBe('email')
    expect(suggestClosest('analyts', ['analysts', 'everyone'])).toBe('analysts')
    expect(suggestClosest('FirstName', ['firstname', 'lastname'])).toBe('firstname')
  })

  it('suggests nothing for a word unlike every candidate', () => {
    expect(suggestClosest('department', ['user_id', 'email'])).toBeUndefined()
    expect(didYouMean('zz', ['user_id'])).toBe('')
  })

  it('breaks ties by the smaller candidate, so messages are stable', () => {
    expect(suggestClosest('ab', ['ac', 'aa'])).toBe('aa')
  })
})

describe('findParentCycles', () => {
  const graph = (edges: Record<string, string[]>) => (id: string) => edges[id] ?? []

  it('names each cycle once, from its smallest id', () => {
    const edges = { c: ['a'], a: ['b'], b: ['c'], d: ['a'], x: ['y'], y: ['x'] }
    expect(findParentCycles(Object.keys(edges), graph(edges))).toEqual([
      ['a', 'b', 'c'],
      ['x', 'y'],
    ])
  })

  it('finds nothing in a tree', () => {
    const edges = { a: [], b: ['a'], c: ['a'], d: ['b', 'c'] }
    expect(findParentCycles(Object.keys(edges), graph(edges))).toEqual([])
  })

  it('walks a chain of 100,000 groups without overflowing the stack', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `g${i}`)
    const parentsOf = (id: string) => {
      const i = Number(id.slice(1))
      return i === 0 ? ['g99999'] : [`g${i - 1}`]
    }
    const cycles = findParentCycles(ids, parentsOf)
    expect(cycles).toHaveLength(1)
    expect(cycles[0]).toHaveLength(100_000)
  })
})

describe('classifyConfigPath', () => {
  it.each([
    ['users.yaml', 'users'],
    ['users.yml', 'users'],
    ['users/emea/finance.yaml', 'users'],
    ['groups.yaml', 'groups'],
    ['groups/a.yml', 'groups'],
    ['provisioning.yaml', 'provisioning'],
    ['README.md', undefined],
    ['other.yaml', undefined],
    ['users/notes.txt', undefined],
    ['nested/provisioning.yaml', undefined],
  ])('%s → %s', (path, kind) => {
    expect(classifyConfigPath(path)).toBe(kind)
  })
})
