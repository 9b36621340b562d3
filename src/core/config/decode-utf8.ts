/** The text of a file, or the byte offset where it stops being UTF-8. */
export type Decoded = { readonly text: string } | { readonly invalidAt: number }

const strictDecoder = new TextDecoder('utf-8', { fatal: true })

/** Decodes UTF-8 (dropping a BOM); on bad bytes, finds the first one so it can be reported by line. */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: strictDecoder.decode(bytes) }
  } catch {
    return { invalidAt: findInvalidUtf8(bytes) }
  }
}

function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const lead = bytes[i]!
    const length =
      lead < 0x80
        ? 1
        : lead >= 0xc2 && lead < 0xe0
          ? 2
          : lead >= 0xe0 && lead < 0xf0
            ? 3
            : lead >= 0xf0 && lead < 0xf5
              ? 4
              : 0
    if (length === 0 || i + length > bytes.length) return i
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i
    // Overlong forms, surrogates and code points above U+10FFFF.
    const second = bytes[i + 1] ?? 0
    if (lead === 0xe0 && second < 0xa0) return i
    if (lead === 0xed && second >= 0xa0) return i
    if (lead === 0xf0 && second < 0x90) return i
    if (lead === 0xf4 && second >= 0x90) return i
    i += length
  }
  return bytes.length
}

/** 1-based line and column of a byte offset, counting columns in bytes. */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}
