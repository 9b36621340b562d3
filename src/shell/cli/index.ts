import { inertStream, makeInert } from '../inert-output.js'
import { runCli } from './run-cli.js'
import { setV8Flags } from '../v8-flags.js'

setV8Flags()

try {
  process.exitCode = await runCli(process.argv.slice(2), {
    stdout: inertStream(process.stdout),
    stderr: inertStream(process.stderr),
    env: process.env,
    cwd: process.cwd(),
  })
} catch (error) {
  // A bug, not bad input: say so in one line and keep the trace out of CI logs unless asked for.
  process.stderr.write(makeInert(`internal error: ${error instanceof Error ? error.message : String(error)}\n`))
  if (process.env['USER_PROVISIONING_DEBUG']) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`)
  process.exitCode = 70
}
