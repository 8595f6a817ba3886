import { TollgateError } from '../errors.js';

const METADATA_HOSTS = new Set([
  'metadata.google.internal',
  'metadata',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
]);

/**
 * A host name as every check compares it: lower case, without IPv6 brackets and without the
 * trailing dots of a fully qualified name (`metadata.google.internal.` is the same host as
 * `metadata.google.internal`, and must not slip past a name check).
 */
export function normaliseHostName(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '');
}

/** True for link-local and cloud metadata addresses (IPv4 169.254/16, IPv6 fe80::/10, fd00:ec2::254, 100.100.100.200). */
export function isLinkLocalOrMetadataAddress(address: string): boolean {
  const host = normaliseHostName(address);
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
 * True for loopback and private addresses (127/8, 10/8, 172.16/12, 192.168/16, 100.64/10,
 * 0.0.0.0, ::1, ::, fc00::/7, and IPv4-mapped forms of these) and the name localhost: targets
 * inside the server's own network, refused unless on-premises receivers are allowed.
 */
export function isLoopbackOrPrivateAddress(address: string): boolean {
  const host = normaliseHostName(address);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 127 ||
      a === 10 ||
      a === 0 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (host === '::1' || host === '::' || /^f[cd][0-9a-f]{0,2}:/.test(host)) return true;
  const mapped = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(host);
  if (mapped) return isLoopbackOrPrivateAddress(mapped[1]!);
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (hexMapped) {
    const high = Number.parseInt(hexMapped[1]!, 16);
    const low = Number.parseInt(hexMapped[2]!, 16);
    return isLoopbackOrPrivateAddress(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  return false;
}

/** Why Tollgate will not post to an address, or undefined when it may. */
export function refusedTargetReason(address: string, allowPrivate: boolean): string | undefined {
  if (isLinkLocalOrMetadataAddress(address)) return 'a link-local or cloud metadata address';
  if (!allowPrivate && isLoopbackOrPrivateAddress(address))
    return 'a loopback or private address (allow on-premises receivers with TOLLGATE_WEBHOOK_ALLOW_PRIVATE=true)';
  return undefined;
}

/**
 * A webhook must be http(s) and must not point at a link-local or cloud metadata address:
 * Tollgate would otherwise post (or be made to post) to the instance's credentials endpoint.
 * Names are checked again after DNS resolution by the notifier.
 */
export function validateWebhookUrl(text: string, options: { allowPrivate: boolean }): URL {
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
  const refused = refusedTargetReason(url.hostname, options.allowPrivate);
  if (refused)
    throw new TollgateError(
      'WEBHOOK_BAD_URL',
      `Webhook host ${url.hostname} is ${refused}; Tollgate does not post there. Use the receiver's real address.`,
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
