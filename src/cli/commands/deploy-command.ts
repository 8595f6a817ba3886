import type { Command } from 'commander';
import { personOf } from '../../app/access/acting-identity.js';
import {
  importDeploymentAudited,
  recordDeploymentAudited,
} from '../../app/governance/audited/delivery-writes.js';
import type { ImportFormat } from '../../app/governance/deployments/record-deployments.js';
import { TollgateError } from '../../core/errors.js';
import { isChangeType } from '../../core/governance/governance-types.js';
import { printJson, withStores } from '../cli-context.js';
import { withIdentity } from '../cli-identity.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';
import { readInputFile } from './ratecard-command.js';

interface RecordFlags {
  id?: string;
  deliveryId?: string;
  service: string;
  env: string;
  version: string;
  sha?: string;
  committedAt?: string;
  pipelineRun?: string;
  start: string;
  end: string;
  outcome: string;
  changeType: string;
  release?: string;
  change?: string;
  triggeredBy?: string;
  pipelineMinutes: string;
  json?: boolean;
}

function changeType(value: string) {
  if (!isChangeType(value))
    throw new TollgateError(
      'DEPLOYMENT_USAGE',
      `--change-type '${value}' is not one of standard, normal, emergency.`,
      'usage',
    );
  return value;
}
export async function runDeployRecord(flags: RecordFlags, command: Command) {
  const result = await withIdentity(command, 'governance:write', (stores, identity) =>
    recordDeploymentAudited(stores, identity, {
      id: flags.id,
      deliveryKey: flags.deliveryId === undefined ? undefined : `cli:${flags.deliveryId}`,
      source: 'cli',
      service: flags.service,
      environment: flags.env,
      version: flags.version,
      commitSha: flags.sha,
      committedAt: flags.committedAt,
      pipelineRun: flags.pipelineRun,
      startedAt: flags.start,
      finishedAt: flags.end,
      outcome: flags.outcome as never,
      changeType: changeType(flags.changeType),
      releaseId: flags.release,
      changeRequestId: flags.change,
      triggeredBy: flags.triggeredBy ?? personOf(identity),
      pipelineMinutes: flags.pipelineMinutes,
    }),
  );
  if (flags.json) printJson(result.deployment);
  else {
    const d = result.deployment;
    process.stdout.write(
      `Recorded ${d.id}: ${d.service} ${d.version} to ${d.environment}, ${d.outcome}; cost ${formatAmount(d.cost.total)} ${d.cost.currency}.\n`,
    );
  }
}

export async function runDeployImport(
  file: string,
  flags: {
    format: string;
    service?: string;
    env?: string;
    changeType: string;
    release?: string;
    change?: string;
    pipelineMinutes?: string;
    startedAt?: string;
    json?: boolean;
  },
  command: Command,
) {
  if (!['github', 'gitlab', 'argocd'].includes(flags.format)) {
    throw new TollgateError(
      'DEPLOYMENT_USAGE',
      `--format '${flags.format}' is not one of github, gitlab, argocd.`,
      'usage',
    );
  }
  const text = await readInputFile(file);
  const result = await withIdentity(command, 'governance:write', (stores, identity) =>
    importDeploymentAudited(stores, identity, flags.format as ImportFormat, text, {
      service: flags.service,
      environment: flags.env,
      changeType: changeType(flags.changeType),
      releaseId: flags.release,
      changeRequestId: flags.change,
      pipelineMinutes: flags.pipelineMinutes,
      startedAt: flags.startedAt,
    }),
  );
  if (flags.json) printJson('skipped' in result ? result : result.deployment);
  else if ('skipped' in result) process.stdout.write(`Nothing recorded: ${result.skipped}.\n`);
  else {
    const d = result.deployment;
    process.stdout.write(
      `Recorded ${d.id} from ${d.source}: ${d.service} ${d.version.slice(0, 12)} to ${d.environment}, ${d.outcome}; cost ${formatAmount(d.cost.total)} ${d.cost.currency}.\n`,
    );
  }
}

export async function runDeployList(
  flags: { service?: string; env?: string; release?: string; json?: boolean },
  command: Command,
) {
  const rows = await withStores(command, (stores) =>
    stores.governance.deployments.listDeployments({
      service: flags.service,
      environment: flags.env,
      releaseId: flags.release,
    }),
  );
  if (flags.json) {
    printJson(rows);
    return;
  }
  process.stdout.write(
    `${renderTable(
      ['id', 'finished', 'service', 'env', 'version', 'type', 'outcome', 'release', 'cost'],
      rows.map((d) => [
        d.id,
        d.finishedAt.slice(0, 16),
        d.service,
        d.environment,
        d.version.slice(0, 12),
        d.changeType,
        d.outcome,
        d.releaseId ?? '',
        formatAmount(d.cost.total),
      ]),
      [8],
    )}\n`,
  );
}
