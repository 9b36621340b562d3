import { UsageError } from '../usage-error.js'

/** One part of a target's credentials: the name its adapter reads, the CLI's variable, the action's input. */
export interface CredentialPart {
  readonly key: string
  readonly env: string
  readonly input: 'token' | 'username' | 'password'
}

/** Credentials by part key, read once, complete for one way to sign in. */
export type Credentials = Readonly<Record<string, string>>

interface SignInRules {
  readonly signIn: readonly (readonly CredentialPart[])[]
  readonly credentialsAre: string
}

/**
 * The first way to sign in whose parts are all set, read through `lookup` from the environment
 * (the CLI) or the action's inputs. Otherwise a UsageError names every way, by variable or by input.
 */
export function readCredentials(
  rules: SignInRules,
  via: 'env' | 'input',
  lookup: (part: CredentialPart) => string | undefined,
): Credentials {
  const found = findCredentials(rules, lookup)
  if (!found) throw new UsageError(describeMissing(rules, via))
  for (const part of rules.signIn.flat()) {
    const value = found[part.key]
    // Tokens and keys travel in a header: a line break (a file saved on Windows) or a non-ASCII character cannot.
    // A login and a password travel in a JSON body, where any character is fine.
    if (value !== undefined && part.input === 'token' && !/^[\x21-\x7e]+$/.test(value)) {
      const name = via === 'env' ? part.env : `the ${part.input} input`
      throw new UsageError(
        `${name} holds a space, a line break or a character outside ASCII, which no ${part.key === 'apiKey' ? 'API key' : part.key === 'sst' ? 'SST' : 'token'} has; set it again without them`,
      )
    }
  }
  return found
}

/** The first way to sign in whose parts are all set, or undefined. */
export function findCredentials(
  rules: SignInRules,
  lookup: (part: CredentialPart) => string | undefined,
): Credentials | undefined {
  for (const parts of rules.signIn) {
    const values = parts.map((part) => [part.key, lookup(part)] as const)
    if (values.every(([, value]) => value)) return Object.fromEntries(values) as Credentials
  }
  return undefined
}

/** `no token: set GOODDATA_TOKEN to …` or `the username and password inputs are empty: …`. */
export function describeMissing(rules: SignInRules, via: 'env' | 'input', needer = 'this'): string {
  const ways = rules.signIn.map((parts) =>
    joinWords(
      parts.map((part) => (via === 'env' ? part.env : part.input)),
      'and',
    ),
  )
  if (via === 'env') {
    const what = rules.signIn.length === 1 && rules.signIn[0]!.length === 1 ? 'token' : 'credentials'
    return `no ${what}: set ${joinWords(ways, 'or')} to ${rules.credentialsAre} (never pass ${what === 'token' ? 'it' : 'them'} on the command line)`
  }
  const first = rules.signIn[0]!
  const example = first.map((part) => `${part.input}: \${{ secrets.${part.env} }}`).join(', ')
  return `the ${joinWords(ways, 'or')} input${first.length > 1 || ways.length > 1 ? 's are' : ' is'} empty: ${needer} needs ${rules.credentialsAre}; pass ${first.length > 1 ? 'them' : 'it'} from a repository or environment secret (${example}) and check that the secret exists under that name`
}

/** `a and b`, `a, b or c`; a comma before `or` when a part is itself a list (`a and b, or c`). */
function joinWords(words: readonly string[], last: 'and' | 'or'): string {
  if (words.length <= 1) return words[0] ?? ''
  const comma = words.some((word) => word.includes(' and ')) ? ',' : ''
  return `${words.slice(0, -1).join(', ')}${comma} ${last} ${words.at(-1)}`
}
