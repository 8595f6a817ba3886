import { z } from 'zod';
import { explainAllocation } from '../../app/allocation/explain-allocation.js';
import { countEntries, requireCurrentCatalog, storeCatalog } from '../../app/allocation/manage-catalog.js';
import { closePeriod, reopenPeriod } from '../../app/allocation/manage-periods.js';
import { ALL_PERIODS, storeRuleSet } from '../../app/allocation/manage-rules.js';
import { previewRuleSet } from '../../app/allocation/preview-rules.js';
import { invalidFileError } from '../../app/allocation/read-yaml-sources.js';
import { parsePeriod } from '../../core/allocation/billing-period.js';
import { parseRuleSet, type RuleSetCheck } from '../../core/allocation/parse-rule-set.js';
import { CatalogIndex } from '../../core/catalog/catalog-index.js';
import { parseCatalog } from '../../core/catalog/parse-catalog.js';
import { TollgateError } from '../../core/errors.js';
import type { OwnerDimension } from '../../ports/allocation-run-store.js';
import type { Stores } from '../../ports/stores.js';
import {
  catalogVersionSchema,
  closedPeriodSchema,
  explainSchema,
  reopenedPeriodSchema,
  rulePreviewSchema,
  ruleSetVersionSchema,
} from '../finance-schemas.js';
import { defineRoute } from '../route-spec.js';

const period = z.string().min(1).max(20).describe('a month, YYYY-MM');
/** A name for messages (file:line); never used as a path, so it may not look like one. */
const fileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a plain file name: letters, digits, dot, dash, underscore')
  .describe('the name problems are reported against (file:line)');
const yamlText = z
  .string()
  .max(4 * 1024 * 1024)
  .describe('the YAML document, as text');
const problemSchema = z.object({ file: z.string(), line: z.number(), message: z.string() });

const rulesBody = z
  .object({
    yaml: yamlText,
    fileName: fileName.default('rules.yaml'),
    catalogYaml: yamlText.optional().describe('check against this catalogue instead of the stored one'),
  })
  .strict();

const catalogBody = z
  .object({
    yaml: yamlText.optional(),
    fileName: fileName.default('catalog.yaml'),
    files: z
      .array(z.object({ name: fileName, yaml: yamlText }).strict())
      .min(1)
      .max(200)
      .optional()
      .describe('a catalogue split over several files, read in name order like a folder'),
  })
  .strict();

const DIMENSIONS = {
  team: 'team',
  service: 'service',
  'cost-centre': 'cost_centre',
  'business-unit': 'business_unit',
  environment: 'environment',
} as const satisfies Record<string, OwnerDimension>;

/** The catalogue a rule set is checked against: the one sent with it, else the stored one. */
function catalogIndexFor(stores: Stores, catalogYaml: string | undefined): Promise<CatalogIndex> {
  if (catalogYaml === undefined) return requireCurrentCatalog(stores).then(({ index }) => index);
  const { catalog, problems } = parseCatalog([{ file: 'catalog.yaml', text: catalogYaml }]);
  if (!catalog) throw invalidFileError('CATALOG_INVALID', 'The catalogue sent with the rules', problems);
  return Promise.resolve(new CatalogIndex(catalog));
}

/** Parses a rule set sent as text, exactly as `tollgate rules check` parses a file. */
async function requireValidRuleText(stores: Stores, body: z.output<typeof rulesBody>) {
  const check: RuleSetCheck = parseRuleSet(
    { file: body.fileName, text: body.yaml },
    await catalogIndexFor(stores, body.catalogYaml),
  );
  if (!check.ruleSet)
    throw invalidFileError('RULES_INVALID', `The rule set ${body.fileName}`, check.problems);
  return { ...check, ruleSet: check.ruleSet };
}

function parseCatalogBody(body: z.output<typeof catalogBody>) {
  if ((body.yaml === undefined) === (body.files === undefined))
    throw new TollgateError(
      'CATALOG_BAD_BODY',
      'Send the catalogue as yaml (one document) or as files (name and yaml each), not both and not neither.',
      'usage',
    );
  const sources = body.files
    ? [...body.files]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((f) => ({ file: f.name, text: f.yaml }))
    : [{ file: body.fileName, text: body.yaml! }];
  const { catalog, problems } = parseCatalog(sources);
  const label = body.files ? `The catalogue (${sources.length} files)` : `The catalogue ${body.fileName}`;
  if (!catalog) throw invalidFileError('CATALOG_INVALID', label, problems);
  return { catalog, sourcePath: `api:${sources.map((source) => source.file).join(',')}` };
}

export const allocationRoutes = [
  defineRoute({
    id: 'checkRules',
    method: 'POST',
    path: '/api/v1/rules/check',
    summary:
      'Check a rule set (YAML text) like tollgate rules check: every problem with its line (422 RULES_INVALID), warnings for rules that can never match',
    tag: 'allocation',
    permission: 'sources:read',
    body: rulesBody,
    response: z.object({
      valid: z.literal(true),
      fileName: z.string(),
      mappingRules: z.number(),
      sharedRules: z.number(),
      warnings: z.array(problemSchema),
    }),
    errors: { 409: 'No catalogue applied (CATALOG_MISSING)', 422: 'Problems by line (RULES_INVALID)' },
    handler: async ({ body, services }) => {
      const check = await requireValidRuleText(services.stores, body);
      return {
        valid: true as const,
        fileName: body.fileName,
        mappingRules: check.ruleSet.mapping.length,
        sharedRules: check.ruleSet.shared.length,
        warnings: check.warnings,
      };
    },
  }),
  defineRoute({
    id: 'previewRules',
    method: 'POST',
    path: '/api/v1/rules/preview',
    summary:
      'What a rule set (YAML text) would change in a period before applying it: cost moving between owners, the new unallocated share; nothing is stored',
    tag: 'allocation',
    permission: 'sources:read',
    body: z
      .object({
        yaml: yamlText,
        fileName: fileName.default('rules.yaml'),
        period,
        by: z.enum(Object.keys(DIMENSIONS) as [keyof typeof DIMENSIONS]).default('team'),
      })
      .strict(),
    response: rulePreviewSchema,
    errors: { 409: 'No catalogue or no data in the period', 422: 'Problems by line (RULES_INVALID)' },
    handler: async ({ body, services }) => {
      const period = parsePeriod(body.period, 'period');
      const check = await requireValidRuleText(services.stores, { ...body, catalogYaml: undefined });
      return previewRuleSet(services.stores, check, period, DIMENSIONS[body.by]);
    },
  }),
  defineRoute({
    id: 'applyRules',
    method: 'POST',
    path: '/api/v1/rules/versions',
    summary:
      'Check and store a rule set (YAML text) as a new version like tollgate rules apply (audited); closed periods keep their allocation',
    tag: 'allocation',
    permission: 'allocation:run',
    body: z
      .object({
        yaml: yamlText,
        fileName: fileName.default('rules.yaml'),
        effectiveFrom: period
          .optional()
          .describe('first period it applies to (default: effective_from in the text, else every period)'),
      })
      .strict(),
    status: 201,
    response: ruleSetVersionSchema
      .omit({ yamlText: true, ruleSet: true })
      .extend({ warnings: z.array(problemSchema), frozenPeriods: z.array(z.string()) }),
    errors: { 409: 'No catalogue applied (CATALOG_MISSING)', 422: 'Problems by line (RULES_INVALID)' },
    handler: async ({ body, actor, services }) => {
      const stores = services.stores;
      const effectiveFromOption =
        body.effectiveFrom === undefined ? undefined : parsePeriod(body.effectiveFrom, 'effectiveFrom');
      const check = await requireValidRuleText(stores, { ...body, catalogYaml: undefined });
      const effectiveFrom = effectiveFromOption ?? check.ruleSet.effectiveFrom ?? ALL_PERIODS;
      const stored = await storeRuleSet(stores, actor, {
        ruleSet: check.ruleSet,
        warnings: check.warnings,
        yamlText: body.yaml,
        sourcePath: `api:${body.fileName}`,
        effectiveFrom,
      });
      const { yamlText: _text, ruleSet: _rules, ...version } = stored.version;
      return { ...version, warnings: stored.warnings, frozenPeriods: stored.frozenPeriods };
    },
  }),
  defineRoute({
    id: 'checkCatalog',
    method: 'POST',
    path: '/api/v1/catalog/check',
    summary:
      'Validate a catalogue (YAML text, one or several files) like tollgate catalog validate; stores nothing',
    tag: 'allocation',
    permission: 'sources:read',
    body: catalogBody,
    response: z.object({ valid: z.literal(true), counts: z.record(z.string(), z.number()) }),
    errors: { 422: 'Problems by file and line (CATALOG_INVALID)' },
    handler: async ({ body }) => ({
      valid: true as const,
      counts: countEntries(parseCatalogBody(body).catalog),
    }),
  }),
  defineRoute({
    id: 'applyCatalog',
    method: 'POST',
    path: '/api/v1/catalog',
    summary:
      'Validate and store a catalogue (YAML text) as a new version like tollgate catalog apply (audited); the same content is not stored twice',
    tag: 'allocation',
    permission: 'allocation:run',
    body: catalogBody,
    status: 201,
    response: catalogVersionSchema
      .omit({ catalog: true })
      .extend({ status: z.enum(['applied', 'unchanged']), counts: z.record(z.string(), z.number()) }),
    errors: { 422: 'Problems by file and line (CATALOG_INVALID); nothing is applied' },
    handler: async ({ body, actor, services }) => {
      const stores = services.stores;
      const { catalog, sourcePath } = parseCatalogBody(body);
      const stored = await storeCatalog(stores, actor, catalog, sourcePath);
      const { catalog: _stored, ...described } = stored.version;
      return { status: stored.status, ...described, counts: countEntries(catalog) };
    },
  }),
  defineRoute({
    id: 'explainAllocation',
    method: 'GET',
    path: '/api/v1/explain',
    summary:
      'Trace an allocated figure back like tollgate explain: the rules and the largest cost lines behind one team, service, cost centre or environment (and whether a rule or the tag gave the environment)',
    tag: 'allocation',
    permission: 'costs:detail',
    query: z
      .object({
        team: z.string().min(1).max(200).optional(),
        service: z.string().min(1).max(200).optional(),
        costCentre: z.string().min(1).max(200).optional(),
        environment: z.string().min(1).max(200).optional(),
        period,
        top: z.coerce.number().int().min(1).max(1000).default(10),
      })
      .strict(),
    response: explainSchema,
    errors: { 404: 'No cost allocated to that owner', 409: 'The period is not allocated (ALLOC_NOT_RUN)' },
    handler: async ({ query, services }) => {
      const given: [OwnerDimension, string | undefined][] = [
        ['team', query.team],
        ['service', query.service],
        ['cost_centre', query.costCentre],
        ['environment', query.environment],
      ];
      const chosen = given.filter(([, value]) => value !== undefined);
      if (chosen.length !== 1)
        throw new TollgateError(
          'EXPLAIN_BAD_OWNER',
          'Give exactly one of team, service, costCentre or environment.',
          'usage',
        );
      const [dimension, owner] = chosen[0]! as [OwnerDimension, string];
      return explainAllocation(services.stores, { dimension, owner, period: query.period, limit: query.top });
    },
  }),
  defineRoute({
    id: 'closePeriod',
    method: 'POST',
    path: '/api/v1/periods/:period/close',
    summary: 'Close an allocated period: its allocation is frozen (audited)',
    tag: 'allocation',
    permission: 'allocation:run',
    params: z.object({ period }),
    response: closedPeriodSchema,
    errors: { 409: 'Already closed, or not allocated' },
    handler: async ({ params, actor, services }) => closePeriod(services.stores, params.period, actor),
  }),
  defineRoute({
    id: 'reopenPeriod',
    method: 'POST',
    path: '/api/v1/periods/:period/reopen',
    summary: 'Reopen a closed period so it can be allocated again (audited, with a reason)',
    tag: 'allocation',
    permission: 'allocation:run',
    params: z.object({ period }),
    body: z
      .object({ reason: z.string().min(1).max(1000).optional() })
      .strict()
      .optional(),
    response: reopenedPeriodSchema,
    errors: { 409: 'The period is not closed' },
    handler: async ({ params, body, actor, services }) =>
      reopenPeriod(services.stores, params.period, actor, body?.reason),
  }),
];
