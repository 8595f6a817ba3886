import type { Command } from 'commander';
import { TollgateError } from '../../core/errors.js';
import type { GateDecision } from '../../core/governance/gate/decide-deployment.js';
import { renderGateMarkdown } from '../../core/governance/gate/render-gate-markdown.js';
import { printJson } from '../cli-context.js';
import { renderTable } from '../output/render-table.js';
import { askRemoteGate } from '../remote/ask-remote-gate.js';
import { createRemoteClient, REMOTE_UNREACHABLE } from '../remote/remote-client.js';
import { type RemoteConnection, readRemoteConnection } from '../remote/remote-connection.js';
import { readUnreachablePolicy, type UnreachablePolicy } from '../remote/unreachable-policy.js';

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
  server?: string;
  token?: string;
  timeout?: string;
  insecure?: boolean;
  onUnreachable?: string;
}

/** Decides on the local database, as the embedded gate always has. */
async function decideLocally(flags: GateFlags, command: Command): Promise<GateDecision> {
  const [{ withStores, readServerSettings }, { gateDeployment }, { actingUser }, { deliverPendingNotices }] =
    await Promise.all([
      import('../cli-context.js'),
      import('../../app/governance/gate/gate-deployment.js'),
      import('../../app/governance/governance-context.js'),
      import('../../app/notices/notify-governance.js'),
    ]);
  return withStores(command, async (stores) => {
    const decision = await gateDeployment(
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
    );
    // A denial was queued for the service's owners; send it before the pipeline stops.
    if (decision.decision === 'deny')
      await deliverPendingNotices(stores, { allowPrivate: readServerSettings(command).webhookAllowPrivate });
    return decision;
  });
}

function decideRemotely(flags: GateFlags, connection: RemoteConnection): Promise<GateDecision> {
  return askRemoteGate(createRemoteClient(connection), {
    service: flags.service,
    environment: flags.env,
    releaseId: flags.release,
    version: flags.version,
    changeType: flags.changeType,
    estimate: flags.estimate,
    changeId: flags.change,
    at: flags.at,
  });
}

function printDecision(decision: GateDecision, flags: GateFlags) {
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
}

/** Fail open: the deployment goes, and every output says it went undecided. */
function printFailOpen(flags: GateFlags, error: TollgateError) {
  const detail = `${error.message} Allowed without a decision: --on-unreachable allow (fail open).`;
  process.stderr.write(`warning [${error.code}]: ${detail}\n`);
  if (flags.json)
    printJson({ decision: 'allow', failOpen: true, service: flags.service, environment: flags.env, detail });
  else if (flags.format === 'markdown')
    process.stdout.write(`### ⚠️ Tollgate: not decided, allowed (fail open)\n\n${detail}\n`);
  else process.stdout.write(`ALLOW (fail open, not decided): ${flags.service} -> ${flags.env}\n${detail}\n`);
}

export async function runGate(ownFlags: GateFlags, command: Command) {
  // --token is also the global option (the CLI's identity), which commander reads first.
  const flags: GateFlags = { ...ownFlags, token: command.optsWithGlobals<{ token?: string }>().token };
  if (flags.format !== undefined && !['text', 'markdown'].includes(flags.format)) {
    throw new TollgateError('GATE_USAGE', `--format '${flags.format}' is not text or markdown.`, 'usage');
  }
  const connection = readRemoteConnection(flags, process.env);
  let onUnreachable: UnreachablePolicy = 'deny';
  if (connection) {
    onUnreachable = readUnreachablePolicy(flags.onUnreachable, process.env);
    if (flags.by !== undefined) {
      throw new TollgateError(
        'GATE_USAGE',
        '--by names who asks on the local database; with --server the token says who asks: leave --by out.',
        'usage',
      );
    }
  } else if (flags.onUnreachable !== undefined) {
    throw new TollgateError('GATE_USAGE', '--on-unreachable needs --server (or TOLLGATE_SERVER).', 'usage');
  }
  let decision: GateDecision;
  try {
    decision = connection ? await decideRemotely(flags, connection) : await decideLocally(flags, command);
  } catch (error) {
    if (error instanceof TollgateError && error.code === REMOTE_UNREACHABLE && onUnreachable === 'allow') {
      printFailOpen(flags, error);
      return;
    }
    throw error;
  }
  printDecision(decision, flags);
  if (decision.decision === 'deny') {
    const failed = decision.reasons.filter((r) => !r.ok).map((r) => r.check);
    throw new TollgateError(
      'GATE_DENIED',
      `Deployment denied: ${failed.join(', ')} did not pass.`,
      'conflict',
    );
  }
}
