import { I18n, type RiskAssessment } from "@seller-ops/core";

/**
 * A risk assessment in the reader's language: factor labels and recommended actions by their
 * codes, explanations from their texts (a factor whose explanation core writes only in English
 * yet keeps it). Codes, values and contributions are unchanged.
 */
export function localizedRisk(risk: RiskAssessment, write: (text: I18n.Text) => string): RiskAssessment {
  return {
    ...risk,
    factors: risk.factors.map((factor) => ({
      ...factor,
      label: write(I18n.text("risk.factorLabel", { code: factor.code })),
      explanation: factor.explanationText ? write(factor.explanationText) : factor.explanation,
    })),
    recommendedActions: risk.recommendedActions.map((action) => ({
      ...action,
      label: write(I18n.text("risk.action", { code: action.code })),
    })),
  };
}
