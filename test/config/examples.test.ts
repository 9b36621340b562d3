import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { Ajv } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { classifyConfigPath } from '../../src/core/config/load-config.js'
import { readConfigTree } from '../../src/shell/config/read-config-tree.js'

const projectRoot = join(import.meta.dirname, '..', '..')
const examples = join(projectRoot, 'examples')
const schemaFile = {
  users: 'users.schema.json',
  groups: 'groups.schema.json',
  provisioning: 'provisioning.schema.json',
}

function yamlFilesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter((path) => /\.ya?ml$/.test(path)).sort()
}

describe('examples', () => {
  const ajv = new Ajv({ allErrors: true, strict: true })
  ajv.addFormat('email', fullFormats.email)
  const configFolders = readdirSync(examples).filter((name) => name !== 'workflows')

  it.each(configFolders)('examples/%s: every file validates against its schema and points editors at it', (folder) => {
    const files = yamlFilesUnder(join(examples, folder))
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const kind = classifyConfigPath(file)
      expect(kind, file).toBeDefined()
      const text = readFileSync(join(examples, folder, file), 'utf8')
      const schemaPath = join(projectRoot, 'schemas', schemaFile[kind!])
      const comment = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)
      expect(comment, `${file} has the schema comment`).not.toBeNull()
      expect(join(examples, folder, file, '..', comment![1]!)).toBe(schemaPath)
      const validate =
        ajv.getSchema(schemaPath) ??
        (ajv.addSchema(JSON.parse(readFileSync(schemaPath, 'utf8')), schemaPath), ajv.getSchema(schemaPath)!)
      expect(validate(parse(text)), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  })

  it.each(configFolders)('examples/%s loads with no problems', async (folder) => {
    const result = await readConfigTree(relative(projectRoot, join(examples, folder)), { cwd: projectRoot })
    expect(result.ok).toBe(true)
  })
})
