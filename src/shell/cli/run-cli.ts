import { renderValidationJson, renderValidationText } from '../../core/render/render-validation.js'
import { readConfigTree } from '../config/read-config-tree.js'
import { ApiError } from '../http/api-error.js'
import { UsageError } from '../usage-error.js'
import { ExitCode, type CliIo } from './cli-io.js'
import { parseCommandLine, type ValidateOptions } from './parse-command-line.js'
import { runExportCommand } from './export-command.js'
import { runPlanCommand } from './plan-command.js'
import { USAGE } from './usage.js'
import { VERSION } from '../version.js'

/** Runs one CLI command and answers its exit code; never throws for bad input or a failing API. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const commandLine = parseCommandLine(argv)
    if (commandLine.command === 'help') {
      io.stdout.write(USAGE[commandLine.topic] ?? USAGE['main']!)
      return ExitCode.ok
    }
    if (commandLine.command === 'version') {
      io.stdout.write(`user-provisioning ${VERSION}\n`)
      return ExitCode.ok
    }
    if (commandLine.command === 'validate') return await runValidate(commandLine, io)
    if (commandLine.command === 'export') return await runExportCommand(commandLine, io)
    return await runPlanCommand(commandLine, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`error: ${error.message}\nRun "user-provisioning --help" for usage.\n`)
      return ExitCode.usage
    }
    if (error instanceof ApiError) {
      const hint =
        error.status === 401
          ? '\nThe target refused the credentials: check the variables "user-provisioning --help" lists for it.'
          : ''
      const answered = error.status === undefined ? 'could not reach the target:' : 'the target answered'
      io.stderr.write(`error: ${answered} ${error.message}${hint}\nNothing was changed by this step.\n`)
      return ExitCode.failure
    }
    throw error
  }
}

async function runValidate(options: ValidateOptions, io: CliIo): Promise<number> {
  const result = await readConfigTree(options.config, { cwd: io.cwd })
  const rendered =
    options.format === 'json' ? renderValidationJson(result) : renderValidationText(result, options.config)
  io.stdout.write(rendered)
  return result.ok ? ExitCode.ok : ExitCode.failure
}
