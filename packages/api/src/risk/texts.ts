import { I18n, type RiskAssessment } from "@seller-ops/core";

/**
 * A risk assessment in the reader's language: factor labels and recommended actions by their
 * codes, `display` and `explanation` from their texts (what core still words only in English, as
 * a plain string, is kept). Codes, values and contributions are unchanged.
 */
export function localizedRisk(risk: RiskAssessment, write: (text: I18n.Text) => string): RiskAssessment {
  const written = (value: I18n.Text | string) => (typeof value === "string" ? value : write(value));
  return {
    ...risk,
    factors: risk.factors.map((factor) => ({
      ...factor,
      label: write(I18n.text("risk.factorLabel", { code: factor.code })),
      display: written(factor.display),
      explanation: written(factor.explanation),
    })),
    recommendedActions: risk.recommendedActions.map((action) => ({
      ...action,
      label: write(I18n.text("risk.action", { code: action.code })),
    })),
  };
}
