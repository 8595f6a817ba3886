import { z } from 'zod';
import type { RuleChange } from '../core/allocation/diff-rule-sets.js';
import {
  type Condition,
  MATCH_COLUMNS,
  type MappingRule,
  type MatchField,
  type RuleSet,
  type SharedRule,
  SPLIT_METHODS,
} from '../core/allocation/rule-set-model.js';

/** Rule sets as the API answers them (the parsed model, camelCase), each tied to its core type. */
const matchFieldSchema = z.union([
  z.object({ kind: z.literal('column'), column: z.enum(MATCH_COLUMNS) }),
  z.object({ kind: z.literal('tag'), key: z.string(), ignoreKeyCase: z.boolean() }),
]) satisfies z.ZodType<MatchField>;

const field = { field: matchFieldSchema };
const conditionSchema = z.union([
  z.object({ ...field, op: z.literal('equals'), value: z.string() }),
  z.object({ ...field, op: z.literal('in'), values: z.array(z.string()) }),
  z.object({ ...field, op: z.literal('prefix'), value: z.string() }),
  z.object({ ...field, op: z.literal('regex'), pattern: z.string() }),
  z.object({ ...field, op: z.literal('missing'), missing: z.boolean() }),
]) satisfies z.ZodType<Condition>;

const mappingRuleShape = {
  id: z.string(),
  conditions: z.array(conditionSchema),
  set: z.object({
    team: z.string().optional(),
    service: z.string().optional(),
    costCentre: z.string().optional(),
    environment: z.string().optional(),
  }),
};
const sharedRuleShape = {
  id: z.string(),
  conditions: z.array(conditionSchema),
  method: z.enum(SPLIT_METHODS),
  targets: z.array(z.string()),
  driver: z.string().optional(),
  shares: z.record(z.string(), z.string()).optional(),
};
const line = { line: z.number().int() };

export const ruleSetSchema = z.object({
  effectiveFrom: z.string().optional(),
  tagKeys: z.enum(['exact', 'case-insensitive']),
  mapping: z.array(z.object({ ...mappingRuleShape, ...line }) satisfies z.ZodType<MappingRule>),
  shared: z.array(z.object({ ...sharedRuleShape, ...line }) satisfies z.ZodType<SharedRule>),
}) satisfies z.ZodType<RuleSet>;

const placedRule = z
  .object({
    position: z.number().int(),
    rule: z.union([z.object(sharedRuleShape), z.object(mappingRuleShape)]),
  })
  .nullable();

export const ruleChangeSchema = z.object({
  list: z.enum(['mapping', 'shared']),
  id: z.string(),
  change: z.enum(['added', 'removed', 'changed', 'moved']),
  before: placedRule,
  after: placedRule,
}) satisfies z.ZodType<RuleChange>;
