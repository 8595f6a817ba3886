import type { CatalogIndex } from '../catalog/catalog-index.js';
import {
  describePath,
  type LocatedYaml,
  type Problem,
  parseLocatedYaml,
  type YamlPath,
  type YamlSource,
  zodProblems,
} from '../catalog/yaml-document.js';
import { Decimal } from '../money.js';
import { findUnreachableRules } from './find-unreachable-rules.js';
import {
  type Condition,
  MATCH_COLUMNS,
  type MappingRule,
  type MatchColumn,
  type MatchField,
  type RuleSet,
  type SharedRule,
} from './rule-set-model.js';
import { ruleSetFileSchema, type WhenFile } from './rule-set-schema.js';
import { checkRegex } from './safe-regex.js';

export interface RuleSetCheck {
  ruleSet?: RuleSet;
  problems: Problem[];
  /** Not wrong, but probably not meant: rules that can never match. */
  warnings: Problem[];
}

/**
 * Reads and checks a rule set file: YAML syntax, the schema (unknown fields are errors),
 * fields and operators of every condition, safe regexes, owners that exist in the catalogue,
 * split methods with what they need (a driver, shares that sum to exactly 100), unique ids;
 * then warns about rules that can never match. Every problem names file and line.
 */
export function parseRuleSet(source: YamlSource, catalog: CatalogIndex): RuleSetCheck {
  const parsed = parseLocatedYaml(source);
  if (!parsed.yaml) return { problems: parsed.problems, warnings: [] };
  const yaml = parsed.yaml;
  const checked = ruleSetFileSchema.safeParse(yaml.data ?? {});
  if (!checked.success) return { problems: zodProblems(yaml, checked.error), warnings: [] };
  const file = checked.data;
  const problems: Problem[] = [];
  const at = (path: YamlPath, message: string) =>
    problems.push({ file: yaml.file, line: yaml.lineOf(path), message });
  const tagKeys = file.tag_keys ?? 'exact';

  const ids = new Map<string, YamlPath>();
  const claimId = (id: string, path: YamlPath) => {
    const first = ids.get(id);
    if (first)
      at(
        [...path, 'id'],
        `duplicate rule id '${id}' (first at line ${yaml.lineOf([...first, 'id'])}); rule ids must be unique`,
      );
    else ids.set(id, path);
  };
  const team = (value: string, path: YamlPath) => {
    if (!catalog.teams.has(value))
      at(path, `unknown team '${value}'; it is not in the catalogue (apply a catalogue that has it)`);
  };

  const mapping: MappingRule[] = (file.mapping ?? []).map((rule, index) => {
    const path: YamlPath = ['mapping', index];
    claimId(rule.id, path);
    const conditions = readConditions(yaml, rule.when, [...path, 'when'], tagKeys, problems);
    const set = rule.set;
    if (set.team === undefined && set.service === undefined && set.cost_centre === undefined) {
      at([...path, 'set'], `rule '${rule.id}' sets no owner; set team, service or cost_centre`);
    }
    if (set.team !== undefined) team(set.team, [...path, 'set', 'team']);
    if (set.service !== undefined && !catalog.services.has(set.service))
      at([...path, 'set', 'service'], `unknown service '${set.service}'; it is not in the catalogue`);
    if (set.cost_centre !== undefined && !catalog.costCentres.has(set.cost_centre))
      at(
        [...path, 'set', 'cost_centre'],
        `unknown cost centre '${set.cost_centre}'; it is not in the catalogue`,
      );
    if (set.environment !== undefined && !catalog.environments.has(set.environment))
      at(
        [...path, 'set', 'environment'],
        `unknown environment '${set.environment}'; it is not in the catalogue`,
      );
    return {
      id: rule.id,
      conditions,
      set: stripUndefined({
        team: set.team,
        service: set.service,
        costCentre: set.cost_centre,
        environment: set.environment,
      }),
      line: yaml.lineOf([...path, 'id']),
    };
  });

  const shared: SharedRule[] = (file.shared ?? []).map((rule, index) => {
    const path: YamlPath = ['shared', index];
    claimId(rule.id, path);
    const conditions = readConditions(yaml, rule.when, [...path, 'when'], tagKeys, problems);
    let targets = rule.targets ?? [];
    let shares: Record<string, string> | undefined;
    if (rule.split === 'fixed') {
      if (!rule.shares)
        at(path, `rule '${rule.id}' splits 'fixed' but has no shares; give shares: {team: percent, ...}`);
      else {
        shares = {};
        let total = new Decimal(0);
        for (const [teamId, share] of Object.entries(rule.shares)) {
          const text = String(share);
          const value = /^\d+(\.\d+)?$/.test(text) ? new Decimal(text) : null;
          if (value === null) {
            at(
              [...path, 'shares', teamId],
              `share '${text}' for '${teamId}' is not a non-negative percentage`,
            );
            continue;
          }
          team(teamId, [...path, 'shares', teamId]);
          shares[teamId] = value.toString();
          total = total.plus(value);
        }
        if (!total.equals(100) && Object.keys(shares).length === Object.keys(rule.shares).length) {
          at(
            [...path, 'shares'],
            `fixed shares of rule '${rule.id}' sum to ${total.toString()}, not 100; adjust them so they sum to exactly 100`,
          );
        }
        if (rule.targets)
          at(
            [...path, 'targets'],
            `rule '${rule.id}' splits 'fixed': its targets are the keys of shares; remove targets`,
          );
        targets = Object.keys(rule.shares);
      }
    } else if (rule.shares) {
      at([...path, 'shares'], `shares only apply to split: fixed (rule '${rule.id}' splits '${rule.split}')`);
    }
    if (rule.split !== 'fixed') {
      if (targets.length === 0)
        at(path, `rule '${rule.id}' has no targets; list the teams that share this cost`);
      targets.forEach((value, targetIndex) => {
        team(value, [...path, 'targets', targetIndex]);
      });
      const seen = new Set<string>();
      targets.forEach((value, targetIndex) => {
        if (seen.has(value))
          at([...path, 'targets', targetIndex], `team '${value}' is listed twice in targets`);
        seen.add(value);
      });
    }
    if (rule.split === 'driver' && rule.driver === undefined)
      at(path, `rule '${rule.id}' splits by driver but names none; add driver: <metric>, e.g. cpu-hours`);
    if (rule.split !== 'driver' && rule.driver !== undefined)
      at(
        [...path, 'driver'],
        `driver only applies to split: driver (rule '${rule.id}' splits '${rule.split}')`,
      );
    return stripUndefined({
      id: rule.id,
      conditions,
      method: rule.split,
      targets: [...new Set(targets)].sort(),
      driver: rule.driver,
      shares,
      line: yaml.lineOf([...path, 'id']),
    }) as SharedRule;
  });

  if (problems.length > 0) return { problems: problems.sort((a, b) => a.line - b.line), warnings: [] };
  const ruleSet: RuleSet = { tagKeys, mapping, shared };
  if (file.effective_from !== undefined) ruleSet.effectiveFrom = file.effective_from;
  const warnings = findUnreachableRules(ruleSet).map((message) => ({
    file: yaml.file,
    line: message.line,
    message: message.message,
  }));
  return { ruleSet, problems: [], warnings };
}

function readConditions(
  yaml: LocatedYaml,
  when: WhenFile | undefined,
  path: YamlPath,
  tagKeys: RuleSet['tagKeys'],
  problems: Problem[],
): Condition[] {
  const conditions: Condition[] = [];
  for (const [name, raw] of Object.entries(when ?? {})) {
    const fieldPath = [...path, name];
    const problem = (message: string) =>
      problems.push({
        file: yaml.file,
        line: yaml.keyLineOf(path, name),
        message: `${describePath(fieldPath)}: ${message}`,
      });
    const spec = typeof raw === 'object' && raw !== null ? raw : { equals: String(raw) };
    let field: MatchField;
    if (name.startsWith('tag:') && name.length > 4) {
      field = {
        kind: 'tag',
        key: name.slice(4),
        ignoreKeyCase: spec.ignore_key_case ?? tagKeys === 'case-insensitive',
      };
    } else if ((MATCH_COLUMNS as readonly string[]).includes(name)) {
      if (spec.ignore_key_case !== undefined) problem('ignore_key_case applies to tag:<key> fields only');
      field = { kind: 'column', column: name as MatchColumn };
    } else {
      problem(
        `unknown field '${name}'; match on tag:<key> or a cost line column (${MATCH_COLUMNS.join(', ')})`,
      );
      continue;
    }
    const operators = (['equals', 'in', 'prefix', 'regex', 'missing'] as const).filter(
      (op) => spec[op] !== undefined,
    );
    if (operators.length !== 1) {
      problem(
        `give exactly one of equals, in, prefix, regex, missing (found ${operators.length === 0 ? 'none' : operators.join(', ')})`,
      );
      continue;
    }
    const op = operators[0]!;
    if (op === 'equals') conditions.push({ field, op, value: String(spec.equals) });
    else if (op === 'prefix') conditions.push({ field, op, value: String(spec.prefix) });
    else if (op === 'in') conditions.push({ field, op, values: spec.in!.map(String) });
    else if (op === 'missing') conditions.push({ field, op, missing: spec.missing! });
    else {
      const refused = checkRegex(spec.regex!);
      if (refused) problem(`regex '${spec.regex}' is refused: ${refused}`);
      else conditions.push({ field, op, pattern: spec.regex! });
    }
  }
  return conditions;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
