import type { Command } from 'commander';
import { showChangeRisk } from '../../app/governance/risk/assess-change-risk.js';
import { printJson, withStores } from '../cli-context.js';

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
