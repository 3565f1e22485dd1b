import type { DocumentKind } from "../deposits/shapes";
import type { DepositKey, Writers } from "./texts";
import { aViolation, capital, SEVERITY_EN } from "./en-words";

/** English: deposit refund eligibility (blockers, what sales count) and refund applications. */

const DOCUMENT: Record<DocumentKind, string> = {
  SALES_DATA: "sales data (SALES_DATA)",
  QUALITY_INSPECTION_REPORT: "a quality inspection report (QUALITY_INSPECTION_REPORT)",
  OTHER: "another document (OTHER)",
};

/** `a, b and c`. */
export function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const CONTEST = "If you contest the violation, contact the platform operator.";

/** Case ids, the first `SHOWN` of them and how many more. */
const SHOWN = 10;
function listed(ids: string[]): string {
  return ids.length <= SHOWN ? joinList(ids) : `${ids.slice(0, SHOWN).join(", ")} and ${ids.length - SHOWN} more`;
}

export const enDeposits: Writers<DepositKey> = {
  "deposit.refundAlreadyRequested": () =>
    "A refund of this deposit was already requested; wait for the platform's decision on that application.",
  "deposit.alreadyRefunded": (p, f) =>
    `This deposit was already refunded in full (${f.money(p.refunded)}); there is nothing left to refund.`,
  "deposit.partiallyRefunded": (p, f) =>
    `This deposit was already partially refunded (${p.refunded ? f.money(p.refunded) : "an approved part"} of ` +
    `${f.money(p.amount)}); the deducted rest is not refundable.`,
  "deposit.qualityViolation": (p, f) =>
    `${capital(aViolation(p))} on ${f.day(p.day)}, during the term, is a quality problem: a limited-term ` +
    `deposit is refundable only when its term had none. ${CONTEST}`,
  "deposit.blockingViolationInTerm": (p, f) =>
    `${capital(aViolation(p))} on ${f.day(p.day)}, during the term, blocks the refund: a limited-term ` +
    `deposit is refundable only without ${
      p.threshold === "MINOR" ? "any violation" : `${SEVERITY_EN[p.threshold]} or worse violations`
    } in its term. ${CONTEST}`,
  "deposit.tooManyQualityDisputes": (p) =>
    `${p.lost} disputes about quality or items not as described were resolved for the buyer during the term, or ` +
    `opened during it and resolved for the buyer since, more than the ${p.allowed} allowed: that is a quality ` +
    `problem, and the deposit is not refundable for this term. If you contest a dispute outcome, contact the ` +
    `platform operator.`,
  "deposit.qualityDisputesOpen": (p) =>
    `${p.caseIds.length} ${p.caseIds.length === 1 ? "dispute" : "disputes"} about quality or items not as ` +
    `described, opened during the term, ${p.caseIds.length === 1 ? "is" : "are"} still open: ` +
    `${listed(p.caseIds)}. The refund waits until ${p.caseIds.length === 1 ? "it is" : "they are"} settled: a ` +
    `quality dispute opened during the term counts against it when resolved for the buyer, even after the term ` +
    `ended, and more than ${p.allowed} lost is a quality problem (${p.lost} so far).`,
  "deposit.termNotEnded": (p, f) =>
    `Sales in the term are ${f.money(p.sales)} of the ${f.money(p.target)} target: ${f.money(p.missing)} more in ` +
    `sales makes the deposit refundable in full ` +
    (p.disputesOpen ? "once the open quality disputes are settled" : "right away") +
    `; otherwise you may apply once the term ends${p.disputesOpen ? " and they are settled" : ""}, and the ` +
    `operator decides the amount (its last day is ${f.day(p.lastDay)}, ${p.daysLeft} ` +
    `${p.daysLeft === 1 ? "day" : "days"} left).`,
  "deposit.termNotStarted": (p, f) =>
    `The term has not started yet: it starts on ${f.day(p.firstDay)}, and only sales of orders placed from then ` +
    `count toward the ${f.money(p.target)} target. Reaching it within the term makes the deposit refundable in ` +
    `full early; otherwise you may apply once the term ends, and the operator decides the amount (its last day is ` +
    `${f.day(p.lastDay)}).`,
  "deposit.sustainedSalesNotMet": (p, f) =>
    `The deposit needs at least ${f.money(p.min)} in sales in each of the last ${p.months} calendar ` +
    `${p.months === 1 ? "month" : "months"}, and ${p.short.length} of them fell short: ` +
    `${joinList(p.short.map((m) => `${m.month} (${f.money(m.sales)}, ${f.money(m.missing)} short)`))}. Keep ` +
    `selling: the rule is checked again with each new month.`,
  "deposit.heldFewerMonths": (p, f) =>
    `The deposit was paid on ${f.day(p.paidOn)}: it has been held for ${p.heldMonths} of the ${p.months} full ` +
    `calendar ${p.months === 1 ? "month" : "months"} the rule needs (at least ${f.money(p.min)} in sales in each), ` +
    `and a month that began before it was paid does not count` +
    (p.short.length === 0
      ? ""
      : `. Of the months it was held, ${p.short.length} fell short: ` +
        joinList(p.short.map((m) => `${m.month} (${f.money(m.sales)}, ${f.money(m.missing)} short)`))) +
    `. Keep selling: the rule can be met on ${f.day(p.from)} at the earliest.`,
  "deposit.blockingViolationUnlimited": (p, f) =>
    `${capital(aViolation(p))} on ${f.day(p.day)} is within the last ${p.windowMonths} months and blocks ` +
    `the refund of an unlimited deposit; it stops blocking on ${f.day(p.until)}. ${CONTEST}`,
  "deposit.salesBasisTerm": (p, f) =>
    `Settled sales of the orders placed from ${f.dateTime(p.termStart)} up to ` +
    `${p.ongoing ? "now" : `${f.dateTime(p.termEnd)} (exclusive)`}, ` +
    `net of cancellations and of the refunds given on those same orders, never below zero: ` +
    `${p.beyond ? "more than " : ""}${f.money(p.sales)}. ` +
    `Orders placed before the term, and their refunds, do not count; nor does an order recorded here after the ` +
    `term ended, more than ${p.graceDays} days after it was placed` +
    (p.leftOut ? ` (${f.money(p.leftOut)} of such orders left out).` : "."),
  "deposit.salesBasisMonths": (p, f) =>
    `Settled sales of the orders placed in each of the last ${p.months} full calendar ` +
    `${p.months === 1 ? "month" : "months"} (your time zone, ${p.timeZone}), net of cancellations and of the ` +
    `refunds given on those same orders, never below zero per month. Orders placed outside those months do not ` +
    `count; nor does an order recorded here after its month ended, more than ${p.graceDays} days after it was placed` +
    (p.leftOut ? ` (${f.money(p.leftOut)} of such orders left out).` : ".") +
    (p.shownUpTo
      ? ` A figure past ${f.money(p.shownUpTo)}, the largest amount sent exactly, is shown as that amount.`
      : ""),
  "deposit.notEligible": (p, f) =>
    `This deposit cannot be refunded now. ` +
    `${p.reasons.map((r) => f.write(r)).join(" ") || "The refund rules are not met."}`,
  "deposit.missingDocuments": (p) =>
    `A refund application must carry ${joinList(p.required.map((k) => DOCUMENT[k]))}; ` +
    `missing: ${joinList(p.missing.map((k) => DOCUMENT[k]))}.`,
  "deposit.sameDocumentForKinds": (p) =>
    `One file (${p.reference}) is given as ${joinList(p.kinds.map((k) => DOCUMENT[k]))}: documents with the ` +
    `same reference or the same checksum are one file, and each required document must be a file of its own. ` +
    `Attach a separate file for each.`,
};
