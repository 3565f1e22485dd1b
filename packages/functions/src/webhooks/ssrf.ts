import { lookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { Webhooks } from "@seller-ops/core";

/**
 * The guard between a registered endpoint URL and a connection: the host is resolved, and every
 * address it resolves to must be a public unicast address (a name with one private address among
 * public ones is refused: the connection could go to either). The caller connects to the address
 * returned here, never resolving again, so a DNS answer that changes between the check and the
 * connection (rebinding) cannot reach inside.
 */

/** Resolves a host name to its addresses; the system resolver by default, a local one in tests. */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

export type AddressCategory =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "carrierGradeNat"
  | "linkLocal"
  | "multicast"
  | "uniqueLocal"
  | "ipv4Mapped"
  | "reserved";

/** Address ranges no webhook may reach, by what they are (IANA special-purpose registries). */
const RANGES: readonly [AddressCategory, string, number, "ipv4" | "ipv6"][] = [
  ["unspecified", "0.0.0.0", 8, "ipv4"], // "this network", including 0.0.0.0
  ["private", "10.0.0.0", 8, "ipv4"], // RFC 1918
  ["carrierGradeNat", "100.64.0.0", 10, "ipv4"], // RFC 6598
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["linkLocal", "169.254.0.0", 16, "ipv4"], // includes the cloud metadata service 169.254.169.254
  ["private", "172.16.0.0", 12, "ipv4"],
  ["reserved", "192.0.0.0", 24, "ipv4"], // IETF protocol assignments
  ["reserved", "192.0.2.0", 24, "ipv4"], // documentation
  ["private", "192.168.0.0", 16, "ipv4"],
  ["reserved", "198.18.0.0", 15, "ipv4"], // benchmarking
  ["reserved", "198.51.100.0", 24, "ipv4"],
  ["reserved", "203.0.113.0", 24, "ipv4"],
  ["multicast", "224.0.0.0", 4, "ipv4"],
  ["reserved", "240.0.0.0", 4, "ipv4"], // future use and 255.255.255.255
  ["unspecified", "::", 128, "ipv6"],
  ["loopback", "::1", 128, "ipv6"],
  ["ipv4Mapped", "::ffff:0:0", 96, "ipv6"], // ::ffff:a.b.c.d reaches a.b.c.d
  ["reserved", "::", 96, "ipv6"], // IPv4-compatible (deprecated), reaches IPv4 too
  ["reserved", "64:ff9b::", 96, "ipv6"], // NAT64: reaches IPv4
  ["reserved", "64:ff9b:1::", 48, "ipv6"],
  ["reserved", "100::", 64, "ipv6"], // discard
  ["reserved", "2001:db8::", 32, "ipv6"], // documentation
  ["reserved", "2002::", 16, "ipv6"], // 6to4: embeds an IPv4 address
  ["uniqueLocal", "fc00::", 7, "ipv6"],
  ["linkLocal", "fe80::", 10, "ipv6"],
  ["reserved", "fec0::", 10, "ipv6"], // site-local (deprecated)
  ["multicast", "ff00::", 8, "ipv6"],
];

const LISTS = RANGES.map(([category, network, prefix, type]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, type);
  return { category, list, type };
});

/** What an IP address is; "public" only when it is in none of the special-purpose ranges. */
export function classifyAddress(address: string): AddressCategory {
  const family = isIP(address);
  if (family === 0) throw new Error(`Not an IP address: ${address}`);
  const type = family === 4 ? "ipv4" : "ipv6";
  // The ranges are checked in order: the first match names the address (loopback before reserved ::/96).
  for (const { category, list, type: rangeType } of LISTS)
    if (rangeType === type && list.check(address, type)) return category;
  return "public";
}

export type Guarded =
  | { ok: true; url: URL; address: string; family: 4 | 6 }
  | { ok: false; reason: Webhooks.UrlRefusal | "UNRESOLVABLE" | "ADDRESS_REFUSED"; message: string };

/**
 * The address to connect to for an endpoint URL, or why not. Loopback is accepted only for a
 * local host name (`localhost`) where the configuration allows local endpoints (development).
 */
export async function guardEndpoint(args: { url: string; allowLocal: boolean; resolve?: Resolver }): Promise<Guarded> {
  const checked = Webhooks.checkUrl(args);
  if (!checked.ok) return checked;
  const host = checked.url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string; family: number }[];
  try {
    addresses = await (args.resolve ?? systemResolver)(host);
  } catch {
    return { ok: false, reason: "UNRESOLVABLE", message: `The host ${host} does not resolve.` };
  }
  if (addresses.length === 0) return { ok: false, reason: "UNRESOLVABLE", message: `The host ${host} has no address.` };
  for (const { address } of addresses) {
    const category = isIP(address) ? classifyAddress(address) : "reserved";
    const allowed = category === "public" || (category === "loopback" && checked.local && args.allowLocal);
    if (!allowed) {
      return {
        ok: false,
        reason: "ADDRESS_REFUSED",
        message: `The host ${host} resolves to a ${category} address (${address}).`,
      };
    }
  }
  const first = addresses[0]!;
  return { ok: true, url: checked.url, address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
}
