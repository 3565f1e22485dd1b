/**
 * A case: a buyer dispute or a late-shipment incident. The seller guide's three rules become its
 * shape: keep communication open (a message log, `respondBy`, `firstResponseAt`, unanswered
 * buyer messages), offer a concrete solution (remedies and compensation offers), and follow the
 * platform's process (the state machine in ./machine.ts, escalation, resolution outcomes).
 *
 * Every decision returns the case's next state and the timeline event that records it; the db
 * layer writes both in one transaction under the case's version. Every verb takes one input
 * object (`CaseVerbArgs`: the case, the caller's input and roles, the instant). This file is the
 * face of the module: the shapes live in ./shapes.ts, the inputs in ./inputs.ts, the verbs in
 * ./opening.ts, ./messages.ts, ./remedies.ts, ./offers.ts, ./resolution.ts and ./evidence.ts, the job's rule in
 * ./deadlines.ts, the effects on the order in ./order-effects.ts and the order's on its incident in ./cancellation.ts.
 */
export * from "./machine";
export {
  CASE_EVENT_TYPES,
  CASE_REASONS,
  CASE_SOURCES,
  CaseEvent,
  CompensationOffer,
  defaultCaseRules,
  Info,
  nextDeadlineAt,
  OFFER_STATUSES,
  isOpen,
  owesAnswer,
  REFUND_REMEDIES,
  Remedy,
  REMEDY_KINDS,
  RESPOND_WITHIN_MS,
  responseDueSoonLeadMs,
  type Case,
  type CaseEventType,
  type CaseReason,
  type CaseRules,
  type CaseSource,
  type AlreadyDone,
  type Change,
  isAlreadyDone,
  type OfferStatus,
  type RemedyKind,
} from "./shapes";
export {
  CloseCaseInput,
  DIRECTIONS,
  EscalateCaseInput,
  MakeCompensationOfferInput,
  OpenCaseInput,
  PostCaseMessageInput,
  RecordRemedyInput,
  ResolveCaseInput,
  RespondToCompensationOfferInput,
  WithdrawCompensationOfferInput,
} from "./inputs";
export {
  actionsFor,
  CASE_LIMITS,
  CASE_OPENERS,
  claimCountsOtherCases,
  MAX_OPEN_CASE_IDS,
  ORDER_CASE_LIMITS,
  refundedTowardClaim,
  type CaseOpener,
  type OtherCases,
} from "./limits";
export type { CaseVerbArgs, CreatesArgs, TimelineText } from "./change";
export { eventIdOf, saidOf } from "./change";
export {
  flagLate,
  lateShipmentCaseId,
  lateShipmentCaseOf,
  open,
  openLateShipmentCase,
  type OpenBuyerCase,
} from "./opening";
export { postMessage } from "./messages";
export { duplicateRefund, newRefundReferences, recordRemedy, type OrderCasesArgs } from "./remedies";
export { afterLapse, asReadAt, expireLapsedOffer, makeOffer, respondToOffer, withdrawOffer } from "./offers";
export { close, escalate, resolve, resolvedForBuyer } from "./resolution";
export { resolvedByCancellation } from "./cancellation";
export { givenBackOf, givenBackOnCase, type GivenBack, type GivenBackRecords } from "./given-back";
export { repairLateLink, type LateLinkRepair } from "./late-link-repair";
export { checkDeadlines, type DeadlineCheck } from "./deadlines";
export { DELAY_REASONS, openCaseOpenersOf, openersOf, orderAfter, remedyEvidence } from "./order-effects";
export { Evidence, EVIDENCE_KINDS, EVIDENCE_SIDES, type EvidenceKind, type EvidenceSide } from "./evidence-shape";
export {
  EVIDENCE_LIMITS,
  evidenceAtCap,
  evidenceBySide,
  evidenceRedactionDue,
  redactDueEvidence,
  sideOfAction,
  SUBMIT_EVIDENCE_ACTIONS,
  SubmitCaseEvidenceInput,
  submitEvidence,
  type SubmitterArgs,
} from "./evidence";
