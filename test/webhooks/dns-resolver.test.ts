import { createSocket, type Socket } from "node:dgram";
import { dnsResolver } from "@seller-ops/functions/src/webhooks/ssrf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The resolver deliveries use, against a nameserver run here on UDP (this machine has no internet):
 * it answers A and AAAA from `zone`, NXDOMAIN for other names, and never answers for `silent.`
 * names, like a dead or hostile nameserver. Every query it receives is counted, with when.
 */

const zone: Record<string, { A?: string[]; AAAA?: string[] }> = {
  "both.partner.example": { A: ["93.184.216.34"], AAAA: ["2606:4700:4700::1111"] },
  "v4.partner.example": { A: ["93.184.216.34", "93.184.216.35"] },
  "v6.partner.example": { AAAA: ["2606:4700:4700::1111"] },
};
const TYPE = { A: 1, AAAA: 28 } as const;

let server: Socket;
let nameserver: string;
const queries: { name: string; type: number; at: number }[] = [];

/** The question's name and where the question ends (after its type and class). */
function readQuestion(message: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let at = 12;
  while (message[at] !== 0) {
    const length = message[at]!;
    labels.push(message.subarray(at + 1, at + 1 + length).toString("ascii"));
    at += 1 + length;
  }
  return { name: labels.join(".").toLowerCase(), type: message.readUInt16BE(at + 1), end: at + 5 };
}

function rdata(type: number, address: string): Buffer {
  if (type === TYPE.A) return Buffer.from(address.split(".").map(Number));
  const groups = address.split("::");
  const head = groups[0] ? groups[0].split(":") : [];
  const tail = groups[1] ? groups[1].split(":") : [];
  const all = [...head, ...Array(8 - head.length - tail.length).fill("0"), ...tail];
  const bytes = Buffer.alloc(16);
  for (const [i, group] of all.entries()) bytes.writeUInt16BE(Number.parseInt(group, 16), i * 2);
  return bytes;
}

function answer(query: Buffer): Buffer | null {
  const { name, type, end } = readQuestion(query);
  queries.push({ name, type, at: performance.now() });
  if (name.startsWith("silent.")) return null;
  const known = zone[name];
  const addresses = (type === TYPE.A ? known?.A : type === TYPE.AAAA ? known?.AAAA : undefined) ?? [];
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // the query's id
  header.writeUInt16BE(known ? 0x8180 : 0x8183, 2); // a response, recursion available; NXDOMAIN when unknown
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses.length, 6);
  const records = addresses.map((address) => {
    const data = rdata(type, address);
    const record = Buffer.alloc(12);
    record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    record.writeUInt16BE(type, 2);
    record.writeUInt16BE(1, 4); // IN
    record.writeUInt32BE(60, 6);
    record.writeUInt16BE(data.length, 10);
    return Buffer.concat([record, data]);
  });
  return Buffer.concat([header, query.subarray(12, end), ...records]);
}

beforeAll(async () => {
  server = createSocket("udp4");
  server.on("message", (message, from) => {
    const reply = answer(message);
    if (reply) server.send(reply, from.port, from.address);
  });
  await new Promise<void>((done) => server.bind(0, "127.0.0.1", done));
  nameserver = `127.0.0.1:${server.address().port}`;
});
afterAll(() => server.close());

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe("the delivery resolver (c-ares, bounded, cancelled at its deadline)", () => {
  it("answers A and AAAA together, IPv4 first; a name with only one family resolves to it", async () => {
    const resolve = dnsResolver([nameserver]);
    expect(await resolve("both.partner.example", 2_000)).toEqual([
      { address: "93.184.216.34", family: 4 },
      { address: "2606:4700:4700::1111", family: 6 },
    ]);
    expect(await resolve("v4.partner.example", 2_000)).toEqual([
      { address: "93.184.216.34", family: 4 },
      { address: "93.184.216.35", family: 4 },
    ]);
    expect(await resolve("v6.partner.example", 2_000)).toEqual([{ address: "2606:4700:4700::1111", family: 6 }]);
  });

  it("a name that does not exist is refused (the guard reports it as UNRESOLVABLE)", async () => {
    await expect(dnsResolver([nameserver])("nowhere.partner.example", 2_000)).rejects.toMatchObject({
      code: "ENOTFOUND",
    });
  });

  it("literal addresses and this machine's reserved names are answered without a query", async () => {
    const before = queries.length;
    const resolve = dnsResolver([nameserver]);
    expect(await resolve("93.184.216.34", 2_000)).toEqual([{ address: "93.184.216.34", family: 4 }]);
    expect(await resolve("::1", 2_000)).toEqual([{ address: "::1", family: 6 }]);
    expect(await resolve("localhost", 2_000)).toEqual([{ address: "127.0.0.1", family: 4 }]);
    expect(await resolve("app.localhost", 2_000)).toEqual([{ address: "127.0.0.1", family: 4 }]);
    expect(queries.length).toBe(before);
  });

  it("a nameserver that never answers: the lookup fails by its deadline and asks nothing after it", async () => {
    const deadlineMs = 300;
    const started = performance.now();
    const outcome = await dnsResolver([nameserver])("silent.partner.example", deadlineMs).then(
      () => "resolved",
      (error: NodeJS.ErrnoException) => error.code,
    );
    const settledAfter = performance.now() - started;
    expect(["ETIMEOUT", "ECANCELLED"]).toContain(outcome);
    // The system resolver's defaults (5 s per try, several tries) would take many times longer; the margin is for
    // a loaded machine.
    expect(settledAfter).toBeLessThan(2_000);
    // Asked once per family, and nothing more once the attempt has given up: no retry keeps the query alive.
    await sleep(1_500);
    const silent = queries.filter((query) => query.name === "silent.partner.example");
    expect(silent.map((query) => query.type).sort()).toEqual([TYPE.A, TYPE.AAAA]);
    expect(silent.every((query) => query.at - started < deadlineMs)).toBe(true);
  });
});
