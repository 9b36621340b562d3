// npm run demo: plan and apply examples/basic against the GoodData emulator on loopback,
// with the built CLI (dist/cli.js) run as a user would run it, then plan again.
import { spawn } from 'node:child_process'
import { DEMO_ORGANIZATION } from '../test/emulators/gooddata-cloud/demo-organization.js'
import { startGoodDataEmulator, DEFAULT_TOKEN } from '../test/emulators/gooddata-cloud/server.js'

const emulator = await startGoodDataEmulator({ seed: DEMO_ORGANIZATION })

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
