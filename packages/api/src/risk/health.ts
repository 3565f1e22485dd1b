import type { I18n, Risk, RiskAssessment } from "@seller-ops/core";

/** A health metric as the API answers it: its name, note and sentence written in the reader's language. */
export type WrittenHealthMetric = Omit<Risk.HealthMetric, "label" | "note" | "explanation"> & {
  label: string;
  note: string | null;
  explanation: string;
};

/** A deposit consequence with its sentence written in the reader's language. */
export type WrittenDepositConsequence = Omit<Risk.DepositConsequence, "explanation"> & { explanation: string };

/** `Seller.health`: the seller's health written for one reader, with the seller's risk assessment. */
export type SellerHealthView = Omit<Risk.SellerHealth, "metrics" | "depositConsequences"> & {
  metrics: WrittenHealthMetric[];
  depositConsequences: WrittenDepositConsequence[];
  risk: RiskAssessment;
};

/**
 * Seller health in the reader's language and the seller's time zone (the days in the sentences).
 * Names, values, codes, targets and statuses are core's, unchanged: only the words are written here,
 * and only those a query selects (getters, as `localizedRisk` does: `health { status }` writes none).
 */
export function localizedHealth(args: {
  health: Risk.SellerHealth;
  risk: RiskAssessment;
  write: (text: I18n.Text) => string;
}): SellerHealthView {
  const { health, write } = args;
  return {
    ...health,
    metrics: health.metrics.map((m) => ({
      ...m,
      get label() {
        return write(m.label);
      },
      get note() {
        return m.note === null ? null : write(m.note);
      },
      get explanation() {
        return write(m.explanation);
      },
    })),
    depositConsequences: health.depositConsequences.map((c) => ({
      ...c,
      get explanation() {
        return write(c.explanation);
      },
    })),
    risk: args.risk,
  };
}
