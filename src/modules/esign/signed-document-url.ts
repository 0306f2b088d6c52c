import { BlockList, isIP } from 'node:net';

/** Addresses a link from outside must never make the service fetch: loopback, private, link-local, metadata. */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

/**
 * Whether the service may download the signed form from `link`, the `signed_doc_url` Cashfree answered:
 * Cashfree's own origin (the simulator's in development), or a public https address. A link to a
 * loopback, private or metadata address, a plain-http host or one with credentials is refused, so a
 * tampered answer cannot make the service read its own network.
 */
export function isFetchableSignedDocumentUrl(link: string, providerOrigin: string): boolean {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return false;
  }
  if (url.origin === providerOrigin) return true;
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal')) return false;
  const family = isIP(host);
  if (family === 4) return !INTERNAL.check(host, 'ipv4');
  if (family === 6) return !INTERNAL.check(host, 'ipv6');
  return true;
}
