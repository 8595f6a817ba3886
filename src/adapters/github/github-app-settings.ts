import { TollgateError } from '../../core/errors.js';
import {
  createInstallationTokens,
  type InstallationTokens,
  readGitHubAppPrivateKey,
} from './github-app-tokens.js';

export interface GitHubAppConfig {
  githubApiUrl: string;
  githubAppId?: string;
  githubAppPrivateKeyFile?: string;
  githubAppInstallationId?: string;
}

const tokensOfConfig = new WeakMap<GitHubAppConfig, InstallationTokens>();

/**
 * The GitHub App's installation tokens for a server's configuration, one source per server (so
 * a token is reused until it is due for renewal), or undefined when no app is configured. Part
 * of an app's settings without the rest is a configuration error that names what is missing.
 */
export function gitHubAppTokensFor(config: GitHubAppConfig): InstallationTokens | undefined {
  const known = tokensOfConfig.get(config);
  if (known) return known;
  const parts = {
    TOLLGATE_GITHUB_APP_ID: config.githubAppId,
    TOLLGATE_GITHUB_APP_PRIVATE_KEY_FILE: config.githubAppPrivateKeyFile,
    TOLLGATE_GITHUB_APP_INSTALLATION_ID: config.githubAppInstallationId,
  };
  const missing = Object.entries(parts)
    .filter(([, value]) => value === undefined)
    .map(([name]) => name);
  if (missing.length === 3) return undefined;
  if (missing.length > 0) {
    throw new TollgateError(
      'CONFIG_INVALID',
      `GitHub App authentication needs ${missing.join(' and ')} as well: set all three, or none (then TOLLGATE_GITHUB_TOKEN is used).`,
      'usage',
    );
  }
  const tokens = createInstallationTokens({
    appId: config.githubAppId!,
    privateKey: readGitHubAppPrivateKey(config.githubAppPrivateKeyFile!),
    installationId: Number(config.githubAppInstallationId),
    apiUrl: config.githubApiUrl,
  });
  tokensOfConfig.set(config, tokens);
  return tokens;
}
