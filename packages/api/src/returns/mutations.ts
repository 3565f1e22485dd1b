import { Returns } from "@seller-ops/core";
import { caseChange } from "../cases/mutations";

/**
 * Return mutations: each is one move of a return on its case (packages/core/src/returns), written
 * as a case change: the case under its version with its timeline event, the order when a refund
 * moves its money, and the seller's counters, in one transaction.
 */

export const shipReturn = caseChange("shipReturn", Returns.ShipReturnInput, Returns.shipReturn);

export const confirmReturnReceived = caseChange(
  "confirmReturnReceived",
  Returns.ConfirmReturnReceivedInput,
  Returns.confirmReturnReceived,
);

export const refundReturn = caseChange("refundReturn", Returns.RefundReturnInput, Returns.refundReturn);

export const shipReplacement = caseChange("shipReplacement", Returns.ShipReplacementInput, Returns.shipReplacement);

export const cancelReturn = caseChange("cancelReturn", Returns.CancelReturnInput, Returns.cancelReturn);
