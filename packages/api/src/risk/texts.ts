import { I18n, type RiskAssessment } from "@seller-ops/core";

type RiskFactor = RiskAssessment["factors"][number];
type Write = (text: I18n.Text) => string;

/**
 * A risk assessment in the reader's language: factor labels and recommended actions by their
 * codes, `display` and `explanation` from their texts (what core still words only in English, as
 * a plain string, is kept). Codes, values and contributions are unchanged.
 *
 * Words are written when a field is read, not before: a page that asks for `score` and `level`
 * only (the cases page) writes none of the factors' texts. GraphQL's default resolver reads each
 * selected property once, so each getter runs once per field a query asks for.
 */
export function localizedRisk(risk: RiskAssessment, write: Write): RiskAssessment {
  // No spread of `risk`: core builds its factors and actions when first read, and so do these getters.
  return {
    score: risk.score,
    level: risk.level,
    modelVersion: risk.modelVersion,
    assessedAt: risk.assessedAt,
    get factors() {
      return risk.factors.map((factor) => localizedFactor(factor, write));
    },
    get recommendedActions() {
      return risk.recommendedActions.map((action) => ({
        ...action,
        get label() {
          return write(I18n.text("risk.action", { code: action.code }));
        },
      }));
    },
  };
}

function localizedFactor(factor: RiskFactor, write: Write): RiskFactor {
  const written = (value: I18n.Text | string) => (typeof value === "string" ? value : write(value));
  return {
    ...factor,
    get label() {
      return write(I18n.text("risk.factorLabel", { code: factor.code }));
    },
    get display() {
      return written(factor.display);
    },
    get explanation() {
      return written(factor.explanation);
    },
  };
}
