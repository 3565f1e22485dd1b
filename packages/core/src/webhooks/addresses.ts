import { BlockList, isIP } from "node:net";

/**
 * What an IP address is, by the IANA special-purpose registries: the one table both the
 * registration check (a literal private host is refused at once, endpoints.ts) and the delivery
 * guard (every address a host resolves to, packages/functions/src/webhooks/ssrf.ts) use.
 * Pure: `node:net`'s BlockList matches ranges, no I/O.
 */

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
  ["reserved", "::ffff:0:0:0", 96, "ipv6"], // IPv4-translated (SIIT): ::ffff:0:a.b.c.d reaches a.b.c.d
  ["reserved", "::", 96, "ipv6"], // IPv4-compatible (deprecated), reaches IPv4 too
  ["reserved", "64:ff9b::", 96, "ipv6"], // NAT64: reaches IPv4
  ["reserved", "64:ff9b:1::", 48, "ipv6"],
  ["reserved", "100::", 64, "ipv6"], // discard
  ["reserved", "2001::", 32, "ipv6"], // Teredo: a tunnel whose relay reaches an embedded IPv4 address
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
