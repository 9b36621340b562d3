import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml'
import { readYamlSubset, type PositionIndex } from './read-yaml-subset.js'

export type PathSegment = string | number

/** Where the node at a path starts, as an offset into the text. */
export interface Locator {
  offsetOf(path: readonly PathSegment[], target: 'key' | 'value'): number
}

/** Positions from a second pass of the fast reader, which records where each entry starts. */
export function subsetLocator(text: string): Locator {
  const positions: PositionIndex = new WeakMap()
  const root = readYamlSubset(text, positions)
  return {
    offsetOf(path, target) {
      let node: unknown = root
      let offset = 0
      for (let i = 0; i < path.length; i++) {
        if (node === null || typeof node !== 'object') break
        const offsets = positions.get(node)
        if (!offsets) break
        const segment = path[i]!
        let index: number
        let valueOffset: number | undefined
        if (Array.isArray(node)) {
          index = typeof segment === 'number' ? segment : -1
          valueOffset = offsets[index]
          if (valueOffset === undefined) break
          offset = valueOffset
          node = node[index]
          continue
        }
        index = Object.keys(node).indexOf(String(segment))
        if (index === -1) break
        const value = (node as Record<string, unknown>)[String(segment)]
        if (target === 'key' && i === path.length - 1) {
          offset = offsets[2 * index]!
          break
        }
        offset = offsets[2 * index + 1]!
        node = value
      }
      return offset
    },
  }
}

export function documentLocator(doc: Document.Parsed): Locator {
  return {
    offsetOf(path, target) {
      let node: unknown = doc.contents
      let offset = rangeStart(node) ?? 0
      for (let i = 0; i < path.length; i++) {
        if (isAlias(node)) node = node.resolve(doc)
        const segment = path[i]!
        let next: unknown
        if (isMap(node)) {
          const pair = (node.items as Pair[]).find(
            (item) => isScalar(item.key) && String(item.key.value) === String(segment),
          )
          if (!pair) break
          if ((target === 'key' && i === path.length - 1) || pair.value === null) {
            offset = rangeStart(pair.key) ?? offset
            break
          }
          next = pair.value
        } else if (isSeq(node) && typeof segment === 'number') {
          next = node.items[segment]
        } else {
          break
        }
        const start = rangeStart(next)
        if (start === undefined) break
        offset = start
        node = next
      }
      return offset
    },
  }
}

function rangeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined
}
