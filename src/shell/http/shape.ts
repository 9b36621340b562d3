import { fieldProblem, isJsonObject, objectBodyProblem, type ShapeCheck } from './checked-answer.js'

/**
 * What is wrong with a value at `at` (`users[3].user.content.login`), or undefined. Like every
 * shape check, a problem names the field and never quotes what the server sent.
 */
export type Shape = (value: unknown, at: string) => string | undefined

/** A string, possibly empty. */
export const text: Shape = (value, at) => (typeof value === 'string' ? undefined : fieldProblem(at, 'a string', value))

/** A string with something in it: ids, logins, URIs. */
export const nonEmptyText: Shape = (value, at) =>
  typeof value === 'string' && value !== '' ? undefined : fieldProblem(at, 'a non-empty string', value)

/** A string `pattern` matches, described as `expected` when it does not. */
export function matching(pattern: RegExp, expected: string): Shape {
  return (value, at) =>
    typeof value === 'string' && pattern.test(value) ? undefined : fieldProblem(at, expected, value)
}

/** The shape, or nothing: absent and null both pass. */
export function optional(shape: Shape): Shape {
  return (value, at) => (value === undefined || value === null ? undefined : shape(value, at))
}

/** An object with these fields (others are ignored: answers grow). */
export function object(fields: Readonly<Record<string, Shape>>): Shape {
  return (value, at) => {
    if (!isJsonObject(value)) return fieldProblem(at, 'an object', value)
    for (const [name, shape] of Object.entries(fields)) {
      const problem = shape(value[name], at === '' ? name : `${at}.${name}`)
      if (problem !== undefined) return problem
    }
    return undefined
  }
}

/** A list whose every item has the shape. */
export function listOf(item: Shape): Shape {
  return (value, at) => {
    if (!Array.isArray(value)) return fieldProblem(at, 'a list', value)
    for (const [index, entry] of value.entries()) {
      const problem = item(entry, `${at}[${index}]`)
      if (problem !== undefined) return problem
    }
    return undefined
  }
}

/** A whole answer's body of the shape: first of all a JSON object. */
export function bodyOf(shape: Shape): ShapeCheck {
  return (body) => objectBodyProblem(body) ?? shape(body, '')
}
