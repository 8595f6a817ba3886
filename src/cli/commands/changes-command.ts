import type { Command } from 'commander';
import { decideChangeAsActor, submitChange } from '../../app/governance/audited/change-writes.js';
import { applyPolicyAudited } from '../../app/governance/audited/config-writes.js';
import { listChanges, showChange } from '../../app/governance/changes/manage-changes.js';
import { requirePolicy } from '../../app/governance/governance-context.js';
import { showChangeRisk } from '../../app/governance/risk/assess-change-risk.js';
import { TollgateError } from '../../core/errors.js';
import { isChangeType } from '../../core/governance/governance-types.js';
import { withActingIdentity } from '../acting-as.js';
import { printJson, readServerSettings, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { formatGateSpend } from '../output/format-gate-spend.js';
import { renderTable } from '../output/render-table.js';
import { readInputFile } from './ratecard-command.js';

interface RequestFlags {
  service: string;
  env: string;
  changeType: string;
  release?: string;
  version?: string;
  by?: string;
  estimate: string;
  readyAt?: string;
  justification?: string;
  expediteCost?: string;
  costOfDelay?: string;
  at?: string;
  json?: boolean;
}
export async function runChangesRequest(flags: RequestFlags, command: Command) {
  if (!isChangeType(flags.changeType))
    throw new TollgateError(
      'CHANGE_USAGE',
      `--change-type '${flags.changeType}' is not one of standard, normal, emergency.`,
      'usage',
    );
  const outOfCycle = [flags.justification, flags.expediteCost, flags.costOfDelay];
  if (outOfCycle.some((v) => v !== undefined) && outOfCycle.some((v) => v === undefined)) {
    throw new TollgateError(
      'CHANGE_USAGE',
      'An out-of-cycle justification needs all of --justification, --expedite-cost and --cost-of-delay.',
      'usage',
    );
  }
  const change = await withActingIdentity(command, 'gate:decide', flags.by, (stores, identity) =>
    submitChange(
      stores,
      identity,
      {
        service: flags.service,
        environment: flags.env,
        changeType: flags.changeType as never,
        releaseId: flags.release,
        version: flags.version,
        estimatedCost: flags.estimate,
        readyAt: flags.readyAt,
        justification:
          flags.justification === undefined
            ? undefined
            : {
                reason: flags.justification,
                expediteCost: flags.expediteCost!,
                costOfDelayPerWeek: flags.costOfDelay!,
              },
      },
      { allowPrivate: readServerSettings(command).webhookAllowPrivate },
      flags.at,
    ),
  );
  if (flags.json) printJson(change);
  else
    process.stdout.write(
      `Requested ${change.id}: ${change.changeType} change of ${change.service} in ${change.environment}, estimated ${formatAmount(change.estimatedCost)}.\n`,
    );
}

interface DecideFlags {
  by?: string;
  role: string;
  comment?: string;
  at?: string;
  signOff?: boolean;
  json?: boolean;
}

export function runChangesApprove(id: string, flags: DecideFlags, command: Command) {
  return decide('approve', id, flags, command);
}

export function runChangesReject(id: string, flags: DecideFlags, command: Command) {
  return decide('reject', id, flags, command);
}

/** One decision on a change, in a role: approve and reject differ only in the verb. */
async function decide(verb: 'approve' | 'reject', id: string, flags: DecideFlags, command: Command) {
  const record = await withActingIdentity(command, 'approvals:decide', flags.by, (stores, identity) =>
    decideChangeAsActor(
      stores,
      identity,
      {
        changeId: id,
        role: flags.role,
        kind: verb === 'approve' && flags.signOff ? 'sign-off' : 'approval',
        decision: verb,
        comment: flags.comment,
      },
      flags.at,
    ),
  );
  if (flags.json) printJson(record);
  else
    process.stdout.write(
      `${record.approver} ${record.kind === 'sign-off' ? 'signed off' : `${verb}d`} ${id} as ${record.role}.\n`,
    );
}

export async function runChangesShow(
  id: string | undefined,
  flags: { service?: string; status?: string; json?: boolean },
  command: Command,
) {
  if (id !== undefined) {
    const result = await withStores(command, (stores) => showChange(stores, id));
    if (flags.json) {
      printJson(result);
      return;
    }
    const c = result.change;
    process.stdout.write(
      `${c.id} ${c.changeType} change of ${c.service} in ${c.environment} [${c.status}] requested by ${c.requestedBy}, estimated ${formatAmount(c.estimatedCost)}\n`,
    );
    if (c.justification)
      process.stdout.write(
        `out of cycle: ${c.justification.reason} (expedite ${c.justification.expediteCost}, cost of delay ${c.justification.costOfDelayPerWeek}/week)\n`,
      );
    process.stdout.write(
      `${renderTable(
        ['who', 'role', 'kind', 'decision', 'at', 'comment'],
        result.approvals.map((a) => [a.approver, a.role, a.kind, a.decision, a.at, a.comment ?? '']),
      )}\n`,
    );
    return;
  }
  const list = await withStores(command, (stores) =>
    listChanges(stores, { service: flags.service, status: flags.status as never }),
  );
  if (flags.json) printJson(list);
  else
    process.stdout.write(
      `${renderTable(
        ['id', 'type', 'service', 'env', 'status', 'requested by', 'estimate', 'created'],
        list.map((c) => [
          c.id,
          c.changeType,
          c.service,
          c.environment,
          c.status,
          c.requestedBy,
          formatAmount(c.estimatedCost),
          c.createdAt.slice(0, 16),
        ]),
        [6],
      )}\n`,
    );
}

export async function runChangesLog(flags: { kind?: string; json?: boolean }, command: Command) {
  const entries = await withStores(command, (stores) =>
    stores.governance.decisions.listDecisions({ kind: flags.kind }),
  );
  if (flags.json) printJson(entries);
  else
    process.stdout.write(
      `${renderTable(
        ['#', 'at', 'kind', 'subject', 'actor', 'decision', 'release spent (as of)'],
        entries.map((e) => [
          String(e.seq),
          e.at.slice(0, 19),
          e.kind,
          e.subject,
          e.actor,
          e.decision,
          formatGateSpend(e),
        ]),
        [0],
      )}\n`,
    );
}

export async function runChangesPolicyApply(
  file: string,
  flags: { by?: string; json?: boolean },
  command: Command,
) {
  const text = await readInputFile(file);
  const result = await withActingIdentity(command, 'governance:write', flags.by, (stores, identity) =>
    applyPolicyAudited(stores, identity, text, file),
  );
  if (flags.json) printJson(result);
  else
    process.stdout.write(
      `Applied governance policy ${result.policy.version} as version ${result.version}.\n`,
    );
}

export async function runChangesPolicyShow(flags: { json?: boolean }, command: Command) {
  const current = await withStores(command, (stores) => requirePolicy(stores));
  printJson(flags.json ? current : current.policy);
}

/** `tollgate changes risk ID`: the change's money-aware risk and every input it rests on. */
export async function runChangesRisk(id: string, flags: { at?: string; json?: boolean }, command: Command) {
  const risk = await withStores(command, (stores) =>
    showChangeRisk(stores, { changeId: id, at: flags.at }, { at: '--at' }),
  );
  if (flags.json) {
    printJson(risk);
    return;
  }
  const verdict =
    risk.preApproval === null
      ? 'its change model has no risk pre-approval'
      : risk.preApproval.eligible
        ? 'low risk: the policy would pre-approve it'
        : `not low risk: ${risk.preApproval.reasons.join('; ')}`;
  process.stdout.write(
    `${id}: failure probability ${risk.failureProbability}, money at stake ${risk.moneyAtStake} ${risk.currency} (${verdict})\n` +
      `${risk.summary}\n(${risk.version}, as of ${risk.at})\n`,
  );
}
