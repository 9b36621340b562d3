import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatProblem } from '../../src/core/model/problem.js'
import { readConfigTree } from '../../src/shell/config/read-config-tree.js'

const root = join(import.meta.dirname, '..', 'fixtures', 'config')
const cases = (kind: string) => readdirSync(join(root, kind)).sort()

describe('valid config fixtures', () => {
  it.each(cases('valid'))('%s validates', async (name) => {
    const result = await readConfigTree(name, { cwd: join(root, 'valid') })
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([])
  })

  it('warns, without failing, of a permission name the target does not list, and suggests the closest', async () => {
    const result = await readConfigTree('opendatasoft-permissions', { cwd: join(root, 'valid') })
    expect(result.ok && result.state.warnings?.map(formatProblem)).toEqual([
      'opendatasoft-permissions/users.yaml:4:33: "edit_datasets" is not a permission Opendatasoft lists; did you mean "edit_dataset"?',
    ])
  })
})

describe('invalid config fixtures', () => {
  it('cover at least 30 cases', () => {
    expect(cases('invalid').length).toBeGreaterThanOrEqual(30)
  })

  it.each(cases('invalid'))('%s reports exactly its expected problems', async (name) => {
    const expected = readFileSync(join(root, 'invalid', name, 'expected.txt'), 'utf8')
      .trimEnd()
      .split('\n')
    const result = await readConfigTree(name, { cwd: join(root, 'invalid') })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problems.map(formatProblem)).toEqual(expected)
  })
})
