import { TollgateError } from '../core/errors.js';

/**
 * Readers of one setting's text (from a flag or a TOLLGATE_* variable; undefined when unset).
 * The configuration schema is built from them rather than from zod: every command reads the
 * configuration at start, and zod is about 95 modules, a fifth of what `tollgate costs` spent
 * starting (npm run bench:cli). The messages are the ones zod 4 gave, so an invalid setting
 * reads as before.
 */
export interface SettingReader<T, Optional extends boolean = false> {
  /** The setting's value, or a message that says what is wrong (the first check that failed). */
  read(text: string | undefined): { value: T } | { problem: string };
  /** An optional setting is undefined when unset (its key is optional in the configuration type). */
  readonly optional: Optional;
}

/** The configuration a set of readers produces: optional settings as optional keys. */
export type SettingsOf<S extends Record<string, SettingReader<unknown, boolean>>> = {
  [K in keyof S as S[K] extends SettingReader<unknown, true> ? never : K]: ValueOf<S[K]>;
} & {
  [K in keyof S as S[K] extends SettingReader<unknown, true> ? K : never]?: ValueOf<S[K]>;
};

type ValueOf<R> = R extends SettingReader<infer T, boolean> ? T : never;

/**
 * Reads every setting of `schema` from its text, in the schema's order; the first invalid one
 * is refused as a usage error that names it (`prefix` + its key, e.g. postgres.poolSize).
 */
export function readSettings<S extends Record<string, SettingReader<unknown, boolean>>>(
  schema: S,
  texts: { [K in keyof S]: string | undefined },
  prefix = '',
): SettingsOf<S> {
  const settings: Record<string, unknown> = {};
  for (const [key, reader] of Object.entries(schema)) {
    const result = reader.read(texts[key]);
    if ('problem' in result) {
      throw new TollgateError(
        'CONFIG_INVALID',
        `Setting ${prefix}${key} is invalid: ${result.problem}.`,
        'usage',
      );
    }
    settings[key] = result.value;
  }
  return settings as SettingsOf<S>;
}

/** A whole number from `min` to `max`; unset means `fallback`. Text is read as JavaScript's Number() reads it. */
export function wholeNumber(bounds: { min: number; max: number; fallback: number }): SettingReader<number> {
  return required<number>(bounds.fallback, (text) => {
    const value = Number(text);
    if (!Number.isFinite(value)) return { problem: `Invalid input: expected number, received ${value}` };
    if (!Number.isInteger(value)) return { problem: 'Invalid input: expected int, received number' };
    if (value > Number.MAX_SAFE_INTEGER)
      return { problem: `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}` };
    if (value < Number.MIN_SAFE_INTEGER)
      return { problem: `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}` };
    if (value < bounds.min) return { problem: `Too small: expected number to be >=${bounds.min}` };
    if (value > bounds.max) return { problem: `Too big: expected number to be <=${bounds.max}` };
    return { value };
  });
}

interface TextRules {
  min?: number;
  max?: number;
  /** The text must match; `hint` says how to write it. */
  pattern?: { regex: RegExp; hint: string };
}

/** A text within the length bounds (and matching the pattern); unset means `fallback`. */
export function text(rules: TextRules & { fallback: string }): SettingReader<string> {
  return required(rules.fallback, (value) => checkText(value, rules));
}

/** A text within the length bounds; unset leaves the setting undefined. */
export function optionalText(rules: TextRules): SettingReader<string, true> {
  return {
    optional: true,
    read: (value) => (value === undefined ? { value: undefined as never } : checkText(value, rules)),
  };
}

/** One of `choices`; unset means `fallback`. */
export function oneOf<const C extends string>(choices: readonly C[], fallback: C): SettingReader<C> {
  // Listed as zod listed an enum's options: the keys of an object, so number-like ones first.
  const listed = Object.keys(Object.fromEntries(choices.map((choice) => [choice, choice])))
    .map((choice) => `"${choice}"`)
    .join('|');
  return required<C>(fallback, (value) =>
    (choices as readonly string[]).includes(value)
      ? { value: value as C }
      : { problem: `Invalid option: expected one of ${listed}` },
  );
}

/** A URL the WHATWG parser accepts, trimmed (tabs and line breaks removed, as the parser does); unset means `fallback`. */
export function url(fallback: string): SettingReader<string> {
  return required<string>(fallback, (value) => {
    const trimmed = value.trim();
    return URL.canParse(trimmed) ? { value: trimmed.replace(/[\t\n\r]/g, '') } : { problem: 'Invalid URL' };
  });
}

/** A setting read by `reader`, then turned into the value the configuration holds. */
export function mapped<T, U>(reader: SettingReader<T>, convert: (value: T) => U): SettingReader<U> {
  return {
    optional: false,
    read: (value) => {
      const result = reader.read(value);
      return 'problem' in result ? result : { value: convert(result.value) };
    },
  };
}

function required<T>(
  fallback: T,
  check: (text: string) => { value: T } | { problem: string },
): SettingReader<T> {
  return { optional: false, read: (value) => (value === undefined ? { value: fallback } : check(value)) };
}

function checkText(value: string, rules: TextRules): { value: string } | { problem: string } {
  if (rules.min !== undefined && value.length < rules.min)
    return { problem: `Too small: expected string to have >=${rules.min} characters` };
  if (rules.max !== undefined && value.length > rules.max)
    return { problem: `Too big: expected string to have <=${rules.max} characters` };
  if (rules.pattern && !rules.pattern.regex.test(value)) return { problem: rules.pattern.hint };
  return { value };
}
