/**
 * Characters that change how text looks or is read without being seen: C0 and C1 controls, DEL,
 * bidi overrides and isolates, zero-width characters, line and paragraph separators, the BOM.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g

const ANY_INVISIBLE = new RegExp(INVISIBLE.source)

/** True when the text holds a character that `visibleText` would have to show as an escape. */
export function hasInvisible(text: string): boolean {
  return ANY_INVISIBLE.test(text)
}

/** Makes invisible and control characters visible as `\u202E`-style escapes; everything else is kept. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
}

/** A value from a file or a server, quoted so that no character in it can end the line or act on a terminal. */
export function quoteValue(text: string): string {
  return visibleText(JSON.stringify(text))
}

const PLAIN_ID = /^[A-Za-z0-9_.@+-]+$/

/** An id as text output shows it: bare when it holds only id characters, else quoted. */
export function showId(id: string): string {
  return PLAIN_ID.test(id) ? id : quoteValue(id)
}

const PLAIN_PATH = /^[A-Za-z0-9_.@+/-][A-Za-z0-9_.@+/ -]*$/

/** A file path as text output shows it: bare when it is made of ordinary characters, else quoted (it may start a line). */
export function showPath(path: string): string {
  return PLAIN_PATH.test(path) ? path : quoteValue(path)
}
