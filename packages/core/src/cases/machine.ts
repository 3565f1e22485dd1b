import { english } from "../i18n";
import { text, type Text } from "../i18n/texts";
import type { Principal } from "../auth";
import { assertNever, ok, refuse, userError, type Result } from "../errors";

/**
 * The case lifecycle as one table: for every action, the role that may take it, the states it
 * may be taken from, and the state it leads to. The server checks every request against it and
 * `Case.availableActions` is computed from it, so a UI never offers a button the server refuses.
 * packages/core/src/cases/README.md prints the same table.
 */

export const CASE_STATUSES = [
  "AWAITING_SELLER",
  "AWAITING_BUYER",
  "OFFER_PENDING",
  "RETURN_IN_PROGRESS",
  "ESCALATED",
  "RESOLVED",
  "CLOSED",
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * Who acts on a case. Marketplace keys relay the buyer's and the marketplace's side; seller and partner keys the
 * seller's. OPERATOR is the platform's arbiter, held by operators alone: a marketplace key, which escalates for
 * the buyer, must not then decide the case it escalated (the decision is recorded as the PLATFORM's).
 */
export const ACTOR_ROLES = ["SELLER", "BUYER", "PLATFORM", "SYSTEM", "OPERATOR"] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const CASE_ACTIONS = [
  "POST_SELLER_MESSAGE",
  "POST_BUYER_MESSAGE",
  "POST_PLATFORM_MESSAGE",
  "RECORD_REMEDY",
  "MAKE_OFFER",
  "WITHDRAW_OFFER",
  "ACCEPT_OFFER",
  "DECLINE_OFFER",
  "EXPIRE_OFFER",
  "ESCALATE",
  "RESOLVE_BY_SELLER",
  "WITHDRAW_BY_BUYER",
  "DECIDE",
  "CLOSE",
  "ACCEPT_RETURN_OFFER",
  "CANCEL_RETURN",
  "LAPSE_RETURN",
  "ESCALATE_RETURN",
  "COMPLETE_RETURN",
  "SUBMIT_SELLER_EVIDENCE",
  "SUBMIT_BUYER_EVIDENCE",
  "SUBMIT_PLATFORM_EVIDENCE",
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** How a case ended. */
export const CASE_OUTCOMES = [
  "REFUNDED",
  "REPLACED",
  "RETURNED_AND_REFUNDED",
  "COMPENSATION_ACCEPTED",
  "BUYER_WITHDREW",
  "DECIDED_FOR_SELLER",
  "DECIDED_FOR_BUYER",
  "SHIPPED",
  "ORDER_CANCELLED",
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

type Next = Partial<Record<CaseStatus, CaseStatus>>;

/** Every open state maps to itself: the action does not move the case. */
const stays = (...states: CaseStatus[]): Next => Object.fromEntries(states.map((s) => [s, s]));

/** Every open state, unchanged: where evidence may be submitted. */
const OPEN_STAYS = stays("AWAITING_SELLER", "AWAITING_BUYER", "OFFER_PENDING", "RETURN_IN_PROGRESS", "ESCALATED");

/** The transition of one action: who may take it, and from which state to which. */
export interface Transition {
  role: ActorRole;
  next: Next;
  /**
   * Where the action leads when it is no answer to the buyer, if that differs from `next`: RECORD_REMEDY of a remedy
   * not addressed to the buyer (`REMEDIES_NOT_TO_BUYER`) leaves the case where it was.
   */
  nextUnanswered?: Next;
  /**
   * Where the action leads on the late-shipment incident (reason LATE_SHIPMENT, source SYSTEM) that cannot end yet,
   * if that differs from `next`: an offer accepted there is the remedy plan's compensation step done, and the incident
   * still waits for the order to ship with tracking (or be cancelled).
   */
  nextIncidentOpen?: Next;
  /**
   * Where the action leads when the buyer has messages the seller has not answered, if that differs from `next`:
   * withdrawing an offer, or a return lapsing, answers nobody, so a buyer who wrote meanwhile still awaits the seller.
   */
  nextOwed?: Next;
  /**
   * The states the action is also taken from on the late-shipment incident (reason LATE_SHIPMENT, source SYSTEM), if
   * any beyond `next`: the seller closes an incident escalated before escalation was refused there
   * (`INCIDENT_REFUSED`).
   */
  nextIncident?: Next;
  /** One sentence for the README and for people. */
  means: string;
}

export const TRANSITIONS: Record<CaseAction, Transition> = {
  POST_SELLER_MESSAGE: {
    role: "SELLER",
    next: {
      AWAITING_SELLER: "AWAITING_BUYER",
      AWAITING_BUYER: "AWAITING_BUYER",
      OFFER_PENDING: "OFFER_PENDING",
      RETURN_IN_PROGRESS: "RETURN_IN_PROGRESS",
      ESCALATED: "ESCALATED",
    },
    means: "The seller writes to the buyer; the first seller message sets firstResponseAt.",
  },
  POST_BUYER_MESSAGE: {
    role: "BUYER",
    next: {
      AWAITING_SELLER: "AWAITING_SELLER",
      AWAITING_BUYER: "AWAITING_SELLER",
      OFFER_PENDING: "OFFER_PENDING",
      RETURN_IN_PROGRESS: "RETURN_IN_PROGRESS",
      ESCALATED: "ESCALATED",
    },
    means:
      "The buyer writes (relayed by a partner tool); respondBy restarts unless the case already awaits the seller " +
      "or is escalated.",
  },
  POST_PLATFORM_MESSAGE: {
    role: "PLATFORM",
    next: stays("AWAITING_SELLER", "AWAITING_BUYER", "OFFER_PENDING", "RETURN_IN_PROGRESS", "ESCALATED"),
    means: "The marketplace writes; the state does not change.",
  },
  RECORD_REMEDY: {
    role: "SELLER",
    next: {
      AWAITING_SELLER: "AWAITING_BUYER",
      AWAITING_BUYER: "AWAITING_BUYER",
      OFFER_PENDING: "OFFER_PENDING",
      ESCALATED: "ESCALATED",
    },
    nextUnanswered: stays("AWAITING_SELLER", "AWAITING_BUYER", "OFFER_PENDING", "ESCALATED"),
    means:
      "The seller records a remedy. One addressed to the buyer (refund, replacement, resend, apology) counts as " +
      "the seller's answer; a platform support ticket or expedited shipping answers nobody: the state, respondBy " +
      "and the response tracking stay. A refund is refused while the case's return is open (escalated during it): " +
      "the return pays the buyer (refundReturn).",
  },
  MAKE_OFFER: {
    role: "SELLER",
    next: { AWAITING_SELLER: "OFFER_PENDING", AWAITING_BUYER: "OFFER_PENDING" },
    means: "The seller offers compensation; one open offer per case.",
  },
  WITHDRAW_OFFER: {
    role: "SELLER",
    next: { OFFER_PENDING: "AWAITING_BUYER" },
    nextOwed: { OFFER_PENDING: "AWAITING_SELLER" },
    means:
      "The seller takes the pending offer back. A buyer's message unanswered since the offer is still owed an " +
      "answer: the case awaits the seller, by the respondBy that message set (a withdrawal answers nobody).",
  },
  ACCEPT_OFFER: {
    role: "BUYER",
    next: { OFFER_PENDING: "RESOLVED" },
    nextIncidentOpen: { OFFER_PENDING: "AWAITING_BUYER" },
    means:
      "The buyer accepts the pending offer: resolved, COMPENSATION_ACCEPTED. On the late-shipment incident it is " +
      "the remedy plan's compensation step done: the incident resolves so only once the order shipped with " +
      "tracking and the plan's other required steps are done (as SHIPPED would), else it awaits the buyer until " +
      "the seller closes it SHIPPED or ORDER_CANCELLED.",
  },
  DECLINE_OFFER: {
    role: "BUYER",
    next: { OFFER_PENDING: "AWAITING_SELLER" },
    means:
      "The buyer declines: the seller must answer again, respondBy restarts; a buyer's message unanswered since the " +
      "offer keeps the respondBy it set and its overdue mark.",
  },
  EXPIRE_OFFER: {
    role: "SYSTEM",
    next: { OFFER_PENDING: "AWAITING_SELLER" },
    means: "The case-deadline job expires an offer past expiresAt.",
  },
  ESCALATE: {
    role: "BUYER",
    next: {
      AWAITING_SELLER: "ESCALATED",
      AWAITING_BUYER: "ESCALATED",
      OFFER_PENDING: "ESCALATED",
      RETURN_IN_PROGRESS: "ESCALATED",
    },
    means:
      "The buyer asks the platform to arbitrate; a pending offer counts as declined, an open return stays open. " +
      "Never on the late-shipment incident, which the platform does not decide.",
  },
  RESOLVE_BY_SELLER: {
    role: "SELLER",
    next: { AWAITING_SELLER: "RESOLVED", AWAITING_BUYER: "RESOLVED" },
    means:
      "The seller settles the case: REFUNDED, REPLACED (not a buyer's dispute) or RETURNED_AND_REFUNDED, once a " +
      "remedy backs it; SHIPPED, the late-shipment incident only, once the order shipped and the remedy plan's " +
      "required steps are done; ORDER_CANCELLED, the late-shipment incident only, once the order is cancelled " +
      "(cancelOrder does it, unless an offer is awaiting the buyer). An incident escalated before escalation was " +
      "refused there is the seller's to close so all the same.",
    nextIncident: { ESCALATED: "RESOLVED" },
  },
  WITHDRAW_BY_BUYER: {
    role: "BUYER",
    next: { AWAITING_SELLER: "RESOLVED", AWAITING_BUYER: "RESOLVED", OFFER_PENDING: "RESOLVED" },
    means: "The buyer withdraws the complaint: BUYER_WITHDREW. Never the late-shipment incident: it is no complaint.",
  },
  DECIDE: {
    role: "OPERATOR",
    next: { ESCALATED: "RESOLVED" },
    means:
      "An operator decides an escalated case for the platform: DECIDED_FOR_SELLER or DECIDED_FOR_BUYER. Never the " +
      "late-shipment incident, which ends only SHIPPED or ORDER_CANCELLED.",
  },
  CLOSE: {
    role: "PLATFORM",
    next: { RESOLVED: "CLOSED" },
    means: "The marketplace (or an operator) closes a resolved case; nothing changes it afterwards.",
  },
  // Returns (packages/core/src/returns): the return's own table says which of its moves take these.
  ACCEPT_RETURN_OFFER: {
    role: "BUYER",
    next: { OFFER_PENDING: "RETURN_IN_PROGRESS" },
    means:
      "The buyer accepts a return offer (REFUND_WITH_RETURN, REPLACEMENT_WITH_RETURN): a return starts, AUTHORISED.",
  },
  CANCEL_RETURN: {
    role: "BUYER",
    next: { RETURN_IN_PROGRESS: "AWAITING_SELLER", ESCALATED: "ESCALATED" },
    means: "The buyer gives up the return before shipping it: the seller must answer again, respondBy restarts.",
  },
  LAPSE_RETURN: {
    role: "SYSTEM",
    next: { RETURN_IN_PROGRESS: "AWAITING_BUYER", ESCALATED: "ESCALATED" },
    nextOwed: { RETURN_IN_PROGRESS: "AWAITING_SELLER" },
    means:
      "The case-deadline job ends a return the buyer did not ship back in time: the seller's offer stood, the " +
      "buyer may write or escalate. A buyer's message unanswered during the return is still owed an answer: the " +
      "case awaits the seller, respondBy counted from shipBackBy (the return's deadlines bound the seller till then).",
  },
  ESCALATE_RETURN: {
    role: "SYSTEM",
    next: { RETURN_IN_PROGRESS: "ESCALATED", ESCALATED: "ESCALATED" },
    means:
      "The case-deadline job escalates a case whose seller did not confirm receipt, or refund or replace, in time.",
  },
  COMPLETE_RETURN: {
    role: "SELLER",
    next: { RETURN_IN_PROGRESS: "RESOLVED", ESCALATED: "RESOLVED" },
    means: "The seller refunds or ships the replacement after receipt: resolved, RETURNED_AND_REFUNDED or REPLACED.",
  },
  // Evidence is for the platform's decision: each side may add to it while the case is open.
  SUBMIT_SELLER_EVIDENCE: {
    role: "SELLER",
    next: OPEN_STAYS,
    means: "The seller submits evidence (tracking proof, photos…); the state does not change.",
  },
  SUBMIT_BUYER_EVIDENCE: {
    role: "BUYER",
    next: OPEN_STAYS,
    means: "The buyer's evidence, relayed by a marketplace key; the state does not change.",
  },
  SUBMIT_PLATFORM_EVIDENCE: {
    role: "PLATFORM",
    next: OPEN_STAYS,
    means: "The platform adds its own records; the state does not change.",
  },
};

/** Case actions taken through a return's own moves (its table), never offered on the case itself. */
export const RETURN_CASE_ACTIONS: readonly CaseAction[] = [
  "CANCEL_RETURN",
  "LAPSE_RETURN",
  "ESCALATE_RETURN",
  "COMPLETE_RETURN",
];

/**
 * The actions never taken on the late-shipment incident (reason LATE_SHIPMENT, source SYSTEM): it is the seller's
 * tracking of an order that has not shipped and ends only SHIPPED or ORDER_CANCELLED, so there is nothing for the buyer
 * to withdraw nor for the platform to arbitrate or decide. A buyer's complaint about the delay is a dispute of its own
 * (reason LATE_SHIPMENT, source BUYER), which the buyer withdraws or escalates and an operator decides.
 */
export const INCIDENT_REFUSED: readonly CaseAction[] = ["ESCALATE", "WITHDRAW_BY_BUYER", "DECIDE"];

/** Which resolving action each outcome belongs to: the outcome decides who may resolve. */
export function resolvingAction(outcome: CaseOutcome): CaseAction {
  switch (outcome) {
    case "REFUNDED":
    case "REPLACED":
    case "RETURNED_AND_REFUNDED":
    case "SHIPPED":
    case "ORDER_CANCELLED":
      return "RESOLVE_BY_SELLER";
    case "BUYER_WITHDREW":
      return "WITHDRAW_BY_BUYER";
    case "DECIDED_FOR_SELLER":
    case "DECIDED_FOR_BUYER":
      return "DECIDE";
    case "COMPENSATION_ACCEPTED":
      return "ACCEPT_OFFER";
    default:
      return assertNever(outcome);
  }
}

/**
 * The roles a credential may take on a case of a seller it may see. A seller key and a
 * read-write partner key are the seller; a marketplace key relays the buyer and the platform; an
 * operator is the platform and its arbiter. No credential holds both SELLER and BUYER, so nobody answers its own
 * offer, nor both BUYER and OPERATOR, so nobody decides a case it escalated. Nobody is SYSTEM but the jobs.
 */
export function rolesOf(principal: Principal): ActorRole[] {
  switch (principal.role) {
    case "SELLER":
      return ["SELLER"];
    case "PARTNER":
      return principal.access === "READ_WRITE" ? ["SELLER"] : [];
    case "MARKETPLACE":
      return ["BUYER", "PLATFORM"];
    case "OPERATOR":
      return ["PLATFORM", "OPERATOR"];
    default:
      return assertNever(principal);
  }
}

/**
 * Refusal a caller cannot fix by changing the input: the wrong role. It carries its text, not a
 * sentence, so the API answers it in the caller's language like every other refusal.
 */
export class RoleForbidden extends Error {
  override readonly name = "RoleForbidden";
  constructor(readonly text: Text) {
    super(english(text));
  }
}

/** The state the action leads to from `status`, or undefined where it is not taken (`incident`: see `nextIncident`). */
function nextOf(status: CaseStatus, action: CaseAction, incident: boolean): CaseStatus | undefined {
  if (incident && INCIDENT_REFUSED.includes(action)) return undefined;
  const rule = TRANSITIONS[action];
  return rule.next[status] ?? (incident ? rule.nextIncident?.[status] : undefined);
}

/**
 * Checks one action: the role first (a wrong role is FORBIDDEN whatever the state), then the
 * state (an illegal move is INVALID_TRANSITION naming the state). On the late-shipment incident (`incident`) the
 * actions of `INCIDENT_REFUSED` are INVALID_TRANSITION in every state, naming how the incident ends.
 */
export function checkAction(
  status: CaseStatus,
  action: CaseAction,
  roles: readonly ActorRole[],
  incident = false,
): Result<CaseStatus> {
  const rule = TRANSITIONS[action];
  if (!roles.includes(rule.role)) {
    throw new RoleForbidden(text("refusal.case.roleForbidden", { action, role: rule.role }));
  }
  if (incident && INCIDENT_REFUSED.includes(action)) {
    return refuse(userError("INVALID_TRANSITION", text("refusal.case.lateIncidentAction", { action })));
  }
  const next = nextOf(status, action, incident);
  if (!next) {
    return refuse(
      userError(
        "INVALID_TRANSITION",
        text("refusal.case.transition", { action, status, allowed: Object.keys(rule.next) as CaseStatus[] }),
      ),
    );
  }
  return ok(next);
}

/**
 * The state an accepted action leads to when it is no answer to the buyer (`Transition.nextUnanswered`, else the
 * table's `next`): `checkAction` has already refused the states it cannot be taken from.
 */
export function nextUnanswered(status: CaseStatus, action: CaseAction, answered: CaseStatus): CaseStatus {
  return TRANSITIONS[action].nextUnanswered?.[status] ?? answered;
}

/**
 * The state an accepted offer leads to on the late-shipment incident that cannot close yet
 * (`Transition.nextIncidentOpen`, else the table's `next`): `checkAction` has already refused the other states.
 */
export function nextIncidentOpen(status: CaseStatus, action: CaseAction, resolved: CaseStatus): CaseStatus {
  return TRANSITIONS[action].nextIncidentOpen?.[status] ?? resolved;
}

/**
 * The state an accepted action leads to when the buyer has unanswered messages (`Transition.nextOwed`, else the
 * table's `next`): `checkAction` has already refused the states it cannot be taken from.
 */
export function nextOwed(status: CaseStatus, action: CaseAction, unanswered: number, answered: CaseStatus): CaseStatus {
  return unanswered > 0 ? (TRANSITIONS[action].nextOwed?.[status] ?? answered) : answered;
}

/** Every action the given roles may take now: the same table the server checks (`incident`: as `checkAction`). */
export function availableActions(status: CaseStatus, roles: readonly ActorRole[], incident = false): CaseAction[] {
  return CASE_ACTIONS.filter((action) => {
    const rule = TRANSITIONS[action];
    if (RETURN_CASE_ACTIONS.includes(action)) return false;
    return rule.role !== "SYSTEM" && roles.includes(rule.role) && nextOf(status, action, incident) !== undefined;
  });
}

/**
 * The transition table as Markdown (state × action × role → next state), as printed in the README. Where an action
 * that is no answer to the buyer leads elsewhere (`nextUnanswered`), one on the late-shipment incident not ready
 * to close (`nextIncidentOpen`), or one taken while a buyer's message is unanswered (`nextOwed`), the cell says both.
 */
export function renderTransitionTable(): string {
  const rows = CASE_ACTIONS.flatMap((action) => {
    const rule = TRANSITIONS[action];
    return Object.entries(rule.next).map(([from, to]) => {
      const unanswered = rule.nextUnanswered?.[from as CaseStatus];
      const incident = rule.nextIncidentOpen?.[from as CaseStatus];
      const owed = rule.nextOwed?.[from as CaseStatus];
      const cell =
        unanswered && unanswered !== to
          ? `${to}; ${unanswered} when no answer to the buyer`
          : incident && incident !== to
            ? `${to}; ${incident} on the late-shipment incident not ready to close`
            : owed && owed !== to
              ? `${to}; ${owed} while a buyer's message is unanswered`
              : to;
      return `| ${from} | ${action} | ${rule.role} | ${cell} |`;
    });
  });
  const incidentRows = CASE_ACTIONS.flatMap((action) =>
    Object.entries(TRANSITIONS[action].nextIncident ?? {}).map(
      ([from, to]) =>
        `| ${from} | ${action} | ${TRANSITIONS[action].role} | ${to}, on the late-shipment incident only |`,
    ),
  );
  rows.push(...incidentRows);
  return ["| state | action | role | next state |", "|---|---|---|---|", ...rows].join("\n");
}
