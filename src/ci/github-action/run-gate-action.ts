import { appendFileSync } from 'node:fs';
import { askRemoteGate } from '../../cli/remote/ask-remote-gate.js';
import { createRemoteClient, REMOTE_UNREACHABLE } from '../../cli/remote/remote-client.js';
import { readRemoteConnection } from '../../cli/remote/remote-connection.js';
import { isTollgateError, TollgateError } from '../../core/errors.js';
import type { GateDecision } from '../../core/governance/gate/decide-deployment.js';
import { renderGateMarkdown } from '../../core/governance/gate/render-gate-markdown.js';
import { readGateActionInputs } from './action-inputs.js';
import { readPullRequestNumber, upsertPullRequestComment } from './pull-request-comment.js';

/** A workflow command line: GitHub shows it as an annotation; % and line breaks escaped as it asks. */
function annotate(level: 'error' | 'warning' | 'notice', message: string) {
  const escaped = message.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  process.stdout.write(`::${level}::${escaped}\n`);
}

function writeOutput(env: NodeJS.ProcessEnv, name: string, value: string) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

/**
 * The Tollgate GitHub Action: 1. ask the server's gate; 2. write the reasons as the job summary
 * and, on a pull request, as its comment; 3. set the outputs `decision` and `denied-checks`;
 * 4. fail the step (exit 1) on deny, or when the server cannot answer unless on-unreachable is
 * allow. Returns the exit code.
 */
export async function runGateAction(env: NodeJS.ProcessEnv): Promise<number> {
  let markdown: string;
  let exitCode: number;
  try {
    const inputs = readGateActionInputs(env);
    const connection = readRemoteConnection(
      { server: inputs.server, token: inputs.token, insecure: inputs.insecure },
      {},
    )!;
    let decision: GateDecision | undefined;
    try {
      decision = await askRemoteGate(createRemoteClient(connection), {
        service: inputs.service,
        environment: inputs.environment,
        releaseId: inputs.release,
        version: inputs.version,
        changeType: inputs.changeType,
        estimate: inputs.estimate,
        changeId: inputs.change,
      });
    } catch (error) {
      if (!(isTollgateError(error) && error.code === REMOTE_UNREACHABLE && inputs.onUnreachable === 'allow'))
        throw error;
      annotate(
        'warning',
        `${error.message} Allowed without a decision: on-unreachable is allow (fail open).`,
      );
      markdown = `### ⚠️ Tollgate: not decided, allowed (fail open)\n\n${error.message}\n`;
      writeOutput(env, 'decision', 'allow');
      writeOutput(env, 'denied-checks', '');
    }
    if (decision) {
      markdown = renderGateMarkdown(decision);
      const denied = decision.reasons.filter((reason) => !reason.ok).map((reason) => reason.check);
      writeOutput(env, 'decision', decision.decision);
      writeOutput(env, 'denied-checks', denied.join(','));
      if (decision.decision === 'deny')
        annotate('error', `Deployment denied: ${denied.join(', ')} did not pass.`);
      else annotate('notice', `Deployment allowed: ${decision.service} -> ${decision.environment}.`);
    }
    exitCode = decision?.decision === 'deny' ? 1 : 0;
    if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown!);
    const pullRequest = readPullRequestNumber(env);
    if (pullRequest !== undefined && inputs.comment) {
      if (!inputs.githubToken) {
        throw new TollgateError(
          'ACTION_INPUT_MISSING',
          "Commenting on a pull request needs the input 'github-token' (the workflow's github.token), or set comment: false.",
          'usage',
        );
      }
      await upsertPullRequestComment(env, inputs.githubToken, pullRequest, markdown!);
    }
    return exitCode;
  } catch (error) {
    annotate('error', isTollgateError(error) ? `[${error.code}] ${error.message}` : String(error));
    return 1;
  }
}
