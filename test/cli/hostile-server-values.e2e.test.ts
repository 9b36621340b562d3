import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { HostileAnswer } from '../emulators/gooddata-cloud/hostile-answers.js'
import { DEFAULT_TOKEN, startGoodDataEmulator, type EmulatorOptions } from '../emulators/gooddata-cloud/server.js'
import { group, organization, user, writeConfig } from '../support/scenario.js'

const cli = join(import.meta.dirname, '..', '..', 'dist', 'cli.js')
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

/** The built CLI as a user runs it, against a host; stdout and stderr together. */
async function runBuilt(cwd: string, args: string[]): Promise<{ exitCode: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', GOODDATA_TOKEN: DEFAULT_TOKEN },
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve))
  return { exitCode, output }
}

async function world(
  seed: Parameters<typeof organization>[0],
  files: Record<string, string>,
  options: Omit<EmulatorOptions, 'seed'> = {},
) {
  const emulator = await startGoodDataEmulator({ seed: organization(seed), ...options })
  const config = writeConfig(files)
  closers.push(() => emulator.close(), config.cleanUp)
  return { emulator, cwd: config.cwd }
}

const HOSTILE_IDS = [
  'evil\n::warning file=x::owned',
  'esc\u001b[2J\u001b]8;;https://evil.example\u0007link',
  'bidi\u202Egnp.exe',
  'zero\u200Bwidth',
]

describe('server values in the terminal (built CLI)', () => {
  it('quotes and escapes ids the server sends, so no line starts a workflow command and no escape reaches the terminal', async () => {
    const w = await world(
      {
        users: HOSTILE_IDS.map((id) => user(id, [], { firstname: `name ${id}` })),
        userGroups: [group('g\r\n::error::x')],
      },
      {
        'users.yaml': 'users: []\n',
        'groups.yaml': 'user_groups: []\n',
        'provisioning.yaml': 'limits:\n  max_deletion_ratio: 1\n',
      },
    )
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', '--host', w.emulator.url])
    expect(run.output).toContain('- delete user "evil\\n::warning file=x::owned"')
    expect(run.output).toContain('- delete user "esc\\u001b[2J\\u001b]8;;https://evil.example\\u0007link"')
    expect(run.output).toContain('- delete user "bidi\\u202Egnp.exe"')
    expect(run.output).toContain('- delete user "zero\\u200Bwidth"')
    expect(run.output).toContain('- delete user group "g\\r\\n::error::x"')
    for (const line of run.output.split(/\r\n|\n|\r/)) expect(line.trimStart().startsWith('::'), line).toBe(false)
    expect(run.output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/)
  })
})

describe('no lockout through groups (built CLI)', () => {
  it("leaves alone the groups the token's user is in, and says why", async () => {
    const w = await world(
      {
        users: [user('ann', ['admins'])],
        userGroups: [group('admins', ['org-admins']), group('org-admins'), group('stale')],
      },
      { 'users.yaml': 'users:\n  - user_id: ann\n', 'groups.yaml': 'user_groups:\n  - user_group_id: team\n' },
    )
    // The token is the bootstrap admin's, who is in adminGroup; the config declares neither.
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', '--host', w.emulator.url])
    expect(run.output).toContain(
      '  = user group adminGroup (would delete): protected: the organization\'s bootstrap group and its member "admin" is the token\'s own user',
    )
    expect(run.output).toContain('  - delete user group stale')
    expect(run.output).toContain('  ~ update user ann')
    expect(run.exitCode).toBe(0)
  })
})

const USERS = '/api/v1/entities/users'
const onUsers = (hostile: HostileAnswer) => (request: { path: string }) =>
  request.path === USERS ? hostile : undefined

describe('hostile server answers (built CLI)', () => {
  // A server without the users layout: the CLI reads the paged entity lists, where these answers are planted.
  const entityLists = { withoutUserLayouts: true } as const
  const files = { 'users.yaml': 'users:\n  - user_id: ann\n', 'groups.yaml': 'user_groups: []\n' }
  it.each([
    [
      'a page count of ten million',
      { kind: 'page-meta', page: { totalPages: 1e7 } },
      /GET \/api\/v1\/entities\/users → answer not as the API describes: .*totalPages/,
    ],
    [
      'malformed JSON',
      { kind: 'malformed-json' },
      /GET \/api\/v1\/entities\/users → answer not as the API describes: /,
    ],
    [
      'an HTML page with 200',
      { kind: 'html-200' },
      /GET \/api\/v1\/entities\/users → answer not as the API describes: /,
    ],
    [
      'data that is not a list',
      { kind: 'data-object' },
      /GET \/api\/v1\/entities\/users → answer not as the API describes: "data" is not a list/,
    ],
  ] as const)(
    '%s: exit 1 with a typed message naming the request, never an internal error',
    async (_, hostile, message) => {
      const w = await world({}, files, { ...entityLists, hostile: onUsers(hostile as HostileAnswer) })
      const run = await runBuilt(w.cwd, ['plan', '--config', 'config', '--host', w.emulator.url])
      expect(run.exitCode, run.output).toBe(1)
      expect(run.output).toMatch(message)
      expect(run.output).not.toMatch(/internal error|at .*\.js:\d+/)
      expect(w.emulator.requestLog.length).toBeLessThanOrEqual(8)
    },
  )

  it('pages that never end (the same ids each time) stop at the first page that adds nothing', async () => {
    const w = await world({ users: [user('ann')] }, files, {
      ...entityLists,
      hostile: onUsers({ kind: 'endless-pages' }),
    })
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', '--host', w.emulator.url])
    // The endless page holds 500 users the config does not declare: read once, the plan is then blocked by the limits.
    expect(run.exitCode, run.output).toBe(3)
    expect(run.output).toContain('BLOCKED: this plan will not be applied without --allow-blocked:')
    expect(w.emulator.requestLog.filter((request) => request.path === USERS)).toHaveLength(2)
  })

  it('a server that echoes the token into its trace id does not get it printed', async () => {
    const w = await world({}, files, {
      ...entityLists,
      echoTokenInTraceId: true,
      hostile: onUsers({ kind: 'data-object' }),
    })
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', '--host', w.emulator.url])
    expect(run.exitCode).toBe(1)
    for (const form of [
      DEFAULT_TOKEN,
      Buffer.from(DEFAULT_TOKEN, 'base64').toString('utf8'),
      encodeURIComponent(DEFAULT_TOKEN),
    ])
      expect(run.output).not.toContain(form)
  })
})

describe('hostile answers to the users layout (built CLI)', () => {
  const files = { 'users.yaml': 'users:\n  - user_id: ann\n', 'groups.yaml': 'user_groups: []\n' }
  const LAYOUT = '/api/v1/layout/usersAndUserGroups'
  it.each([
    ['malformed JSON', { kind: 'malformed-json' }],
    ['an HTML page with 200', { kind: 'html-200' }],
  ] as const)('%s: exit 1 naming the layout request, never an internal error', async (_, hostile) => {
    const w = await world({}, files, {
      echoTokenInTraceId: true,
      hostile: (request) => (request.path === LAYOUT ? (hostile as HostileAnswer) : undefined),
    })
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', '--host', w.emulator.url])
    expect(run.exitCode, run.output).toBe(1)
    expect(run.output).toMatch(/GET \/api\/v1\/layout\/usersAndUserGroups → answer not as the API describes: /)
    expect(run.output).not.toMatch(/internal error|at .*\.js:\d+/)
    expect(run.output).not.toContain(DEFAULT_TOKEN)
    // One read of the layout; no fallback to the lists on an answer that is wrong rather than missing.
    expect(w.emulator.requestLog.filter((request) => request.path === USERS)).toHaveLength(0)
  })

  it('reads through the layout: a no-change plan is three requests', async () => {
    const w = await world({ users: [user('ann')] }, files)
    const run = await runBuilt(w.cwd, ['plan', '--config', 'config', '--host', w.emulator.url, '--detailed-exitcode'])
    expect(run.exitCode, run.output).toBe(0)
    expect(w.emulator.requestLog.map((request) => `${request.method} ${request.path}`).sort()).toEqual([
      'GET /api/v1/entities/admin/organizations/default',
      `GET ${LAYOUT}`,
      'GET /api/v1/profile',
    ])
  })
})

describe('export reads back (built CLI)', () => {
  it('quotes what YAML 1.2 would read as something else, so its own validate passes', async () => {
    const w = await world(
      {
        users: [user('0x1F', [], { firstname: '0o17', lastname: '+.5', email: 'a@b.c' }), user('yes')],
        userGroups: [group('0b101')],
      },
      { 'users.yaml': 'users: []\n' },
    )
    const exported = await runBuilt(w.cwd, ['export', '--out', 'exported', '--host', w.emulator.url])
    expect(exported.exitCode, exported.output).toBe(0)
    const validated = await runBuilt(w.cwd, ['validate', '--config', 'exported'])
    expect(validated.output).toBe('exported: valid: 3 users, 2 user groups in 3 files\n')
  })
})
