/** Longest pattern a rule may hold; real tag and id patterns are far shorter. */
export const MAX_PATTERN_LENGTH = 256;
const MAX_REPEAT = 1000;

interface GroupFrame {
  hasQuantifier: boolean;
  hasAlternation: boolean;
}

/**
 * Checks a rule's regular expression before it is stored; returns why it is refused, or null.
 * Allocation runs match regexes in the store with RE2 (linear time, no backtracking), but the
 * in-memory reference evaluator uses JavaScript's backtracking engine and the pattern must mean
 * the same in both. So patterns are kept to the subset both engines read alike, without the
 * shapes that make a backtracking engine take exponential time:
 * 1. Bounded length (256 characters) and repeat counts ({n,m} up to 1000).
 * 2. No backreferences, lookaround, named groups or inline flags (`(?` other than `(?:`).
 * 3. Star height 1: a group under a repeating quantifier (*, +, {n,m} with m > 1) may not
 *    itself hold a quantifier or an alternation — `(a+)+`, `(a*)*`, `(a|aa)*` are refused,
 *    `[ab]*`, `(ab)+`, `(prod|staging)-.*` are fine.
 * 4. It must compile.
 */
export function checkRegex(pattern: string): string | null {
  if (pattern.length === 0) return 'the pattern is empty';
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch (error) {
    return `it does not compile: ${error instanceof Error ? error.message : String(error)}`;
  }
  const stack: GroupFrame[] = [{ hasQuantifier: false, hasAlternation: false }];
  /** The last thing a quantifier could apply to: a group's frame, or an atom (null). */
  let lastGroup: GroupFrame | null | undefined;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index]!;
    const top = stack[stack.length - 1]!;
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not supported';
      index++;
      lastGroup = null;
      continue;
    }
    if (char === '[') {
      index = skipClass(pattern, index);
      lastGroup = null;
      continue;
    }
    if (char === '(') {
      if (pattern[index + 1] === '?') {
        if (pattern[index + 2] !== ':')
          return 'lookaround, named groups and inline flags are not supported; use (?: ) or plain groups';
        index += 2;
      }
      stack.push({ hasQuantifier: false, hasAlternation: false });
      lastGroup = undefined;
      continue;
    }
    if (char === ')') {
      const frame = stack.pop()!;
      const parent = stack[stack.length - 1]!;
      parent.hasQuantifier ||= frame.hasQuantifier;
      parent.hasAlternation ||= frame.hasAlternation;
      lastGroup = frame;
      continue;
    }
    if (char === '|') {
      top.hasAlternation = true;
      lastGroup = undefined;
      continue;
    }
    const quantifier = readQuantifier(pattern, index);
    if (quantifier) {
      if (quantifier.max !== null && quantifier.max > MAX_REPEAT)
        return `repeat counts above ${MAX_REPEAT} are not supported`;
      if (quantifier.min > MAX_REPEAT) return `repeat counts above ${MAX_REPEAT} are not supported`;
      const repeats = quantifier.max === null || quantifier.max > 1;
      if (lastGroup && repeats && (lastGroup.hasQuantifier || lastGroup.hasAlternation)) {
        return 'a repeated group holds a quantifier or alternation (like (a+)+ or (a|aa)*), which can take exponential time; use a character class or a single level of repetition';
      }
      top.hasQuantifier = true;
      index = quantifier.end;
      if (pattern[index + 1] === '?') index++;
      lastGroup = undefined;
      continue;
    }
    lastGroup = null;
  }
  return null;
}

function skipClass(pattern: string, start: number): number {
  let index = start + 1;
  if (pattern[index] === '^') index++;
  if (pattern[index] === ']') index++;
  while (index < pattern.length && pattern[index] !== ']') {
    if (pattern[index] === '\\') index++;
    index++;
  }
  return index;
}

function readQuantifier(
  pattern: string,
  index: number,
): { min: number; max: number | null; end: number } | null {
  const char = pattern[index];
  if (char === '*') return { min: 0, max: null, end: index };
  if (char === '+') return { min: 1, max: null, end: index };
  if (char === '?') return { min: 0, max: 1, end: index };
  if (char === '{') {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));
    if (!match) return null;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? null : Number(match[3]);
    return { min, max, end: index + match[0].length - 1 };
  }
  return null;
}
