import { InvalidArgumentError } from 'commander';

/** Parsers of option values, shared by the command definitions; each error says what to write instead. */

/** A repeatable option: each use adds its value. */
export function collect(text: string, all: string[] = []): string[] {
  return [...all, text];
}

export function positiveInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError('write a whole number of 1 or more.');
  return value;
}

/** How many lines a listing shows (`--top` of explain and quality): 1 to 1000. */
export function listLength(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 1000)
    throw new InvalidArgumentError('write a whole number from 1 to 1000.');
  return value;
}

export function nonNegativeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new InvalidArgumentError('write a whole number of 0 or more.');
  return value;
}

export function nonNegativeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError('write a number of 0 or more.');
  return value;
}

export function positiveNumber(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('write a number greater than 0.');
  return value;
}

export function burnRate(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value > 1000)
    throw new InvalidArgumentError(
      'write a burn rate greater than 0 (1 spends the budget exactly by the period end).',
    );
  return value;
}

export function parseWholeNumber(text: string, min: number, max: number, what: string): number {
  const cleaned = text.trim().replaceAll('_', '');
  const value = /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(
      `${what} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`,
    );
  }
  return value;
}

/** A TCP port from the command line (also `tollgate demo --serve --port`). */
export function parsePort(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new InvalidArgumentError('write a port from 0 to 65535.');
  return value;
}

/** How many jobs a process runs at once: 0 to 64. */
export function parseWorkerCount(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > 64)
    throw new InvalidArgumentError('write a whole number of workers from 0 to 64.');
  return value;
}

/** The CLI's names of a date range's bounds, for messages of the core. */
export const DATE_RANGE_FLAGS = { from: '--from', to: '--to' } as const;
