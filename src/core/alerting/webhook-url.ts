import { TollgateError } from '../errors.js';

const METADATA_HOSTS = new Set([
  'metadata.google.internal',
  'metadata',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** True for link-local and cloud metadata addresses (IPv4 169.254/16, IPv6 fe80::/10, fd00:ec2::254, 100.100.100.200). */
export function isLinkLocalOrMetadataAddress(address: string): boolean {
  const host = address.toLowerCase().replace(/^\[|\]$/g, '');
  if (/^169\.254\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host === '100.100.100.200' || host === 'fd00:ec2::254') return true;
  if (/^fe[89ab][0-9a-f]?:/.test(host)) return true;
  const mapped = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(host);
  if (mapped) return isLinkLocalOrMetadataAddress(mapped[1]!);
  // URL parsing writes IPv4-mapped IPv6 in hex (::ffff:a9fe:a9fe for 169.254.169.254).
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (hexMapped) {
    const high = Number.parseInt(hexMapped[1]!, 16);
    const low = Number.parseInt(hexMapped[2]!, 16);
    return isLinkLocalOrMetadataAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return METADATA_HOSTS.has(host);
}

/**
 * A webhook must be http(s) and must not point at a link-local or cloud metadata address:
 * Tollgate would otherwise post (or be made to post) to the instance's credentials endpoint.
 * Names are checked again after DNS resolution by the notifier.
 */
export function validateWebhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TollgateError(
      'WEBHOOK_BAD_URL',
      `'${text}' is not a URL; write for example https://hooks.example.com/tollgate.`,
      'usage',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TollgateError(
      'WEBHOOK_BAD_URL',
      `Webhook URL scheme '${url.protocol}' is not allowed; use http:// or https://.`,
      'usage',
    );
  if (isLinkLocalOrMetadataAddress(url.hostname))
    throw new TollgateError(
      'WEBHOOK_BAD_URL',
      `Webhook host ${url.hostname} is a link-local or cloud metadata address; Tollgate never posts there. Use the receiver's real address.`,
      'usage',
    );
  if (url.username || url.password)
    throw new TollgateError(
      'WEBHOOK_BAD_URL',
      'Put no credentials in the webhook URL; Tollgate signs each request with the webhook secret instead.',
      'usage',
    );
  return url;
}
