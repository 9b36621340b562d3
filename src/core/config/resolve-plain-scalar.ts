/**
 * The value of a plain (unquoted) scalar under YAML 1.2's core schema, exactly as the `yaml`
 * library resolves it: its tags tried in its order (null, bool, octal, decimal and hex integers,
 * infinity and NaN, exponent and fixed floats), else the string itself. So `0o17` is 15 and `0x1F`
 * is 31, while `0b11`, `yes`, `on` and `1_000` stay strings, and `+.5` is 0.5.
 */
export function resolvePlainScalar(raw: string): string | number | boolean | null {
  const first = raw.charCodeAt(0)
  // Only these first characters can start a non-string: digits, + - . ~ n N t T f F and the empty string.
  if (!(raw === '' || (first >= 48 && first <= 57) || MAY_START_NON_STRING[first] === 1)) return raw
  // Starting with a letter, only null, true and false are not strings: First1, Nora and Tom are passed at once.
  if (first >= 65 && first <= 122 && raw.length !== 4 && raw.length !== 5) return raw
  if (NULL.test(raw)) return null
  if (BOOL.test(raw)) return first === 116 || first === 84
  if (INT_OCT.test(raw)) return parseInt(raw.substring(2), 8)
  if (INT.test(raw)) return parseInt(raw, 10)
  if (INT_HEX.test(raw)) return parseInt(raw.substring(2), 16)
  if (FLOAT_NAN.test(raw))
    return raw.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : raw[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY
  if (FLOAT_EXP.test(raw) || FLOAT.test(raw)) return parseFloat(raw)
  return raw
}

const MAY_START_NON_STRING = new Uint8Array(128)
for (const char of '+-.~nNtTfF') MAY_START_NON_STRING[char.charCodeAt(0)] = 1
// The `yaml` library's core schema tests (yaml/dist/schema/core and common/null), in its order.
const NULL = /^(?:~|[Nn]ull|NULL)?$/
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/
const INT_OCT = /^0o[0-7]+$/
const INT = /^[-+]?[0-9]+$/
const INT_HEX = /^0x[0-9a-fA-F]+$/
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/
