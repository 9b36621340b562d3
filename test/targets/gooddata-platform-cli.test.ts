import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../../src/shell/cli/run-cli.js'
import { captureIo } from '../cli/capture-io.js'
import { DEMO_PROJECT } from '../emulators/gooddata-platform/demo-project.js'
import {
  DEFAULT_DOMAIN,
  DEFAULT_LOGIN,
  DEFAULT_PASSWORD,
  DEFAULT_PROJECT,
  startGoodDataPlatformEmulator,
} from '../emulators/gooddata-platform/server.js'
import { writeConfig } from '../support/scenario.js'

const closers: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

const CONFIG = {
  'provisioning.yaml': `target:\n  type: gooddata-platform\n  domain: ${DEFAULT_DOMAIN}\n  project: ${DEFAULT_PROJECT}\ngooddata_platform:\n  removal: disable\nload: full\n`,
  'groups.yaml':
    'user_groups:\n  - user_group_id: analysts\n    user_group_name: Analysts\n  - user_group_id: finance-viewers\n    user_group_name: Finance viewers\n',
  'users.yaml': [
    'users:',
    `  - user_id: ${DEFAULT_LOGIN}`,
    '    firstname: Domain',
    '    lastname: Admin',
    '    role: admin',
    '  - user_id: John.Doe@example.com',
    '    firstname: John',
    '    lastname: Doe',
    '    role: editor',
    '    user_groups: [analysts]',
    '  - user_id: jane.smith@example.com',
    '    firstname: Jane',
    '    lastname: Smith',
    '    role: editor',
    '    user_groups: [analysts]',
    '  - user_id: sara.nilsson@example.com',
    '    firstname: Sara',
    '    lastname: Nilsson',
    '    role: adminRole',
    '  - user_id: sam.lee@example.com',
    '    firstname: Sam',
    '    lastname: Lee',
    '    user_groups: [finance-viewers]',
    '',
  ].join('\n'),
}

describe('the CLI against the legacy GoodData Platform emulator', () => {
  it('plans with GDC_USERNAME and GDC_PASSWORD from GDC_HOST, applies, and plans again with nothing to do; the password is never printed', async () => {
    const emulator = await startGoodDataPlatformEmulator({ seed: DEMO_PROJECT })
    const config = writeConfig(CONFIG)
    closers.push(() => emulator.close(), config.cleanUp)
    const env = { GDC_HOST: emulator.url, GDC_USERNAME: DEFAULT_LOGIN, GDC_PASSWORD: DEFAULT_PASSWORD }
    const run = async (...argv: string[]) => {
      const cli = captureIo(config.cwd, env)
      const exitCode = await runCli([...argv, '--config', 'config'], cli.io)
      return { exitCode, out: cli.stdout() + cli.stderr() }
    }
    const plan = await run('plan', '--detailed-exitcode')
    expect(plan.exitCode).toBe(2)
    expect(plan.out).toContain('  - disable user old.contractor@example.com')
    expect(plan.out).toContain('  + create user sam.lee@example.com')
    const apply = await run('apply')
    expect(apply.exitCode).toBe(0)
    const again = await run('plan', '--detailed-exitcode')
    expect(again.exitCode).toBe(0)
    for (const { out } of [plan, apply, again]) expect(out).not.toContain(DEFAULT_PASSWORD)
    expect(emulator.state.membershipOf('sam.lee@example.com')).toEqual({
      roles: ['readOnlyUserRole'],
      status: 'ENABLED',
    })
    expect(emulator.state.groupMembers('Finance viewers')).toEqual(['maria.garcia@example.com', 'sam.lee@example.com'])
    // Each run logged in once and out once.
    expect(
      emulator.requestLog.filter((entry) => entry.method === 'POST' && entry.path === '/gdc/account/login'),
    ).toHaveLength(3)
    expect(
      emulator.requestLog.filter((entry) => entry.method === 'DELETE' && entry.path.startsWith('/gdc/account/login/')),
    ).toHaveLength(3)
  })
})
