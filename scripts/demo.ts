// npm run demo: plan and apply examples/basic against the GoodData emulator on loopback,
// with the built CLI (dist/cli.js) run as a user would run it, then plan again.
import { spawn } from 'node:child_process'
import { startGoodDataEmulator, DEFAULT_TOKEN } from '../test/emulators/gooddata-cloud/server.js'

const user = (id: string, attributes: Record<string, string>, userGroups: string[]) => ({ id, attributes, userGroups })
const emulator = await startGoodDataEmulator({
  seed: {
    users: [
      user('admin', {}, ['adminGroup']),
      user('john.doe', { firstname: 'John', lastname: 'Doe', email: 'john.doe@old-domain.example', authenticationId: 'oidc|john.doe' }, ['everyone']),
      user('jane.smith', { firstname: 'Jane', lastname: 'Smith', email: 'jane.smith@example.com', authenticationId: 'oidc|jane.smith' }, ['analysts', 'data-engineers']),
      user('maria.garcia', { firstname: 'Maria', lastname: 'Garcia', email: 'maria.garcia@example.com', authenticationId: 'oidc|maria.garcia' }, ['analysts']),
      user('old.contractor', { firstname: 'Old', lastname: 'Contractor' }, ['everyone']),
      user('temp.intern', { firstname: 'Temp', lastname: 'Intern' }, ['analysts']),
      user('sso-bot', {}, []),
      user('svc-reporting', { firstname: 'Reporting' }, ['adminGroup']),
    ],
    userGroups: [
      { id: 'adminGroup', attributes: {}, parents: [] },
      { id: 'everyone', attributes: { name: 'Everyone' }, parents: [] },
      { id: 'analysts', attributes: {}, parents: ['everyone'] },
      { id: 'data-engineers', attributes: { name: 'Data engineers' }, parents: [] },
      { id: 'legacy-team', attributes: { name: 'Legacy team' }, parents: ['everyone'] },
    ],
  },
})

const env = { ...process.env, GOODDATA_TOKEN: DEFAULT_TOKEN, FORCE_COLOR: '0' }
const steps: [string, string[]][] = [
  ['1/3 plan: what would change', ['plan', '--config', 'examples/basic', '--host', emulator.url]],
  ['2/3 apply: make the organization match the YAML', ['apply', '--config', 'examples/basic', '--host', emulator.url]],
  ['3/3 plan again: nothing left to do', ['plan', '--config', 'examples/basic', '--host', emulator.url, '--detailed-exitcode']],
]
let failed = false
console.log(`GoodData emulator listening on ${emulator.url} (an organization that has drifted from examples/basic)\n`)
for (const [title, args] of steps) {
  console.log(`== ${title}\n$ GOODDATA_TOKEN=*** node dist/cli.js ${args.join(' ')}\n`)
  // The emulator runs in this process, so the CLI must run beside it, not block it.
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['dist/cli.js', ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('close', resolve)
  })
  console.log(`(exit code ${status})\n`)
  if (status !== 0) failed = true
}
await emulator.close()
if (failed) {
  console.error('demo: a step did not end as expected')
  process.exit(1)
}
console.log('demo: plan, apply, and a final plan with no changes')
