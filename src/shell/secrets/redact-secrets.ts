/** The forms a secret can leak in: as is, base64, and URL-encoded. */
export function secretForms(secret: string): string[] {
  if (secret.length < 4) return []
  const forms = new Set([secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)])
  return [...forms].filter((form) => form.length >= 4)
}

/** `text` with every form of every secret replaced by ***. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) for (const form of secretForms(secret)) out = out.split(form).join('***')
  return out
}
