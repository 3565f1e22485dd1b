import { text } from "../i18n/texts";
import { RoleForbidden, type ActorRole, type CaseAction } from "../cases/machine";
import { RETURN_OFFER_KINDS, type ReturnOfferKind } from "../compensation";
import { ok, refuse, userError, type Result } from "../errors";
import { DAY_MS } from "../time";

/**
 * The return lifecycle as one table, like the case machine next to it: for every action, the
 * side that may take it, the states it may be taken from, the state it leads to, the deadline
 * that starts there and what the action does to the case. The server checks every request
 * against it, `Return.availableActions` is computed from it, and
 * packages/core/src/returns/README.md prints it (a test fails when the copy is stale).
 *
 * A return starts when the buyer accepts a return offer (REFUND_WITH_RETURN: the money back once
 * the goods are back; REPLACEMENT_WITH_RETURN: an exchange, a new item once the goods are back).
 */

/** The offer kinds that start a return when the buyer accepts them (one list, in ../compensation). */
export const RETURN_KINDS = RETURN_OFFER_KINDS;
export type ReturnKind = ReturnOfferKind;

export const RETURN_STATUSES = [
  "AUTHORISED",
  "SHIPPED_BACK",
  "RECEIVED",
  "REFUNDED",
  "REPLACEMENT_SHIPPED",
  "CANCELLED",
  "EXPIRED",
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** The states a return ends in: nothing moves it afterwards. */
export const RETURN_ENDS: readonly ReturnStatus[] = ["REFUNDED", "REPLACEMENT_SHIPPED", "CANCELLED", "EXPIRED"];

export const isOpenReturn = (status: ReturnStatus): boolean => !RETURN_ENDS.includes(status);

export const RETURN_ACTIONS = [
  "SHIP_BACK",
  "CONFIRM_RECEIPT",
  "REFUND",
  "SHIP_REPLACEMENT",
  "CANCEL",
  "VOID",
  "EXPIRE",
  "FLAG_OVERDUE",
] as const;
export type ReturnAction = (typeof RETURN_ACTIONS)[number];

/** How long each side has at each step. Policy, not input: no caller sets a return's deadlines. */
export interface ReturnRules {
  /** From authorisation: the buyer ships the goods back (`shipBackBy`). */
  shipBackWithinMs: number;
  /** From the buyer's shipment: the seller confirms the goods arrived (`receiveBy`); covers cross-border transit. */
  receiveWithinMs: number;
  /** From receipt: the seller refunds or ships the replacement (`settleBy`). */
  settleWithinMs: number;
}

export const defaultReturnRules: ReturnRules = {
  shipBackWithinMs: 14 * DAY_MS,
  receiveWithinMs: 30 * DAY_MS,
  settleWithinMs: 3 * DAY_MS,
};

/** The deadline a state starts, by its field on the return. */
export type ReturnDeadline = "shipBackBy" | "receiveBy" | "settleBy";

type Next = Partial<Record<ReturnStatus, ReturnStatus>>;

/** The transition of one action. */
export interface ReturnTransition {
  role: ActorRole;
  next: Next;
  /** Only returns of these kinds (a refund is no answer to an exchange, nor the reverse). */
  kinds: readonly ReturnKind[];
  /** What it does to the case: the case machine's action it takes, or null when the case stays as it is. */
  caseAction: CaseAction | null;
  means: string;
}

const BOTH = RETURN_KINDS;
const OPEN: ReturnStatus[] = ["AUTHORISED", "SHIPPED_BACK", "RECEIVED"];
const stays = (...states: ReturnStatus[]): Next => Object.fromEntries(states.map((s) => [s, s]));

export const RETURN_TRANSITIONS: Record<ReturnAction, ReturnTransition> = {
  SHIP_BACK: {
    role: "BUYER",
    next: { AUTHORISED: "SHIPPED_BACK" },
    kinds: BOTH,
    caseAction: null,
    means: "The buyer ships the goods back, with the carrier and tracking number, by shipBackBy.",
  },
  CONFIRM_RECEIPT: {
    role: "SELLER",
    next: { SHIPPED_BACK: "RECEIVED" },
    kinds: BOTH,
    caseAction: null,
    means: "The seller confirms the goods arrived, by receiveBy.",
  },
  REFUND: {
    role: "SELLER",
    next: { RECEIVED: "REFUNDED" },
    kinds: ["REFUND_WITH_RETURN"],
    caseAction: "COMPLETE_RETURN",
    means:
      "The seller refunds the offered amount, by settleBy; the order's refunded total grows; " +
      "the case is RETURNED_AND_REFUNDED.",
  },
  SHIP_REPLACEMENT: {
    role: "SELLER",
    next: { RECEIVED: "REPLACEMENT_SHIPPED" },
    kinds: ["REPLACEMENT_WITH_RETURN"],
    caseAction: "COMPLETE_RETURN",
    means: "The seller ships the replacement with its carrier and tracking number, by settleBy; the case is REPLACED.",
  },
  CANCEL: {
    role: "BUYER",
    next: { AUTHORISED: "CANCELLED" },
    kinds: BOTH,
    caseAction: "CANCEL_RETURN",
    means: "The buyer gives up the return before shipping it; the seller must answer the case again.",
  },
  VOID: {
    // The case's DECIDE, whose role it shares: an operator's.
    role: "OPERATOR",
    next: { AUTHORISED: "CANCELLED", SHIPPED_BACK: "CANCELLED", RECEIVED: "CANCELLED" },
    kinds: BOTH,
    caseAction: "DECIDE",
    means: "An operator decides the escalated case; an open return ends with the decision.",
  },
  EXPIRE: {
    role: "SYSTEM",
    next: { AUTHORISED: "EXPIRED" },
    kinds: BOTH,
    caseAction: "LAPSE_RETURN",
    means: "The case-deadline job ends a return not shipped back by shipBackBy; the case awaits the buyer.",
  },
  FLAG_OVERDUE: {
    role: "SYSTEM",
    next: stays("SHIPPED_BACK", "RECEIVED"),
    kinds: BOTH,
    caseAction: "ESCALATE_RETURN",
    means:
      "The case-deadline job flags a seller past receiveBy or settleBy (once per deadline) and escalates the case.",
  },
};

/** How a return starts: the buyer accepts a return offer on the case. */
export const START = { role: "BUYER", caseAction: "ACCEPT_RETURN_OFFER" } as const satisfies {
  role: ActorRole;
  caseAction: CaseAction;
};

/** The deadline each state starts (null: nobody owes a step, or the return has ended). */
export const DEADLINE_OF: Record<ReturnStatus, ReturnDeadline | null> = {
  AUTHORISED: "shipBackBy",
  SHIPPED_BACK: "receiveBy",
  RECEIVED: "settleBy",
  REFUNDED: null,
  REPLACEMENT_SHIPPED: null,
  CANCELLED: null,
  EXPIRED: null,
};

/** Who owes the next step in a state: the deadline job acts on that side's silence. */
export const OWED_BY: Record<ReturnStatus, ActorRole | null> = {
  AUTHORISED: "BUYER",
  SHIPPED_BACK: "SELLER",
  RECEIVED: "SELLER",
  REFUNDED: null,
  REPLACEMENT_SHIPPED: null,
  CANCELLED: null,
  EXPIRED: null,
};

/** Refusal a caller cannot fix by changing the input: the wrong side (a RoleForbidden: the API answers FORBIDDEN). */
export class ReturnRoleForbidden extends RoleForbidden {}

/**
 * Checks one action on a return: the side first (a wrong side is FORBIDDEN whatever the state),
 * then the kind and the state (INVALID_TRANSITION naming them).
 */
export function checkReturnAction(args: {
  status: ReturnStatus;
  kind: ReturnKind;
  action: ReturnAction;
  roles: readonly ActorRole[];
}): Result<ReturnStatus> {
  const rule = RETURN_TRANSITIONS[args.action];
  if (!args.roles.includes(rule.role)) {
    throw new ReturnRoleForbidden(text("refusal.return.roleForbidden", { action: args.action, role: rule.role }));
  }
  if (!rule.kinds.includes(args.kind)) {
    return refuse(
      userError(
        "INVALID_TRANSITION",
        text("refusal.return.kind", { action: args.action, kind: args.kind, kinds: [...rule.kinds] }),
        ["input", "returnId"],
      ),
    );
  }
  const next = rule.next[args.status];
  if (!next) {
    const allowed = Object.keys(rule.next) as ReturnStatus[];
    return refuse(
      userError(
        "INVALID_TRANSITION",
        text("refusal.return.transition", { action: args.action, status: args.status, allowed }),
        ["input", "returnId"],
      ),
    );
  }
  return ok(next);
}

/** The actions the given roles may take on a return now, by the table (callers remove what the case forbids). */
export function returnActions(args: {
  status: ReturnStatus;
  kind: ReturnKind;
  roles: readonly ActorRole[];
}): ReturnAction[] {
  return RETURN_ACTIONS.filter((action) => {
    const rule = RETURN_TRANSITIONS[action];
    // VOID is taken by deciding the case, never on its own.
    if (rule.role === "SYSTEM" || action === "VOID") return false;
    return args.roles.includes(rule.role) && rule.kinds.includes(args.kind) && rule.next[args.status] !== undefined;
  });
}

/** The table as Markdown (state × action × side → next state, the deadline that starts, the case's move). */
export function renderReturnTable(): string {
  const rows = RETURN_ACTIONS.flatMap((action) => {
    const rule = RETURN_TRANSITIONS[action];
    const kinds = rule.kinds.length === RETURN_KINDS.length ? "any" : rule.kinds.join(", ");
    return Object.entries(rule.next).map(([from, to]) => {
      // A move that stays (a flag) starts no new deadline.
      const deadline = from === to ? "—" : (DEADLINE_OF[to as ReturnStatus] ?? "—");
      return `| ${from} | ${action} | ${rule.role} | ${kinds} | ${to} | ${deadline} | ${rule.caseAction ?? "—"} |`;
    });
  });
  // The return starts with the buyer's acceptance of the offer (the case's respondToCompensationOffer).
  const start = `| (offer pending) | ACCEPT_OFFER | ${START.role} | any | AUTHORISED | ${DEADLINE_OF.AUTHORISED} | ${
    START.caseAction
  } |`;
  const header = "| state | action | side | kinds | next state | deadline then | case action |";
  return [header, "|---|---|---|---|---|---|---|", start, ...rows].join("\n");
}

/** The deadlines as Markdown, from the rules. */
export function renderDeadlineTable(rules: ReturnRules = defaultReturnRules): string {
  const days = (ms: number) => `${ms / DAY_MS} days`;
  const rows: [ReturnDeadline, string, string, string][] = [
    [
      "shipBackBy",
      days(rules.shipBackWithinMs),
      "authorisation",
      "EXPIRE: the return ends EXPIRED, the case goes back to AWAITING_BUYER",
    ],
    [
      "receiveBy",
      days(rules.receiveWithinMs),
      "the buyer's shipment",
      "FLAG_OVERDUE: the case is escalated to the platform",
    ],
    ["settleBy", days(rules.settleWithinMs), "receipt", "FLAG_OVERDUE: the case is escalated to the platform"],
  ];
  return [
    "| deadline | length | from | when it passes |",
    "|---|---|---|---|",
    ...rows.map(([name, length, from, then]) => `| ${name} | ${length} | ${from} | ${then} |`),
  ].join("\n");
}

export const OPEN_RETURN_STATES = OPEN;
