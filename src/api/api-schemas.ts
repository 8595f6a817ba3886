import { z } from 'zod';

/** Schemas shared by several routes. Amounts are decimal strings, never JSON numbers. */
export const decimalText = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('exact decimal amount');

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  createdBy: z.string(),
  input: z.record(z.string(), z.unknown()),
  progress: z.record(z.string(), z.unknown()).nullable(),
  result: z.unknown(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const idParams = z.object({ id: z.string().min(1).max(100) });

/** A query flag: ?all, ?all=true, ?all=1 are true; absent, false or 0 is false. */
export const queryFlag = z
  .enum(['', 'true', 'false', '1', '0'])
  .optional()
  .transform((value) => value === '' || value === 'true' || value === '1');

/** Fixed texts printed with a report (its definitions), each declared as its own literal. */
export function fixedTexts<T extends Record<string, string>>(texts: T) {
  const shape = Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, z.literal(text)]));
  return z.object(shape as { [K in keyof T]: z.ZodLiteral<T[K]> });
}
