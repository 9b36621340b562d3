import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { DEFAULT_TOKEN } from '../emulators/gooddata-cloud/server.js'

const root = join(import.meta.dirname, '..', '..')
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }
const text = readFileSync(join(root, '.env.example'), 'utf8')

/** The KEY=value lines of the file, as dotenv reads them (no quoting is used). */
const entries = new Map(
  text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=')
      return [line.slice(0, at), line.slice(at + 1)] as const
    }),
)

/** Shapes of real credentials: GitHub tokens, AWS keys, private keys, bearer and basic headers. */
const SECRET_SHAPES = [/gh[pousr]_\w{20,}/, /github_pat_\w+/, /AKIA[0-9A-Z]{16}/, /PRIVATE KEY/, /\b(Bearer|Basic) \S/]

describe('.env.example', () => {
  it('names every input of action.yml, as INPUT_ and the name in upper case with hyphens kept', () => {
    const inputs = Object.keys(action.inputs).map((name) => `INPUT_${name.toUpperCase()}`)
    expect(inputs.length).toBeGreaterThan(0)
    const named = [...entries.keys()].filter((key) => key.startsWith('INPUT_'))
    expect(named.sort()).toEqual(inputs.sort())
  })

  it('plans against the loopback emulator with its default token, and sets what the action reads of a runner', () => {
    expect(entries.get('INPUT_MODE')).toBe('plan')
    expect(entries.get('INPUT_HOST')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(existsSync(join(root, entries.get('INPUT_CONFIG') ?? '', 'provisioning.yaml'))).toBe(true)
    expect(entries.get('INPUT_COMMENT')).toBe('false')
    expect(entries.get('GITHUB_EVENT_NAME')).toBe('workflow_dispatch')
    expect(entries.get('GITHUB_STEP_SUMMARY')).toMatch(/^\.tmp\//)
  })

  it('holds no real-looking secret: only the emulator default token, or empty values', () => {
    expect(entries.get('INPUT_TOKEN')).toBe(DEFAULT_TOKEN)
    for (const key of ['INPUT_PASSWORD', 'INPUT_GITHUB-TOKEN']) expect(entries.get(key)).toBe('')
    for (const shape of SECRET_SHAPES) expect(text).not.toMatch(shape)
    const long = [...entries.values()].filter((value) => /^[\w+/=-]{20,}$/.test(value))
    expect(long.filter((value) => value !== DEFAULT_TOKEN && !/^0+$/.test(value))).toEqual([])
  })

  it('is copied to .env, which git ignores, and npm run local-action reads it', () => {
    expect(readFileSync(join(root, '.gitignore'), 'utf8').split('\n')).toContain('.env')
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>
    }
    expect(scripts['local-action']).toContain('local-action run . src/shell/action/main.ts .env')
    expect(existsSync(join(root, 'src', 'shell', 'action', 'main.ts'))).toBe(true)
  })
})
