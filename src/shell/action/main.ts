import * as core from '@actions/core'
import { formatProblem } from '../../core/model/problem.js'
import { renderValidationText } from '../../core/render/render-validation.js'
import { readConfigTree } from '../config/read-config-tree.js'

/** The action's entry: validates the config folder and annotates each problem on its file and line. */
export async function run(): Promise<void> {
  try {
    const config = core.getInput('config') || '.'
    const result = await readConfigTree(config, { cwd: process.cwd() })
    core.info(renderValidationText(result, config).trimEnd())
    if (result.ok) return
    for (const problem of result.problems.slice(0, 10)) {
      core.error(problem.message, { file: problem.file, startLine: problem.line, startColumn: problem.column })
    }
    core.setFailed(`${result.problems.length} config problem(s); first: ${formatProblem(result.problems[0]!)}`)
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
