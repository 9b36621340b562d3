import { visibleText } from '../core/render/inert-text.js'

/** The colour codes the CLI itself writes on a terminal (SGR); any other escape sequence is shown, not sent. */
const OWN_COLOUR = /\u001b\[[0-9;]*m/g

/**
 * A stream that shows every control or invisible character it is given as an escape, except line
 * breaks, tabs and our own colours, and that never lets a line start a workflow command (`::`).
 * The last guard of the CLI's output: values are quoted where they are rendered, too.
 */
export function inertStream<T extends { write(text: string): unknown; isTTY?: boolean }>(
  stream: T,
): { write(text: string): unknown; isTTY?: boolean } {
  return {
    ...(stream.isTTY === undefined ? {} : { isTTY: stream.isTTY }),
    write: (text: string) => stream.write(makeInert(text)),
  }
}

export function makeInert(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const parts = line.split(OWN_COLOUR)
      const colours = line.match(OWN_COLOUR) ?? []
      const shown = parts
        .map((part) => visibleText(part.replace(/\t/g, '    ')))
        .reduce((out, part, i) => out + (i > 0 ? colours[i - 1] : '') + part, '')
      return /^\s*::/.test(shown.replace(OWN_COLOUR, '')) ? `› ${shown}` : shown
    })
    .join('\n')
}
