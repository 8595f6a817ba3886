import { z } from 'zod';
import { SPLIT_METHODS } from './rule-set-model.js';

const id = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'ids are lower-case slugs (letters, digits, dot, dash), e.g. checkout-api',
  );
const scalar = z.union([z.string(), z.number(), z.boolean()]);

const conditionSchema = z.union([
  scalar,
  z.strictObject({
    equals: scalar.optional(),
    in: z.array(scalar).min(1, 'in needs at least one value').optional(),
    prefix: z.string().min(1).optional(),
    regex: z.string().optional(),
    missing: z.boolean().optional(),
    ignore_key_case: z.boolean().optional(),
  }),
]);

/** `field: value` (equals) or `field: {operator: value}`; fields are columns or tag:<key>. */
const whenSchema = z.record(z.string(), conditionSchema);
export type WhenFile = z.infer<typeof whenSchema>;

const mappingRuleSchema = z.strictObject({
  id,
  description: z.string().optional(),
  when: whenSchema.optional(),
  set: z.strictObject({
    team: id.optional(),
    service: id.optional(),
    cost_centre: id.optional(),
    environment: id.optional(),
  }),
});

const sharedRuleSchema = z.strictObject({
  id,
  description: z.string().optional(),
  when: whenSchema.optional(),
  split: z.enum(SPLIT_METHODS),
  targets: z.array(id).optional(),
  driver: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'driver names are lower-case slugs, e.g. cpu-hours')
    .optional(),
  shares: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});
export type RuleFile = z.infer<typeof mappingRuleSchema> | z.infer<typeof sharedRuleSchema>;

export const ruleSetFileSchema = z.strictObject({
  effective_from: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'effective_from is a period, YYYY-MM')
    .optional(),
  tag_keys: z.enum(['exact', 'case-insensitive']).optional(),
  mapping: z.array(mappingRuleSchema).optional(),
  shared: z.array(sharedRuleSchema).optional(),
});
