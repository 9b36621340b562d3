/**
 * The forms a secret can leak in: as is, base64 (padded, unpadded, URL-safe), URL-encoded, and,
 * for a token that is itself base64 (GoodData tokens are base64 of user:name:secret), decoded.
 */
export function secretForms(secret: string): string[] {
  if (secret.length < 4) return []
  const base64 = Buffer.from(secret).toString('base64')
  const forms = new Set([
    secret,
    base64,
    base64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(secret),
  ])
  const decoded = decodedBase64(secret)
  if (decoded !== undefined) forms.add(decoded)
  // Longest first, so that no shorter form splits a longer one and leaves part of it behind.
  return [...forms].filter((form) => form.length >= 4).sort((a, b) => b.length - a.length)
}

/** `text` with every form of every secret replaced by ***. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets)
    for (const form of formsOf(secret)) if (out.includes(form)) out = out.split(form).join('***')
  return out
}

/**
 * Each secret's forms, worked out once: every answer's headers are redacted before they are read, and
 * a run has a secret or two. Held in this process's memory only, as the secrets themselves are.
 */
const knownForms = new Map<string, readonly string[]>()
const MAX_KNOWN = 16

function formsOf(secret: string): readonly string[] {
  const known = knownForms.get(secret)
  if (known) return known
  const forms = secretForms(secret)
  if (knownForms.size >= MAX_KNOWN) knownForms.clear()
  knownForms.set(secret, forms)
  return forms
}

/** The text a base64 secret stands for, when it is base64 of printable text. */
function decodedBase64(secret: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || secret.length % 4 !== 0) return undefined
  const decoded = Buffer.from(secret, 'base64').toString('utf8')
  return /^[\x20-\x7e]{4,}$/.test(decoded) ? decoded : undefined
}
