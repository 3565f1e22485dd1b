import { Resolver as DnsResolver } from "node:dns/promises";
import { isIP } from "node:net";
import { Webhooks } from "@seller-ops/core";

/**
 * The guard between a registered endpoint URL and a connection: the host is resolved, and every
 * address it resolves to must be a public unicast address (a name with one private address among
 * public ones is refused: the connection could go to either). The caller connects to the address
 * returned here, never resolving again, so a DNS answer that changes between the check and the
 * connection (rebinding) cannot reach inside.
 */

/**
 * Resolves a host name to its addresses, settling by `deadlineMs` where it can; DNS by default, a
 * local resolver in tests.
 */
export type Resolver = (hostname: string, deadlineMs: number) => Promise<{ address: string; family: number }[]>;

/**
 * DNS through Node's own resolver (c-ares), not the system's getaddrinfo (`dns.lookup`). getaddrinfo
 * runs on libuv's four threads and cannot be stopped: an attempt gives up on it at its deadline, but
 * the thread stays blocked until the system's own timeouts (5 s × tries × nameservers), so a few
 * endpoints whose nameservers never answer would hold every thread and stall the other scopes'
 * lookups, and every file read and crypto call of the process, past their deadlines. A c-ares
 * query waits on a socket, is asked once per nameserver (`tries: 1`) and is cancelled at the
 * deadline, so nothing of it outlives the attempt.
 *
 * A and AAAA are asked together; IPv4 addresses come first (a Lambda function outside a VPC has no
 * IPv6 route). Literal addresses are not looked up, and the names RFC 6761 reserves for this
 * machine (`localhost`, `*.localhost`) answer loopback without a query, as the local runtime's
 * receiver listens on 127.0.0.1. `servers` replaces the system's nameservers (tests).
 */
export function dnsResolver(servers?: string[]): Resolver {
  return async (hostname, deadlineMs) => {
    const family = isIP(hostname);
    if (family !== 0) return [{ address: hostname, family }];
    if (Webhooks.isLocalHostname(hostname)) return [{ address: "127.0.0.1", family: 4 }];
    const dns = new DnsResolver({ timeout: Math.max(1, Math.floor(deadlineMs)), tries: 1 });
    if (servers) dns.setServers(servers);
    const deadline = setTimeout(() => dns.cancel(), deadlineMs);
    try {
      const [v4, v6] = await Promise.allSettled([dns.resolve4(hostname), dns.resolve6(hostname)]);
      const addresses = [
        ...(v4.status === "fulfilled" ? v4.value.map((address) => ({ address, family: 4 })) : []),
        ...(v6.status === "fulfilled" ? v6.value.map((address) => ({ address, family: 6 })) : []),
      ];
      if (addresses.length === 0 && v4.status === "rejected") throw v4.reason;
      return addresses;
    } finally {
      clearTimeout(deadline);
    }
  };
}

export const systemResolver: Resolver = dnsResolver();

/** The lookup's deadline when the caller gives none: the delivery's default connect limit. */
const DEFAULT_LOOKUP_DEADLINE_MS = 3_000;

// What an address is lives in core: registration refuses literal private hosts with the same ranges.
export const classifyAddress = Webhooks.classifyAddress;
export type AddressCategory = Webhooks.AddressCategory;

export type Guarded =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; reason: Webhooks.UrlRefusal | "UNRESOLVABLE" | "ADDRESS_REFUSED"; message: string };

/**
 * The address to connect to for an endpoint URL, or why not. Loopback is accepted only for a
 * local host name (`localhost`) where the configuration allows local endpoints (development).
 */
export async function guardEndpoint(args: {
  url: string;
  allowLocal: boolean;
  resolve?: Resolver;
  /** How long the name's resolution may take (the attempt's connect limit). */
  lookupDeadlineMs?: number;
}): Promise<Guarded> {
  const checked = Webhooks.checkUrl(args);
  if (!checked.ok) return checked;
  const host = checked.url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string; family: number }[];
  try {
    addresses = await (args.resolve ?? systemResolver)(host, args.lookupDeadlineMs ?? DEFAULT_LOOKUP_DEADLINE_MS);
  } catch {
    return { ok: false, reason: "UNRESOLVABLE", message: `The host ${host} does not resolve.` };
  }
  if (addresses.length === 0) return { ok: false, reason: "UNRESOLVABLE", message: `The host ${host} has no address.` };
  for (const { address } of addresses) {
    const category = isIP(address) ? classifyAddress(address) : "reserved";
    const allowed = category === "public" || (category === "loopback" && checked.local && args.allowLocal);
    if (!allowed) {
      // Neither the address nor its kind: the message reaches the endpoint's owner (an attempt's
      // `detail`), who would otherwise learn what the platform's internal names resolve to.
      return {
        ok: false,
        reason: "ADDRESS_REFUSED",
        message: `The host ${host} resolves to an address that is not public.`,
      };
    }
  }
  const first = addresses[0]!;
  return { ok: true, url: checked.url, address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
}
