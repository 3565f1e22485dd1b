import { Cases, Returns, Stats, Time, type Case, type Order, type Result, type Seller } from "@seller-ops/core";
import { CasesRepo, OverviewRepo, StatsRepo, transactWrite, type Db } from "@seller-ops/db";

/**
 * Demo disputes in several states, so `cases` shows a realistic queue: an unanswered dispute
 * close to its deadline, a quality complaint with a pending partial-refund offer, an escalated
 * case with the buyer's photo as evidence and one resolved by a tracked return (offered,
 * accepted, shipped back, received, refunded). Each is played through core's decisions at past
 * instants and written with the repository's own writes (case, timeline event, order totals, counters), so it is what
 * the API would have stored. Case ids are fixed per order: a second seed finds them and skips.
 */

type Step =
  | { at: number; kind: "buyer"; body: string }
  | { at: number; kind: "seller"; body: string }
  | {
      at: number;
      kind: "offer";
      offer: Omit<Cases.MakeCompensationOfferInput, "caseId" | "expiresAt"> & {
        expiresInHours: number;
        shareOfOrder?: number;
      };
    }
  | { at: number; kind: "accept" }
  | { at: number; kind: "shipBack"; carrier: string; trackingNumber: string }
  | { at: number; kind: "receive" }
  | { at: number; kind: "refundReturn" }
  | { at: number; kind: "escalate"; note: string }
  | { at: number; kind: "remedy"; remedy: Omit<Cases.RecordRemedyInput, "caseId"> }
  | { at: number; kind: "resolve"; outcome: Cases.CaseOutcome }
  | { at: number; kind: "evidence"; evidence: Omit<Cases.SubmitCaseEvidenceInput, "caseId"> };

interface DemoDispute {
  marketplaceOrderId: string;
  reason: Cases.CaseReason;
  /** Hours before now the case was opened. */
  openedHoursAgo: number;
  claimText: string;
  claimShare?: number;
  /** Hours after opening, each step. */
  steps: Step[];
}

const DISPUTES: Record<string, DemoDispute[]> = {
  "seller-shenzhen-gadgets": [
    {
      marketplaceOrderId: "AE-3001000107",
      reason: "NOT_RECEIVED",
      openedHoursAgo: 4 * 24 + 12, // respondBy in 12 hours, no answer yet
      claimText:
        "It has been almost three weeks and the tracking has not moved since it left China. Where is my watch?",
      claimShare: 1,
      steps: [{ at: 30, kind: "buyer", body: "Hello? Please answer, I need it for a birthday." }],
    },
    {
      marketplaceOrderId: "AE-3001000108",
      reason: "QUALITY_ISSUE",
      openedHoursAgo: 30,
      claimText: "One of the two power banks does not charge above 40%.",
      claimShare: 0.5,
      steps: [
        {
          at: 3,
          kind: "seller",
          body: "We are sorry! Could you send a photo of the battery indicator? We will make it right.",
        },
        { at: 10, kind: "buyer", body: "Photo attached: it stops at 2 of 4 lights." },
        {
          at: 12,
          kind: "offer",
          offer: {
            kind: "PARTIAL_REFUND",
            amount: { amountMinor: 2250, currency: "EUR" },
            note: "A full refund for the faulty unit; keep both.",
            expiresInHours: 72,
          },
        },
      ],
    },
  ],
  "seller-yiwu-home": [
    {
      marketplaceOrderId: "AE-3002000207",
      reason: "DAMAGED",
      openedHoursAgo: 6 * 24,
      claimText: "Both vases arrived broken into pieces.",
      claimShare: 1,
      steps: [
        { at: 20, kind: "seller", body: "So sorry to hear that. We can send a 10% coupon for your next order." },
        { at: 26, kind: "buyer", body: "A coupon for two broken vases? I want a refund." },
        {
          at: 27,
          kind: "evidence",
          evidence: {
            side: "BUYER",
            kind: "PHOTO",
            reference: "https://files.example.com/demo/AE-3002000207/broken-vases.jpg",
            description: "Both vases in pieces, in the opened box.",
          },
        },
        { at: 60, kind: "escalate", note: "The buyer asked the platform to decide." },
      ],
    },
    {
      marketplaceOrderId: "AE-3002000208",
      reason: "NOT_AS_DESCRIBED",
      openedHoursAgo: 12 * 24,
      claimText: "These curtains are not blackout at all, light comes straight through.",
      claimShare: 1,
      steps: [
        {
          at: 8,
          kind: "seller",
          body: "We apologise. Please return them with the label we send you; we refund in full on arrival.",
        },
        {
          at: 9,
          kind: "offer",
          offer: {
            kind: "REFUND_WITH_RETURN",
            note: "Prepaid return label sent.",
            expiresInHours: 72,
            shareOfOrder: 1,
          },
        },
        { at: 14, kind: "accept" },
        { at: 40, kind: "shipBack", carrier: "China Post", trackingNumber: "RR123456785CN" },
        { at: 110, kind: "receive" },
        { at: 120, kind: "refundReturn" },
      ],
    },
  ],
};

const PLATFORM_ROLES: Cases.ActorRole[] = ["SELLER", "BUYER", "PLATFORM", "OPERATOR"];

/** Seeds the seller's demo disputes; returns how many cases were opened (0 when they already exist). */
export async function seedDemoCases(db: Db, seller: Seller, orders: Map<string, Order>, now: Date): Promise<number> {
  let opened = 0;
  for (const dispute of DISPUTES[seller.id] ?? []) {
    const stored = orders.get(dispute.marketplaceOrderId);
    if (!stored) throw new Error(`Demo dispute: no order ${dispute.marketplaceOrderId}.`);
    const caseId = `demo-case-${dispute.marketplaceOrderId}`;
    if (await CasesRepo.getCase(db, caseId)) continue;
    const openedAtMs = now.getTime() - dispute.openedHoursAgo * Time.HOUR_MS;
    const at = (hours: number) => Time.fromMs(openedAtMs + hours * Time.HOUR_MS);

    // What the order keeps of its other cases, read from them on an order stored before it kept it, as the API does.
    const { order, openCaseOpeners, openBuyerCases } = await CasesRepo.openingContext(db, stored);
    const start = Cases.open({
      id: caseId,
      order,
      openCaseOpeners,
      openBuyerCases,
      input: {
        orderId: order.id,
        reason: dispute.reason,
        source: "BUYER",
        claimText: dispute.claimText,
        claimAmount: {
          amountMinor: Math.round(order.buyerTotal.amountMinor * (dispute.claimShare ?? 1)),
          currency: order.buyerTotal.currency,
        },
      },
      roles: PLATFORM_ROLES,
      now: at(0),
    });
    const first = must(start, caseId);
    const linked = Cases.orderAfter({
      orderBefore: order,
      change: { case: first.case, order: null, event: first.events[0] },
      caseBefore: null,
      now: at(0),
    })!;
    const written = await transactWrite(db.doc, [
      ...CasesRepo.openCaseWrites(db, first, { before: order, after: linked }),
      ...StatsRepo.counterWrites(db, seller.id, Stats.caseDeltas(null, first.case, order, seller.timeZone)),
      ...OverviewRepo.caseChangeWrites(db, {
        caseBefore: null,
        caseAfter: first.case,
        orderBefore: order,
        orderAfter: linked,
      }),
    ]);
    if (!written.ok) continue; // seeded concurrently: leave it
    opened++;

    let current: Case = first.case;
    let currentOrder = linked;
    for (const step of dispute.steps) {
      const when = at(step.at);
      const change = must(decide(current, currentOrder, step, when), caseId);
      // A step the case already holds (a refund or a piece of evidence it has) changes nothing.
      if (Cases.isAlreadyDone(change)) continue;
      const nextOrder = Cases.orderAfter({ orderBefore: currentOrder, change, caseBefore: current, now: when });
      const ok = await transactWrite(db.doc, [
        ...CasesRepo.changeWrites(db, current, change, currentOrder, nextOrder),
        ...StatsRepo.counterWrites(
          db,
          seller.id,
          Stats.caseDeltas(current, change.case, currentOrder, seller.timeZone),
        ),
        ...OverviewRepo.caseChangeWrites(db, {
          caseBefore: current,
          caseAfter: change.case,
          orderBefore: currentOrder,
          orderAfter: nextOrder,
        }),
      ]);
      if (!ok.ok) throw new Error(`Demo dispute ${caseId}: a step could not be written.`);
      current = change.case;
      if (nextOrder) currentOrder = nextOrder;
    }
  }
  return opened;
}

function decide(c: Case, order: Order, step: Step, when: string): Result<Cases.Change | Cases.AlreadyDone> {
  const on = { case: c, roles: PLATFORM_ROLES, now: when };
  switch (step.kind) {
    case "buyer":
      return Cases.postMessage({ ...on, input: { caseId: c.id, direction: "BUYER", body: step.body } });
    case "seller":
      return Cases.postMessage({ ...on, input: { caseId: c.id, direction: "SELLER", body: step.body } });
    case "offer": {
      const { expiresInHours, shareOfOrder, ...offer } = step.offer;
      const amount =
        shareOfOrder === undefined
          ? offer.amount
          : {
              amountMinor: Math.round(order.buyerTotal.amountMinor * shareOfOrder),
              currency: order.buyerTotal.currency,
            };
      const input = { ...offer, amount, caseId: c.id, expiresAt: Time.addMs(when, expiresInHours * Time.HOUR_MS) };
      return Cases.makeOffer({ ...on, order, input, id: `${c.id}-offer-${step.at}` });
    }
    case "escalate":
      return Cases.escalate({ ...on, input: { caseId: c.id, note: step.note } });
    case "remedy":
      return Cases.recordRemedy({
        ...on,
        order,
        input: { ...step.remedy, caseId: c.id },
        id: `${c.id}-remedy-${step.at}`,
      });
    case "resolve":
      return Cases.resolve({ ...on, order, input: { caseId: c.id, outcome: step.outcome } });
    case "accept": {
      const offerId = c.offers.find((o) => o.status === "PENDING")?.id ?? "none";
      return Cases.respondToOffer({ ...on, order, input: { caseId: c.id, offerId, accept: true } });
    }
    case "shipBack": {
      const returnId = c.returns.at(-1)?.id ?? "none";
      const parcel = { carrier: step.carrier, trackingNumber: step.trackingNumber };
      return Returns.shipReturn({ ...on, input: { caseId: c.id, returnId, ...parcel } });
    }
    case "receive":
      return Returns.confirmReturnReceived({
        ...on,
        input: { caseId: c.id, returnId: c.returns.at(-1)?.id ?? "none" },
      });
    case "refundReturn":
      return Returns.refundReturn({ ...on, order, input: { caseId: c.id, returnId: c.returns.at(-1)?.id ?? "none" } });
    case "evidence":
      // As the demo marketplace key submits it (packages/local/src/seed-deposits.ts).
      return Cases.submitEvidence({
        ...on,
        input: { ...step.evidence, caseId: c.id },
        id: `${c.id}-evidence-${step.at}`,
        submittedBy: "key-demo-marketplace",
      });
    default: {
      const unexpected: never = step;
      throw new Error(`Unknown demo step ${JSON.stringify(unexpected)}`);
    }
  }
}

function must<T>(result: Result<T>, caseId: string): T {
  if (!result.ok) throw new Error(`Demo dispute ${caseId} refused: ${result.errors.map((e) => e.message).join(" ")}`);
  return result.value;
}
