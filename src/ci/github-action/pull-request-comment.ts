import { readFileSync } from 'node:fs';
import { TollgateError } from '../../core/errors.js';

/** Marks the action's own comment, so a new run edits it instead of adding another. */
export const COMMENT_MARKER = '<!-- tollgate-gate -->';

/** The pull request of the event that runs the workflow, or undefined for other events. */
export function readPullRequestNumber(env: NodeJS.ProcessEnv): number | undefined {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as {
    pull_request?: { number?: number };
  };
  return event.pull_request?.number;
}

async function callGitHub(
  env: NodeJS.ProcessEnv,
  token: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const api = (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new TollgateError(
      'ACTION_COMMENT_FAILED',
      `GitHub answered ${response.status} to ${method} ${path}: give the workflow 'pull-requests: write' permission and the github-token input.`,
      'unavailable',
    );
  }
  return response.status === 204 ? undefined : response.json();
}

/**
 * Writes the gate's reasons on the pull request: 1. list the pull request's comments (the
 * first 100); 2. edit the one that carries the marker, or 3. add one. A re-run keeps one
 * comment up to date rather than one per push.
 */
export async function upsertPullRequestComment(
  env: NodeJS.ProcessEnv,
  token: string,
  pullRequest: number,
  markdown: string,
): Promise<'created' | 'updated'> {
  const repository = env.GITHUB_REPOSITORY;
  if (!repository) {
    throw new TollgateError(
      'ACTION_COMMENT_FAILED',
      'GITHUB_REPOSITORY is not set: run the action in a GitHub workflow.',
      'usage',
    );
  }
  const body = `${COMMENT_MARKER}\n${markdown}`;
  const comments = (await callGitHub(
    env,
    token,
    'GET',
    `/repos/${repository}/issues/${pullRequest}/comments?per_page=100`,
  )) as Array<{ id: number; body?: string }>;
  const own = comments.find((comment) => comment.body?.startsWith(COMMENT_MARKER));
  if (own) {
    await callGitHub(env, token, 'PATCH', `/repos/${repository}/issues/comments/${own.id}`, { body });
    return 'updated';
  }
  await callGitHub(env, token, 'POST', `/repos/${repository}/issues/${pullRequest}/comments`, { body });
  return 'created';
}
