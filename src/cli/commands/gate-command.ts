import type { Command } from 'commander';
import { gateDeployment } from '../../app/governance/gate/gate-deployment.js';
import { actingUser } from '../../app/governance/governance-context.js';
import { TollgateError } from '../../core/errors.js';
import { renderGateMarkdown } from '../../core/governance/gate/render-gate-markdown.js';
import { printJson, withStores } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';

const GATE_FLAGS = { changeType: '--change-type', estimate: '--estimate', at: '--at' } as const;

interface GateFlags {
  service: string;
  env: string;
  release?: string;
  version?: string;
  changeType?: string;
  estimate?: string;
  change?: string;
  at?: string;
  by?: string;
  json?: boolean;
  format?: string;
}
export async function runGate(flags: GateFlags, command: Command) {
  if (flags.format !== undefined && !['text', 'markdown'].includes(flags.format)) {
    throw new TollgateError('GATE_USAGE', `--format '${flags.format}' is not text or markdown.`, 'usage');
  }
  const decision = await withStores(command, (stores) =>
    gateDeployment(
      stores,
      {
        service: flags.service,
        environment: flags.env,
        releaseId: flags.release,
        version: flags.version,
        changeType: flags.changeType,
        estimate: flags.estimate,
        changeId: flags.change,
        at: flags.at,
        actor: actingUser(flags.by, process.env),
      },
      GATE_FLAGS,
    ),
  );
  if (flags.json) printJson(decision);
  else if (flags.format === 'markdown') process.stdout.write(renderGateMarkdown(decision));
  else {
    process.stdout.write(
      `${decision.decision.toUpperCase()}: ${decision.service} -> ${decision.environment} (${decision.changeType} change${decision.changeId ? ` ${decision.changeId}` : ''})\n`,
    );
    process.stdout.write(
      `${renderTable(
        ['check', 'ok', 'detail'],
        decision.reasons.map((r) => [r.check, r.ok ? 'yes' : 'NO', r.detail]),
      )}\n`,
    );
  }
  if (decision.decision === 'deny') {
    const failed = decision.reasons.filter((r) => !r.ok).map((r) => r.check);
    throw new TollgateError(
      'GATE_DENIED',
      `Deployment denied: ${failed.join(', ')} did not pass.`,
      'conflict',
    );
  }
}
