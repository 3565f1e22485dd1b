import { Webhooks } from "@seller-ops/core";
import { classifyAddress, guardEndpoint, type Resolver } from "@seller-ops/functions/src/webhooks/ssrf";
import { describe, expect, it } from "vitest";

/**
 * The SSRF guard. Literal addresses go through the system resolver for real (resolving a
 * literal needs no network); names go through a local resolver injected here (this machine has
 * no internet), standing in for DNS answers an attacker controls.
 */

const records: Record<string, string[]> = {
  "hooks.partner.example": ["93.184.216.34"],
  "v6.partner.example": ["2606:4700:4700::1111"],
  "internal.partner.example": ["10.0.0.7"],
  "metadata.partner.example": ["169.254.169.254"],
  "mapped.partner.example": ["::ffff:169.254.169.254"],
  "mixed.partner.example": ["93.184.216.34", "127.0.0.1"],
  "ula.partner.example": ["fd12:3456:789a::1"],
  "cgnat.partner.example": ["100.100.100.100"],
  "app.localhost": ["127.0.0.1"],
};
const localResolver: Resolver = async (hostname) => {
  const found = records[hostname];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

describe("addresses no webhook may reach", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["100.127.255.255", "carrierGradeNat"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fc00::1", "uniqueLocal"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["::ffff:127.0.0.1", "ipv4Mapped"],
    ["::ffff:8.8.8.8", "ipv4Mapped"],
    ["64:ff9b::a00:1", "reserved"],
    ["2002:a00:1::1", "reserved"],
    ["::ffff:0:a00:1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.10", "reserved"],
  ])("%s is %s", (address, category) => {
    expect(classifyAddress(address)).toBe(category);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111"])(
    "%s is public",
    (address) => {
      expect(classifyAddress(address)).toBe("public");
    },
  );
});

describe("the guard on literal addresses, resolved by the system resolver", () => {
  it.each([
    "https://127.0.0.1/hook",
    "https://10.0.0.1/hook",
    "https://192.168.0.10:8443/hook",
    "https://172.20.1.1/hook",
    "https://100.64.1.1/hook",
    "https://169.254.169.254/latest/meta-data/",
    "https://0.0.0.0/hook",
    "https://224.0.0.251/hook",
    "https://[::1]/hook",
    "https://[fd00::1]/hook",
    "https://[fe80::1]/hook",
    "https://[ff02::1]/hook",
    "https://[::]/hook",
    "https://[::ffff:127.0.0.1]/hook",
    "https://[::ffff:a9fe:a9fe]/hook",
    "https://2130706433/hook", // 127.0.0.1 as one number
    "https://0x7f.1/hook", // 127.0.0.1 in hex and short form
    "https://017700000001/hook", // 127.0.0.1 in octal
  ])("refuses %s", async (url) => {
    const guarded = await guardEndpoint({ url, allowLocal: false });
    expect(guarded.ok, JSON.stringify(guarded)).toBe(false);
    if (!guarded.ok) expect(["ADDRESS_REFUSED", "LOCAL_ENDPOINT_NOT_ALLOWED"]).toContain(guarded.reason);
  });

  it("accepts a public address and pins it", async () => {
    expect(await guardEndpoint({ url: "https://93.184.216.34/hook", allowLocal: false })).toMatchObject({
      ok: true,
      address: "93.184.216.34",
      family: 4,
    });
    expect(await guardEndpoint({ url: "https://[2606:4700:4700::1111]/hook", allowLocal: false })).toMatchObject({
      ok: true,
      address: "2606:4700:4700::1111",
      family: 6,
    });
  });
});

describe("the guard on names, resolved by a local resolver", () => {
  const guard = (url: string, allowLocal = false) => guardEndpoint({ url, allowLocal, resolve: localResolver });

  it("accepts a name whose every address is public, and answers the address to connect to", async () => {
    expect(await guard("https://hooks.partner.example/seller-ops")).toMatchObject({
      ok: true,
      address: "93.184.216.34",
    });
    expect(await guard("https://v6.partner.example/seller-ops")).toMatchObject({
      ok: true,
      address: "2606:4700:4700::1111",
      family: 6,
    });
  });

  it.each([
    ["internal.partner.example", "private"],
    ["metadata.partner.example", "linkLocal"],
    ["mapped.partner.example", "ipv4Mapped"],
    ["mixed.partner.example", "loopback"],
    ["ula.partner.example", "uniqueLocal"],
    ["cgnat.partner.example", "carrierGradeNat"],
  ])("refuses %s (a %s address)", async (host) => {
    const guarded = await guard(`https://${host}/hook`);
    expect(guarded).toMatchObject({ ok: false, reason: "ADDRESS_REFUSED" });
    // The owner reads the message in the delivery log: it names neither the address nor its kind.
    if (!guarded.ok) expect(guarded.message).toBe(`The host ${host} resolves to an address that is not public.`);
  });

  it("refuses a name that does not resolve, and a URL before any resolution", async () => {
    expect(await guard("https://nowhere.partner.example/hook")).toMatchObject({ ok: false, reason: "UNRESOLVABLE" });
    expect(await guard("http://hooks.partner.example/hook")).toMatchObject({ ok: false, reason: "HTTPS_REQUIRED" });
    expect(await guard("ftp://hooks.partner.example/hook")).toMatchObject({ ok: false, reason: "HTTPS_REQUIRED" });
    expect(await guard("https://user:pass@hooks.partner.example/hook")).toMatchObject({
      ok: false,
      reason: "CREDENTIALS_IN_URL",
    });
    expect(await guard("not a url")).toMatchObject({ ok: false, reason: "INVALID_URL" });
    expect(await guard(`https://hooks.partner.example/${"a".repeat(Webhooks.MAX_URL_LENGTH)}`)).toMatchObject({
      ok: false,
      reason: "INVALID_URL",
    });
  });
});

describe("ports", () => {
  const guard = (url: string, allowLocal = false) => guardEndpoint({ url, allowLocal, resolve: localResolver });

  it("https's own port, written or not, and the unprivileged ports 1024–65535 are accepted", async () => {
    for (const url of [
      "https://hooks.partner.example/h",
      "https://hooks.partner.example:443/h",
      "https://hooks.partner.example:1024/h",
      "https://hooks.partner.example:8443/h",
      "https://hooks.partner.example:65535/h",
    ]) {
      expect(await guard(url), url).toMatchObject({ ok: true, address: "93.184.216.34" });
    }
  });

  it("the other services' ports below 1024 are refused at registration and again before every delivery", async () => {
    for (const port of [1, 22, 25, 53, 80, 110, 587, 1023]) {
      const url = `https://hooks.partner.example:${port}/h`;
      const registration = Webhooks.checkRegistration({ url, allowLocal: false });
      expect(registration, url).toMatchObject({ ok: false, reason: "PORT_NOT_ALLOWED" });
      expect(registration.ok ? "" : registration.message).toContain(`Port ${port} `);
      // An endpoint stored before the rule (or written around the API) is refused when delivered to.
      expect(await guard(url), url).toMatchObject({ ok: false, reason: "PORT_NOT_ALLOWED" });
    }
    // A literal public address is held to the same rule.
    expect(await guard("https://93.184.216.34:25/h")).toMatchObject({ ok: false, reason: "PORT_NOT_ALLOWED" });
  });

  it("a local endpoint in development keeps any port (a partner's own machine)", async () => {
    expect(await guard("http://app.localhost:80/hooks", true)).toMatchObject({ ok: true });
    expect(await guard("https://app.localhost:443/hooks", true)).toMatchObject({ ok: true });
  });
});

describe("local endpoints: development only", () => {
  it("http://localhost and *.localhost are accepted where local endpoints are allowed, refused elsewhere", async () => {
    expect(await guardEndpoint({ url: "http://localhost:4010/hooks", allowLocal: true })).toMatchObject({
      ok: true,
      address: "127.0.0.1",
    });
    expect(
      await guardEndpoint({ url: "http://app.localhost:4010/hooks", allowLocal: true, resolve: localResolver }),
    ).toMatchObject({ ok: true });
    expect(await guardEndpoint({ url: "http://localhost:4010/hooks", allowLocal: false })).toMatchObject({
      ok: false,
      reason: "LOCAL_ENDPOINT_NOT_ALLOWED",
    });
    expect(await guardEndpoint({ url: "https://localhost/hooks", allowLocal: false })).toMatchObject({
      ok: false,
      reason: "LOCAL_ENDPOINT_NOT_ALLOWED",
    });
  });

  it("development does not open other private addresses, nor loopback under a name that is not local", async () => {
    expect(await guardEndpoint({ url: "https://10.0.0.1/hook", allowLocal: true })).toMatchObject({
      ok: false,
      reason: "ADDRESS_REFUSED",
    });
    expect(
      await guardEndpoint({ url: "https://mixed.partner.example/hook", allowLocal: true, resolve: localResolver }),
    ).toMatchObject({
      ok: false,
      reason: "ADDRESS_REFUSED",
    });
    expect(
      await guardEndpoint({ url: "http://hooks.partner.example/hook", allowLocal: true, resolve: localResolver }),
    ).toMatchObject({
      ok: false,
      reason: "HTTPS_REQUIRED",
    });
  });
});
