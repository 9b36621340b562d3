const ENTITIES: Record<string, string> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  '|': '&#124;', '`': '&#96;', '*': '&#42;', '_': '&#95;', '~': '&#126;', '[': '&#91;', ']': '&#93;',
  '\\': '&#92;', '#': '&#35;', '@': '&#64;', '!': '&#33;', ':': '&#58;',
}

/**
 * A value from YAML made inert for a GitHub comment: no HTML, no Markdown, no @mentions or #links,
 * no line breaks, so a name like `</details><img src=x>` shows as text and cannot break the layout.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[&<>"'|`*_~[\]\\#@!:]/g, (char) => ENTITIES[char]!).replace(/[\r\n\t\u2028\u2029]+/g, ' ')
}

/** A value shown as code: escaped, inside <code>, so it keeps its look without Markdown's rules. */
export function codeMarkdown(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`
}

/**
 * The hidden marker a comment carries, so a rerun finds and updates it: JSON inside an HTML
 * comment, with < and > escaped so no value can close the comment early.
 */
export function hiddenMarker(fields: Readonly<Record<string, string>>): string {
  return `<!-- user-provisioning-action ${JSON.stringify(fields).replace(/</g, '\\u003c').replace(/>/g, '\\u003e')} -->`
}

/**
 * Reads a marker back from a comment body, or undefined when there is none. Our bodies start with
 * it; one further down is text quoted from somewhere else, not ours.
 */
export function readHiddenMarker(body: string): Record<string, unknown> | undefined {
  const match = /^<!-- user-provisioning-action (\{.*?\}) -->/.exec(body)
  if (!match) return undefined
  try {
    const parsed: unknown = JSON.parse(match[1]!)
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
