import type { Command } from 'commander';
import {
  askedReleaseCurrency,
  type ReleaseConversion,
  type ReleaseReportingCurrency,
} from '../../app/governance/releases/release-conversion.js';
import { loadConfig } from '../../config/tollgate-config.js';
import type { GlobalOptions } from '../cli-context.js';

/**
 * The reporting currency a release command was asked for with `--currency`, at the configured
 * rate basis; undefined (each release in its own currency, as GET /releases without currency=)
 * when the flag is absent or says `release`.
 */
export function askedReleaseCurrencyFlag(
  currency: string | undefined,
  command: Command,
): ReleaseReportingCurrency | undefined {
  if (currency === undefined || currency === 'release') return undefined;
  return askedReleaseCurrency(
    currency,
    loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db }).server.rateBasis,
  );
}

/** The line that says how a converted release report was restated (none in its own currency). */
export function describeReleaseConversion(conversion: ReleaseConversion | null): string[] {
  if (!conversion) return [];
  return [
    `in ${conversion.currency} (the release's own currency is ${conversion.releaseCurrency}; ${conversion.rateBasis} rates): ${conversion.rule}`,
  ];
}
