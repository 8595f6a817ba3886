import type { SqlParams } from '../../ports/sql-engine.js';

export interface PositionalQuery {
  text: string;
  names: string[];
}

const cache = new Map<string, PositionalQuery>();
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/**
 * Turns Tollgate's named parameters (`$name`, as DuckDB takes them) into PostgreSQL's
 * positional ones (`$1`), so stores can share SQL across engines.
 * Method: one left-to-right scan that copies quoted text ('...', "...", $tag$...$tag$) and
 * comments untouched, and numbers each distinct name at its first use. Cached per statement.
 */
export function toPositional(sql: string): PositionalQuery {
  const known = cache.get(sql);
  if (known) return known;
  const names: string[] = [];
  let text = '';
  let index = 0;
  while (index < sql.length) {
    const char = sql[index]!;
    const next = sql[index + 1];
    if (char === "'" || char === '"') {
      const end = closingQuote(sql, index, char);
      text += sql.slice(index, end);
      index = end;
    } else if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      const stop = end === -1 ? sql.length : end;
      text += sql.slice(index, stop);
      index = stop;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      const stop = end === -1 ? sql.length : end + 2;
      text += sql.slice(index, stop);
      index = stop;
    } else if (char === '$' && next !== undefined && NAME_START.test(next)) {
      let end = index + 1;
      while (end < sql.length && NAME_PART.test(sql[end]!)) end++;
      if (sql[end] === '$') {
        // A dollar-quoted body ($tag$ ... $tag$), as in a function definition.
        const tag = sql.slice(index, end + 1);
        const close = sql.indexOf(tag, end + 1);
        const stop = close === -1 ? sql.length : close + tag.length;
        text += sql.slice(index, stop);
        index = stop;
        continue;
      }
      const name = sql.slice(index + 1, end);
      let position = names.indexOf(name);
      if (position === -1) position = names.push(name) - 1;
      text += `$${position + 1}`;
      index = end;
    } else if (char === '$' && next === '$') {
      const close = sql.indexOf('$$', index + 2);
      const stop = close === -1 ? sql.length : close + 2;
      text += sql.slice(index, stop);
      index = stop;
    } else {
      text += char;
      index++;
    }
  }
  const query = { text, names };
  if (cache.size < 5000) cache.set(sql, query);
  return query;
}

function closingQuote(sql: string, start: number, quote: string): number {
  let index = start + 1;
  while (index < sql.length) {
    if (sql[index] === quote) {
      if (sql[index + 1] === quote) index += 2;
      else return index + 1;
    } else index++;
  }
  return sql.length;
}

/** The values for a positional query, in order; a name the caller did not give is an error. */
export function positionalValues(query: PositionalQuery, params: SqlParams | undefined): unknown[] {
  return query.names.map((name) => {
    if (!params || !(name in params)) throw new Error(`SQL parameter $${name} has no value`);
    const value = params[name];
    return typeof value === 'bigint' ? value.toString() : value;
  });
}
