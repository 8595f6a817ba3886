import type { Command } from 'commander';
import { explainAllocation } from '../../app/allocation/explain-allocation.js';
import { TollgateError } from '../../core/errors.js';
import type { OwnerDimension } from '../../ports/allocation-run-store.js';
import { printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

interface ExplainFlags {
  team?: string;
  service?: string;
  costCentre?: string;
  environment?: string;
  period: string;
  top: number;
  json?: boolean;
}
export async function runExplain(flags: ExplainFlags, command: Command) {
  const given: [OwnerDimension, string | undefined][] = [
    ['team', flags.team],
    ['service', flags.service],
    ['cost_centre', flags.costCentre],
    ['environment', flags.environment],
  ];
  const chosen = given.filter(([, value]) => value !== undefined);
  if (chosen.length !== 1)
    throw new TollgateError(
      'EXPLAIN_BAD_OWNER',
      'Give exactly one of --team, --service, --cost-centre or --environment.',
      'usage',
    );
  const [dimension, owner] = chosen[0]! as [OwnerDimension, string];
  const result = await withStores(command, (stores) =>
    explainAllocation(
      stores,
      { dimension, owner, period: flags.period, limit: flags.top },
      { period: '--period' },
    ),
  );
  if (flags.json) return printJson(result);
  const out = [
    `${dimension.replace('_', ' ')} ${owner}, ${result.period}: run ${result.run.id}, rule set v${result.run.ruleSetVersion}, catalogue v${result.run.catalogVersion}, loads ${result.run.loadIds.join(', ')}`,
    '',
    'By rule (effective cost):',
    renderTable(
      ['kind', 'rule', 'method', 'driver', 'currency', 'lines', 'billed', 'effective', 'environment from'],
      result.rules.map((rule) => [
        rule.kind,
        rule.ruleId ?? '(no rule matched)',
        rule.method ?? '',
        rule.driver ?? '',
        rule.currency,
        String(rule.lines),
        formatAmount(rule.billedCost),
        formatAmount(rule.effectiveCost),
        rule.environmentFrom === null
          ? ''
          : rule.environmentFrom === 'rule'
            ? 'the rule'
            : 'the env/environment tag',
      ]),
      [5, 6, 7],
    ),
    '',
    `Largest ${result.lines.length} lines:`,
    renderTable(
      ['source', 'provider', 'service', 'resource', 'rule', 'currency', 'effective'],
      result.lines.map((line) => [
        `load ${line.loadId} ${line.sourceFile}:${line.sourceRow}`,
        line.providerName ?? '',
        line.serviceName ?? '',
        line.resourceId ?? '',
        line.ruleId ?? '',
        line.currency,
        formatAmount(line.effectiveCost, 6),
      ]),
      [6],
    ),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
