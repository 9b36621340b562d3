// npm run demo [-- --target opendatasoft]: plan and apply an example config against a target's
// emulator on loopback, with the built CLI (dist/cli.js) run as a user would run it, then plan again.
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { DEMO_ORGANIZATION } from '../test/emulators/gooddata-cloud/demo-organization.js'
import { startGoodDataEmulator, DEFAULT_TOKEN } from '../test/emulators/gooddata-cloud/server.js'
import { DEMO_PROJECT } from '../test/emulators/gooddata-platform/demo-project.js'
import {
  DEFAULT_LOGIN,
  DEFAULT_PASSWORD,
  startGoodDataPlatformEmulator,
} from '../test/emulators/gooddata-platform/server.js'
import { DEMO_DOMAIN } from '../test/emulators/opendatasoft/demo-domain.js'
import { DEFAULT_API_KEY, startOpendatasoftEmulator } from '../test/emulators/opendatasoft/server.js'

/** Each target's demo: its emulator with a drifted seed, the example it is planned with, its secret's variable. */
const DEMOS = {
  'gooddata-cloud': {
    title: 'GoodData',
    noun: 'organization',
    config: 'examples/basic',
    drift: 'an organization that has drifted from examples/basic',
    env: { GOODDATA_TOKEN: DEFAULT_TOKEN },
    shown: 'GOODDATA_TOKEN=***',
    start: () => startGoodDataEmulator({ seed: DEMO_ORGANIZATION }),
  },
  opendatasoft: {
    title: 'Opendatasoft',
    noun: 'domain',
    config: 'examples/opendatasoft',
    drift: 'a domain that has drifted from examples/opendatasoft',
    env: { ODS_API_KEY: DEFAULT_API_KEY },
    shown: 'ODS_API_KEY=***',
    start: () => startOpendatasoftEmulator({ seed: DEMO_DOMAIN }),
  },
  'gooddata-platform': {
    title: 'GoodData Platform',
    noun: 'project',
    config: 'examples/gooddata-platform',
    drift: 'a project that has drifted from examples/gooddata-platform',
    env: { GDC_USERNAME: DEFAULT_LOGIN, GDC_PASSWORD: DEFAULT_PASSWORD },
    shown: `GDC_USERNAME=${DEFAULT_LOGIN} GDC_PASSWORD=***`,
    start: () => startGoodDataPlatformEmulator({ seed: DEMO_PROJECT }),
  },
} as const

const { values } = parseArgs({ options: { target: { type: 'string', default: 'gooddata-cloud' } } })
const demo = DEMOS[values.target as keyof typeof DEMOS]
if (!demo) {
  console.error(`demo: --target ${values.target} is not one of ${Object.keys(DEMOS).join(', ')}`)
  process.exit(64)
}
const emulator = await demo.start()
const env = { ...process.env, ...demo.env, FORCE_COLOR: '0' }
const steps: [string, string[]][] = [
  ['1/3 plan: what would change', ['plan', '--config', demo.config, '--host', emulator.url]],
  [`2/3 apply: make the ${demo.noun} match the YAML`, ['apply', '--config', demo.config, '--host', emulator.url]],
  [
    '3/3 plan again: nothing left to do',
    ['plan', '--config', demo.config, '--host', emulator.url, '--detailed-exitcode'],
  ],
]
let failed = false
console.log(`${demo.title} emulator listening on ${emulator.url} (${demo.drift})\n`)
for (const [title, args] of steps) {
  console.log(`== ${title}\n$ ${demo.shown} node dist/cli.js ${args.join(' ')}\n`)
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
