import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
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
