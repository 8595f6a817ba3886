import { TollgateError } from '../../core/errors.js';

/** What the workflow gives the action (`with:`), read as GitHub passes it: INPUT_<NAME>. */
export interface GateActionInputs {
  server: string;
  token: string;
  service: string;
  environment: string;
  release?: string;
  version?: string;
  changeType?: string;
  estimate?: string;
  change?: string;
  onUnreachable: 'deny' | 'allow';
  comment: boolean;
  /** Plain http to another machine is refused unless this is true. */
  insecure: boolean;
  githubToken?: string;
}

/** GitHub upper-cases an input's name and keeps its hyphens: `change-type` is INPUT_CHANGE-TYPE. */
function readInput(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[`INPUT_${name.toUpperCase()}`]?.trim();
  return value === '' ? undefined : value;
}

function requireInput(env: NodeJS.ProcessEnv, name: string): string {
  const value = readInput(env, name);
  if (value === undefined) {
    throw new TollgateError(
      'ACTION_INPUT_MISSING',
      `The input '${name}' is required: set it under with: in the workflow step.`,
      'usage',
    );
  }
  return value;
}

function readChoice<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = readInput(env, name) ?? fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new TollgateError(
    'ACTION_INPUT_INVALID',
    `The input '${name}' is '${value}': give ${choices.join(' or ')}.`,
    'usage',
  );
}

export function readGateActionInputs(env: NodeJS.ProcessEnv): GateActionInputs {
  return {
    server: requireInput(env, 'server'),
    token: requireInput(env, 'token'),
    service: requireInput(env, 'service'),
    environment: requireInput(env, 'environment'),
    release: readInput(env, 'release'),
    version: readInput(env, 'version') ?? env.GITHUB_SHA,
    changeType: readInput(env, 'change-type'),
    estimate: readInput(env, 'estimate'),
    change: readInput(env, 'change'),
    onUnreachable: readChoice(env, 'on-unreachable', ['deny', 'allow'] as const, 'deny'),
    comment: readChoice(env, 'comment', ['true', 'false'] as const, 'true') === 'true',
    insecure: readChoice(env, 'insecure', ['true', 'false'] as const, 'false') === 'true',
    githubToken: readInput(env, 'github-token'),
  };
}
