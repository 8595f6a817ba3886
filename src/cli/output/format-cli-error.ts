import type { TollgateError } from '../../core/errors.js';

/**
 * The command that does what a shared message asks, by error code. App and core messages are
 * also the API's answers, so they name no CLI command; the CLI adds its own after them.
 */
const CLI_HINTS: Record<string, string> = {
  RATE_MISSING:
    'On the command line: tollgate rates add DAY FROM TO RATE, or tollgate rates load FILE (--fill-forward fills the days a file skips).',
};

/** The error line the CLI prints: code, the shared message, then the CLI's own hint when it has one. */
export function formatCliError(error: TollgateError): string {
  const hint = CLI_HINTS[error.code];
  return `error [${error.code}]: ${error.message}${hint ? ` ${hint}` : ''}\n`;
}
