import { TollgateError } from '../../core/errors.js';

/**
 * What a gate does when the server cannot answer: deny (fail closed, the default: no answer is
 * no permission) or allow (fail open: a Tollgate outage must not stop every deployment).
 */
export type UnreachablePolicy = 'deny' | 'allow';

export function readUnreachablePolicy(flag: string | undefined, env: NodeJS.ProcessEnv): UnreachablePolicy {
  const value = flag ?? (env.TOLLGATE_GATE_ON_UNREACHABLE || 'deny');
  if (value === 'deny' || value === 'allow') return value;
  throw new TollgateError(
    'GATE_USAGE',
    `${flag === undefined ? 'TOLLGATE_GATE_ON_UNREACHABLE' : '--on-unreachable'} '${value}' is not deny or allow.`,
    'usage',
  );
}
