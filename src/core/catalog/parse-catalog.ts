import { z } from 'zod';
import {
  type BusinessUnit,
  type Catalog,
  type CostCentre,
  type Environment,
  type Service,
  type Team,
  UNALLOCATED,
} from './catalog-model.js';
import {
  type LocatedYaml,
  type Problem,
  parseLocatedYaml,
  type YamlPath,
  type YamlSource,
  zodProblems,
} from './yaml-document.js';

const slug = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'ids are lower-case slugs (letters, digits, dot, dash), e.g. checkout-api',
  );
const name = z.string().min(1);

const catalogFileSchema = z.strictObject({
  business_units: z.array(z.strictObject({ id: slug, name, parent: slug.optional() })).optional(),
  cost_centres: z.array(z.strictObject({ id: slug, name, business_unit: slug })).optional(),
  teams: z.array(z.strictObject({ id: slug, name, cost_centre: slug, parent: slug.optional() })).optional(),
  services: z
    .array(
      z.strictObject({
        id: slug,
        name,
        owner_team: slug,
        cost_centre: slug.optional(),
        criticality: z.enum(['low', 'medium', 'high', 'critical']),
        environments: z.array(slug).default([]),
        revenue_per_outage_hour: z
          .union([z.string(), z.number()])
          .transform(String)
          .refine((text) => /^\d+(\.\d+)?$/.test(text), 'a non-negative amount such as 1500.00')
          .optional(),
      }),
    )
    .optional(),
  environments: z
    .array(z.strictObject({ id: slug, name, production: z.boolean().default(false) }))
    .optional(),
});
type CatalogFile = z.infer<typeof catalogFileSchema>;
type Section = keyof CatalogFile;

/** Where an entry was written, to point problems at it. */
interface Origin {
  yaml: LocatedYaml;
  path: YamlPath;
}

interface Located<T> {
  value: T;
  origin: Origin;
}

const KIND_OF: Record<Section, string> = {
  business_units: 'business unit',
  cost_centres: 'cost centre',
  teams: 'team',
  services: 'service',
  environments: 'environment',
};

/**
 * Reads a catalogue written as one YAML file or several (a folder, each file holding any of
 * the sections), then checks it as a whole: unknown fields, duplicate ids, references to
 * entries that do not exist, and loops in parent chains. Every problem names file and line.
 */
export function parseCatalog(sources: YamlSource[]): { catalog?: Catalog; problems: Problem[] } {
  const problems: Problem[] = [];
  const entries: { [S in Section]: Located<NonNullable<CatalogFile[S]>[number]>[] } = {
    business_units: [],
    cost_centres: [],
    teams: [],
    services: [],
    environments: [],
  };
  if (sources.length === 0) {
    return {
      problems: [{ file: '(none)', line: 1, message: 'no catalogue files (.yaml or .yml) were given' }],
    };
  }
  for (const source of sources) {
    const parsed = parseLocatedYaml(source);
    problems.push(...parsed.problems);
    if (!parsed.yaml) continue;
    const yaml = parsed.yaml;
    const checked = catalogFileSchema.safeParse(yaml.data ?? {});
    if (!checked.success) {
      problems.push(...zodProblems(yaml, checked.error));
      continue;
    }
    for (const section of Object.keys(entries) as Section[]) {
      const list = (checked.data[section] ?? []) as { id: string }[];
      list.forEach((value, index) => {
        (entries[section] as Located<{ id: string }>[]).push({
          value,
          origin: { yaml, path: [section, index] },
        });
      });
    }
  }
  if (problems.length > 0) return { problems: sortProblems(problems) };

  const at = (origin: Origin, field: string | undefined, message: string): Problem => ({
    file: origin.yaml.file,
    line: field ? origin.yaml.lineOf([...origin.path, field]) : origin.yaml.lineOf(origin.path),
    message,
  });
  const ids = {} as Record<Section, Set<string>>;
  for (const section of Object.keys(entries) as Section[]) {
    const seen = new Map<string, Origin>();
    for (const entry of entries[section] as Located<{ id: string }>[]) {
      const { id } = entry.value;
      const first = seen.get(id);
      if (id === UNALLOCATED) {
        problems.push(
          at(entry.origin, 'id', `'${UNALLOCATED}' is reserved for cost no rule claims; choose another id`),
        );
      } else if (first) {
        problems.push(
          at(
            entry.origin,
            'id',
            `duplicate ${KIND_OF[section]} id '${id}' (first defined at ${first.yaml.file}:${first.yaml.lineOf([...first.path, 'id'])}); ids must be unique`,
          ),
        );
      } else seen.set(id, entry.origin);
    }
    ids[section] = new Set(seen.keys());
  }
  const reference = (entry: Located<object>, field: string, section: Section, value: string | undefined) => {
    if (value === undefined || ids[section].has(value)) return;
    problems.push(
      at(
        entry.origin,
        field,
        `unknown ${KIND_OF[section]} '${value}' in ${field}; define it under ${section} or fix the reference`,
      ),
    );
  };
  for (const entry of entries.business_units)
    reference(entry, 'parent', 'business_units', entry.value.parent);
  for (const entry of entries.cost_centres)
    reference(entry, 'business_unit', 'business_units', entry.value.business_unit);
  for (const entry of entries.teams) {
    reference(entry, 'cost_centre', 'cost_centres', entry.value.cost_centre);
    reference(entry, 'parent', 'teams', entry.value.parent);
  }
  for (const entry of entries.services) {
    reference(entry, 'owner_team', 'teams', entry.value.owner_team);
    reference(entry, 'cost_centre', 'cost_centres', entry.value.cost_centre);
    entry.value.environments.forEach((environment, index) => {
      if (!ids.environments.has(environment)) {
        problems.push({
          file: entry.origin.yaml.file,
          line: entry.origin.yaml.lineOf([...entry.origin.path, 'environments', index]),
          message: `unknown environment '${environment}' in environments; define it under environments or fix the reference`,
        });
      }
    });
  }
  problems.push(
    ...findParentCycles(entries.teams, 'team'),
    ...findParentCycles(entries.business_units, 'business unit'),
  );
  if (problems.length > 0) return { problems: sortProblems(problems) };

  const teamCostCentre = new Map(entries.teams.map((entry) => [entry.value.id, entry.value.cost_centre]));
  const catalog: Catalog = {
    businessUnits: entries.business_units.map(
      ({ value }): BusinessUnit => withParent({ id: value.id, name: value.name }, value.parent),
    ),
    costCentres: entries.cost_centres.map(
      ({ value }): CostCentre => ({ id: value.id, name: value.name, businessUnit: value.business_unit }),
    ),
    teams: entries.teams.map(
      ({ value }): Team =>
        withParent({ id: value.id, name: value.name, costCentre: value.cost_centre }, value.parent),
    ),
    services: entries.services.map(
      ({ value }): Service => ({
        id: value.id,
        name: value.name,
        ownerTeam: value.owner_team,
        costCentre: value.cost_centre ?? teamCostCentre.get(value.owner_team)!,
        criticality: value.criticality,
        environments: value.environments,
        ...(value.revenue_per_outage_hour === undefined
          ? {}
          : { revenuePerOutageHour: value.revenue_per_outage_hour }),
      }),
    ),
    environments: entries.environments.map(
      ({ value }): Environment => ({ id: value.id, name: value.name, production: value.production }),
    ),
  };
  return { catalog, problems: [] };
}

function withParent<T extends object>(value: T, parent: string | undefined): T & { parent?: string } {
  return parent === undefined ? value : { ...value, parent };
}

/** Follows each parent chain; a chain that comes back to an entry already on it is a loop. */
function findParentCycles(entries: Located<{ id: string; parent?: string }>[], kind: string): Problem[] {
  const byId = new Map(entries.map((entry) => [entry.value.id, entry]));
  const reported = new Set<string>();
  const problems: Problem[] = [];
  for (const start of entries) {
    const chain: string[] = [];
    let current: Located<{ id: string; parent?: string }> | undefined = start;
    while (current && !chain.includes(current.value.id)) {
      chain.push(current.value.id);
      current = current.value.parent === undefined ? undefined : byId.get(current.value.parent);
    }
    if (!current) continue;
    const loop = chain.slice(chain.indexOf(current.value.id));
    const key = [...loop].sort().join(',');
    if (reported.has(key)) continue;
    reported.add(key);
    const first = byId.get(loop[0]!)!;
    problems.push({
      file: first.origin.yaml.file,
      line: first.origin.yaml.lineOf([...first.origin.path, 'parent']),
      message: `${kind} parents form a cycle: ${[...loop, loop[0]].join(' -> ')}; a parent chain must end at an entry without a parent`,
    });
  }
  return problems;
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
