import { readFileSync } from 'node:fs';
import { createAppAuth } from '@octokit/auth-app';
import { request } from '@octokit/request';
import { TollgateError } from '../../core/errors.js';

export interface GitHubAppSettings {
  appId: string;
  /** The app's private key (PEM), as GitHub gives it. */
  privateKey: string;
  installationId: number;
  /** GitHub API base, such as https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string;
}

/** A token is renewed this long before GitHub's expires_at (GitHub gives an hour). */
export const RENEW_BEFORE_MS = 5 * 60 * 1000;

export interface InstallationTokens {
  /** A token valid for at least RENEW_BEFORE_MS more, fetched or renewed when needed. */
  token(): Promise<string>;
  /** A new token now, for when GitHub refused the one it gave (revoked, or a clock off). */
  renew(): Promise<string>;
}

/**
 * Installation tokens of a GitHub App, with @octokit/auth-app: 1. sign a JWT with the app's
 * private key and exchange it for an installation token; 2. keep the token with GitHub's
 * expires_at; 3. hand it out until `now` comes within RENEW_BEFORE_MS of that time, then fetch
 * a new one. auth-app's own cache keeps a token 59 minutes whatever GitHub said, so the expiry
 * is read here from GitHub's answer. `now` is a parameter so tests move time without waiting.
 */
export function createInstallationTokens(
  settings: GitHubAppSettings,
  now: () => number = Date.now,
): InstallationTokens {
  const auth = createAppAuth({
    appId: settings.appId,
    privateKey: settings.privateKey,
    request: request.defaults({ baseUrl: settings.apiUrl.replace(/\/+$/, '') }),
  });
  let current: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = () => {
    pending ??= (async () => {
      try {
        const result = await auth({
          type: 'installation',
          installationId: settings.installationId,
          refresh: true,
        });
        current = { token: result.token, expiresAt: Date.parse(result.expiresAt) };
        return result.token;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
  return {
    token: async () =>
      current && now() + RENEW_BEFORE_MS < current.expiresAt ? current.token : fetchToken(),
    renew: fetchToken,
  };
}

/** Reads the app's private key file named in the configuration, refusing what is not a PEM key. */
export function readGitHubAppPrivateKey(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new TollgateError(
      'CONFIG_INVALID',
      `TOLLGATE_GITHUB_APP_PRIVATE_KEY_FILE '${path}' cannot be read (${(error as NodeJS.ErrnoException).code}): give the .pem file GitHub generated for the app.`,
      'usage',
    );
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(text)) {
    throw new TollgateError(
      'CONFIG_INVALID',
      `TOLLGATE_GITHUB_APP_PRIVATE_KEY_FILE '${path}' is not a PEM private key: give the .pem file GitHub generated for the app.`,
      'usage',
    );
  }
  return text;
}
