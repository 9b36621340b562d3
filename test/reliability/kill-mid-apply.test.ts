import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { DEFAULT_TOKEN, startGoodDataEmulator } from '../emulators/gooddata-cloud/server.js'
import { organization, user, writeConfig } from '../support/scenario.js'

const projectRoot = join(import.meta.dirname, '..', '..')
const guard = join(projectRoot, 'test', 'support', 'loopback-only.mjs')
const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

it('an apply killed with SIGKILL halfway, then run again, converges and changes nothing outside the plan', async () => {
  const users = Array.from(
    { length: 300 },
    (_, i) => `  - user_id: member.${i}\n    email: member.${i}@example.com\n    user_groups: [staff]\n`,
  ).join('')
  const config = writeConfig({
    'provisioning.yaml':
      'protected:\n  users: [svc-*]\nunmanaged:\n  users: [sso-*]\nlimits:\n  max_deletion_ratio: 1\n',
    'groups.yaml': 'user_groups:\n  - user_group_id: staff\n',
    'users.yaml': `users:\n${users}`,
  })
  const outside = [
    user('svc-etl', ['adminGroup'], { firstname: 'ETL' }),
    user('sso-1', [], { email: 'sso@example.com' }),
  ]
  const doomed = Array.from({ length: 100 }, (_, i) => user(`leaver.${i}`))
  const emulator = await startGoodDataEmulator({ latencyMs: 5, seed: organization({ users: [...outside, ...doomed] }) })
  closers.push(config.cleanUp, () => emulator.close())
  const untouched = () => ({
    admin: emulator.state.users.get('admin'),
    adminGroup: emulator.state.userGroups.get('adminGroup'),
    outside: outside.map((item) => emulator.state.users.get(item.id)),
  })
  const before = untouched()

  const apply = (onRequest?: () => boolean) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          join(projectRoot, 'dist', 'cli.js'),
          'apply',
          '--config',
          'config',
          '--host',
          emulator.url,
          '--concurrency',
          '4',
        ],
        {
          cwd: config.cwd,
          env: { PATH: process.env['PATH'] ?? '', GOODDATA_TOKEN: DEFAULT_TOKEN, NODE_OPTIONS: `--import ${guard}` },
          stdio: 'ignore',
        },
      )
      const timer = onRequest ? setInterval(() => onRequest() && child.kill('SIGKILL'), 5) : undefined
      child.on('close', (code, signal) => {
        if (timer) clearInterval(timer)
        resolve({ code, signal })
      })
    })

  const writes = () => emulator.requestLog.filter((entry) => entry.method !== 'GET').length
  const killed = await apply(() => writes() >= 120)
  expect(killed.signal).toBe('SIGKILL')
  const halfway = writes()
  expect(halfway).toBeGreaterThanOrEqual(120)
  expect(halfway).toBeLessThan(401)

  const again = await apply()
  expect(again.code).toBe(0)
  expect([...emulator.state.users.keys()].filter((id) => id.startsWith('member.'))).toHaveLength(300)
  expect([...emulator.state.users.keys()].filter((id) => id.startsWith('leaver.'))).toEqual([])
  expect(untouched()).toEqual(before)
  // Nothing was written twice: the second run planned only what the first had not done.
  expect(writes()).toBe(401)
}, 60_000)
