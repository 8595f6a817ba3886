import type { GateDecision } from './decide-deployment.js';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The gate decision as a pull-request comment. */
export function renderGateMarkdown(decision: GateDecision): string {
  const title =
    decision.decision === 'allow' ? '✅ Tollgate: deployment allowed' : '⛔ Tollgate: deployment denied';
  const lines = [
    `### ${title}`,
    '',
    `**${decision.service}** → **${decision.environment}** · ${decision.changeType} change` +
      (decision.version ? ` · version \`${decision.version}\`` : '') +
      (decision.releaseId ? ` · release ${decision.releaseId}` : ''),
    '',
    '| check | ok | detail |',
    '|---|---|---|',
    ...decision.reasons.map(
      (reason) => `| ${reason.check} | ${reason.ok ? '✅' : '❌'} | ${cell(reason.detail)} |`,
    ),
    '',
    `_Policy ${decision.policyVersion}, decided at ${decision.at}._`,
  ];
  return `${lines.join('\n')}\n`;
}
