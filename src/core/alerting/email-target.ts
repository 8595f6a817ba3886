import { TollgateError } from '../errors.js';
import { isLinkLocalOrMetadataAddress } from './webhook-url.js';

/** Where an e-mail channel sends: its recipients and sender, from `mailto:a@x,b@y?from=t@x`. */
export interface EmailTarget {
  to: string[];
  from: string | undefined;
}

// Deliberately plain: one @, no spaces or commas, a dot in the domain; the SMTP server judges the rest.
const ADDRESS = /^[^\s@,<>()]+@[^\s@,<>()]+\.[^\s@,<>()]+$/;

function badTarget(text: string, why: string): TollgateError {
  return new TollgateError(
    'EMAIL_BAD_TARGET',
    `'${text}' ${why}; write the recipients as mailto:ops@example.com,finops@example.com (add ?from=tollgate@example.com to set the sender).`,
    'usage',
  );
}

/** Reads an e-mail channel's mailto: target, refusing what is not one or more plain addresses. */
export function parseEmailTarget(text: string): EmailTarget {
  if (!text.toLowerCase().startsWith('mailto:')) throw badTarget(text, 'is not a mailto: address');
  const [list = '', query = ''] = text.slice('mailto:'.length).split('?', 2);
  const to = decodeURIComponent(list)
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
  if (to.length === 0) throw badTarget(text, 'names no recipient');
  const from = new URLSearchParams(query).get('from') ?? undefined;
  for (const address of [...to, ...(from === undefined ? [] : [from])])
    if (!ADDRESS.test(address)) throw badTarget(text, `has '${address}', which is not an e-mail address`);
  return { to, from };
}

/**
 * An e-mail channel's SMTP server, kept as its secret: smtp://user:password@host:587 (STARTTLS
 * when offered) or smtps://user:password@host:465; never a link-local or metadata host.
 */
export function validateSmtpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TollgateError(
      'EMAIL_BAD_SMTP',
      'The SMTP server is not a URL; give it as smtp://user:password@mail.example.com:587 or smtps://...:465.',
      'usage',
    );
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new TollgateError(
      'EMAIL_BAD_SMTP',
      `The SMTP server's scheme '${url.protocol}' is not smtp: or smtps:; give it as smtp://user:password@mail.example.com:587.`,
      'usage',
    );
  if (url.hostname === '' || isLinkLocalOrMetadataAddress(url.hostname))
    throw new TollgateError(
      'EMAIL_BAD_SMTP',
      `The SMTP host '${url.hostname}' is empty or a link-local/metadata address; give the mail server's real name.`,
      'usage',
    );
  return url;
}
