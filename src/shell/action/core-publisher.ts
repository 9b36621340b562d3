import * as core from '@actions/core'
import { formatPosition } from '../../core/model/problem.js'
import { makeInert } from '../inert-output.js'
import type { ActionPublisher } from './action-context.js'

/** The job log, annotations and summary through @actions/core; every line made inert first. */
export function corePublisher(): ActionPublisher {
  return {
    info: (line) => core.info(makeInert(line)),
    warning: (line) => core.warning(makeInert(line)),
    annotate: (problem) =>
      core.error(problem.message, {
        title: formatPosition(problem),
        file: problem.file,
        startLine: problem.line,
        startColumn: problem.column,
      }),
    summary: async (markdown) => void (await core.summary.addRaw(markdown, true).write()),
    group: (title, text) => {
      core.startGroup(makeInert(title))
      for (const line of text.trimEnd().split('\n')) core.info(makeInert(line))
      core.endGroup()
    },
  }
}
