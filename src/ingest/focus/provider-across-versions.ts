import type { FocusVersion } from '../../core/focus/focus-schema.js';

/**
 * Where a cost line's provider and publisher come from, per FOCUS version, so the provider
 * dimension means the same across versions (and a 1.4 export replaces the 1.3 load of the same
 * period, which is keyed by provider, account and billing period):
 *
 * | stored column  | 1.0-1.2       | 1.3 and 1.4                                        |
 * |----------------|---------------|----------------------------------------------------|
 * | provider_name  | ProviderName  | ServiceProviderName, else ProviderName (1.3)       |
 * | publisher_name | PublisherName | PublisherName (1.3), else ServiceProviderName      |
 *
 * FOCUS 1.3 deprecated ProviderName and PublisherName in favour of ServiceProviderName (who
 * sells the service) and HostProviderName (whose infrastructure runs it); 1.4 removed them.
 * HostProviderName is kept in the line's extras.
 */
export function storedColumnSource(
  name: string,
  version: FocusVersion,
  rawOf: ReadonlyMap<string, string>,
): string | undefined {
  const own = rawOf.get(name);
  const service = rawOf.get('ServiceProviderName');
  if ((version !== '1.3' && version !== '1.4') || !service) return own;
  if (name === 'ProviderName') return own ? `COALESCE(${service}, ${own})` : service;
  if (name === 'PublisherName') return own ? `COALESCE(${own}, ${service})` : service;
  return own;
}

/** The column a line cannot be placed without: the provider's, as the version names it. */
export function providerKeyColumn(version: FocusVersion): string {
  return version === '1.3' || version === '1.4' ? 'ServiceProviderName' : 'ProviderName';
}
