import { visibleText } from './inert-text.js'

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '|': '&#124;',
  '`': '&#96;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '[': '&#91;',
  ']': '&#93;',
  '\\': '&#92;',
  '#': '&#35;',
  '@': '&#64;',
  '!': '&#33;',
  ':': '&#58;',
  // GitHub renders $…$ as math.
  $: '&#36;',
}

/** Letters, digits and punctuation with no meaning in Markdown, HTML, math or GitHub's autolinks (`:`, `@`, `$` have). */
const NOTHING_TO_ESCAPE = /^[A-Za-z0-9 .,()/+=%^{}-]*$/
/** What starts an autolink in text of those characters alone: `www.`, and `GH-12`, a reference to issue 12. */
const LINK_START = /www\.|gh-\d/i

/** An empty HTML comment: it splits the text GitHub scans for links and mentions, and shows nothing. */
const SPLIT = '<!-- -->'

/**
 * A value from YAML or a server made inert for a GitHub comment: no HTML, no Markdown, no line
 * breaks, so a name like `</details><img src=x>` shows as text and cannot break the layout.
 * Invisible characters (bidi overrides, zero-width, controls) show as `\u202E`-style escapes. GitHub
 * finds @mentions, #references, GH-references and autolinks (`www.`, `https://`, `a@b.c`) in the rendered text,
 * after entities are decoded, so an empty comment is put inside each of them to split it.
 */
export function escapeMarkdown(text: string): string {
  // Most ids and names hold nothing to escape or split, and are answered as they are.
  if (NOTHING_TO_ESCAPE.test(text) && !LINK_START.test(text)) return text
  return visibleText(text.replace(/[\r\n\t\u2028\u2029]+/g, ' '))
    .replace(/[&<>"'|`*_~[\]\\#@!:$]/g, (char) => ENTITIES[char]!)
    .replace(/(&#64;|&#35;|&#58;(?=\/))/g, `$1${SPLIT}`)
    .replace(/(w)(ww\.)/gi, `$1${SPLIT}$2`)
    .replace(/\b(g)(h-\d)/gi, `$1${SPLIT}$2`)
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
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
