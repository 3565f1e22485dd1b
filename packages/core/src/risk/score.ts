import { english } from "../i18n";
import { text, type Text } from "../i18n/texts";
import type { Instant } from "../time";
import {
  type DeadlineCurve,
  type FactorCode,
  type FactorUnit,
  FACTOR_LABELS,
  type RecommendedAction,
  type RiskAssessment,
  type RiskFactor,
  type RiskLevel,
  type RiskModel,
} from "./model";

/** What a factor says: its value written for people and the sentence that explains it. */
export interface FactorWords {
  /** A text (any language) or, where only English exists yet, the English words. */
  display: Text | string;
  /** A text (any language) or, where only English exists yet, the English sentence. */
  explanation: Text | string;
}

/** A factor before rounding: how much of its weight it takes (0–1) and, when asked, why. */
export interface FactorDraft {
  code: FactorCode;
  value: number;
  unit: FactorUnit;
  weight: number;
  /** Share of the weight, clamped to 0–1. */
  share: number;
  /**
   * The factor's words, built when the assessment's factors are read: a page that shows the score
   * and level only (the cases page, 100 assessments) would build two texts per factor for nothing.
   * Written as a method (`words() { … }`), not an arrow property: bundles keep function names
   * (esbuild's keepNames, as SST builds), which wraps each arrow a name is inferred for in a call
   * that redefines its `name`, every time one is created: slower than the texts it defers.
   */
  words(): FactorWords;
}

/** Raw points are kept in millionths of a point, so every sum below is exact integer arithmetic. */
const MICRO = 1_000_000;

/**
 * Turns raw points into integer contributions that add up exactly to the score.
 *
 * 1. raw points = weight × share, in whole millionths (`Math.round`), never negative;
 * 2. score = the raw total rounded down to a whole point, capped at 100;
 * 3. each factor's quota = raw × score / total; every factor gets the whole part of its quota
 *    and the points still missing go one each to the largest remainders (ties: the model's
 *    factor order). Largest-remainder rounding: the contributions sum to the score exactly,
 *    a factor with no raw points never gets one, no factor gets more than its weight (with
 *    whole-number weights), and the score only depends on the raw total,
 *    so anything that raises a raw point never lowers the score.
 */
export function allocate(raw: readonly number[]): { score: number; contributions: number[] } {
  // Plain loops over preallocated arrays: a page assesses 100 items, and every array here was garbage.
  const n = raw.length;
  const micro = new Array<number>(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const points = raw[i]!;
    const m = Number.isFinite(points) && points > 0 ? Math.round(points * MICRO) : 0;
    micro[i] = m;
    total += m;
  }
  if (total === 0) return { score: 0, contributions: micro.fill(0) };
  // Rounded down, so no factor's quota exceeds its raw points and no contribution its weight.
  const score = Math.min(100, (total - (total % MICRO)) / MICRO);
  // score × m stays below 2^53, so products, remainders and quotients below are exact.
  const whole = new Array<number>(n);
  let missing = score;
  for (let i = 0; i < n; i++) {
    const product = score * micro[i]!;
    whole[i] = (product - (product % total)) / total;
    missing -= whole[i]!;
  }
  if (missing > 0) {
    // Factors with raw points, largest remainder first (ties: the model's factor order).
    const order: number[] = [];
    for (let i = 0; i < n; i++) if (micro[i]! > 0) order.push(i);
    // Remainders inline: a named arrow here costs a `name` redefinition per assessment in a keepNames bundle.
    order.sort((a, b) => ((score * micro[b]!) % total) - ((score * micro[a]!) % total) || a - b);
    for (let k = 0; missing > 0 && order.length > 0; k = (k + 1) % order.length, missing--) whole[order[k]!]! += 1;
  }
  return { score, contributions: whole };
}

export function levelOf(score: number, cutoffs: RiskModel["cutoffs"]): RiskLevel {
  if (score >= cutoffs.CRITICAL) return "CRITICAL";
  if (score >= cutoffs.HIGH) return "HIGH";
  if (score >= cutoffs.ELEVATED) return "ELEVATED";
  return "LOW";
}

/**
 * Builds the assessment: contributions, score, level, factors sorted by what they added. The score
 * and level are decided here; the sorted factors and the actions (`recommendedActions` may be given
 * as a function, called with the drafts' contributions in the drafts' order) are built when first read,
 * so a page that shows the score and level only never sorts factors nor plans actions for each of its items.
 */
export function assemble(
  drafts: FactorDraft[],
  recommendedActions: RecommendedAction[] | ((contributions: readonly number[]) => RecommendedAction[]),
  model: RiskModel,
  now: Instant,
): RiskAssessment {
  const { score, contributions } = allocate(drafts.map((d) => d.weight * clamp01(d.share)));
  let factors: RiskFactor[] | undefined;
  let actions: RecommendedAction[] | undefined;
  return {
    score,
    level: levelOf(score, model.cutoffs),
    get factors() {
      if (!factors) factors = sortedFactors(drafts, contributions);
      return factors;
    },
    get recommendedActions() {
      if (!actions)
        actions = dedupe(
          typeof recommendedActions === "function" ? recommendedActions(contributions) : recommendedActions,
        );
      return actions;
    },
    modelVersion: model.version,
    assessedAt: now,
  };
}

function sortedFactors(drafts: FactorDraft[], contributions: number[]): RiskFactor[] {
  return drafts
    .map((d, index) => {
      // Texts stay texts: the API writes them in the reader's language, only for the fields a query asks for.
      const { display, explanation } = d.words();
      const factor = {
        code: d.code,
        label: FACTOR_LABELS[d.code],
        value: d.value,
        unit: d.unit,
        display,
        weight: d.weight,
        contribution: contributions[index]!,
        explanation,
      };
      return { index, factor };
    })
    .sort((a, b) => b.factor.contribution - a.factor.contribution || a.index - b.index)
    .map((entry) => entry.factor);
}

/**
 * A deadline factor from the hours left (negative once past): its value, "… left" or "… overdue",
 * its share on the curve, and the explanation for the side of the deadline it is on (`explain`
 * is called with `overdue` when the factor's words are read).
 */
export function deadlineFactor(args: {
  base: Pick<FactorDraft, "code" | "unit" | "weight">;
  hoursLeft: number;
  curve: DeadlineCurve;
  overdue: boolean;
  /** The explanation for the side of the deadline the factor is on (a method, as `words`). */
  explain(overdue: boolean): Text | string;
}): FactorDraft {
  const { hoursLeft: h, overdue, explain } = args;
  return {
    ...args.base,
    // Negative whenever overdue, as the unit HOURS says: a deadline passed by under 3 minutes rounds to -0, which
    // JSON writes as 0, and a client sorting or flagging by the value's sign would miss it.
    value: overdue ? Math.min(round1(h), -0.1) : round1(h),
    share: deadlineShare(h, args.curve),
    words() {
      return {
        display: text("risk.display.deadline", { hours: hoursToMinute(Math.abs(h)), overdue }),
        explanation: explain(overdue),
      };
    },
  };
}

/** The share of a deadline factor for the hours left (negative once overdue); see `DeadlineCurve`. */
export function deadlineShare(hoursLeft: number, curve: DeadlineCurve): number {
  if (hoursLeft < 0) {
    const overdue = Math.min(1, -hoursLeft / curve.overdueFullAfterHours);
    return curve.overdueShareFloor + (1 - curve.overdueShareFloor) * overdue;
  }
  if (hoursLeft >= curve.horizonHours) return 0;
  return (curve.shareAtDeadline * (curve.horizonHours - hoursLeft)) / curve.horizonHours;
}

export function clamp01(x: number): number {
  if (!Number.isFinite(x) || x <= 0) return 0;
  return Math.min(x, 1);
}

function dedupe(actions: RecommendedAction[]): RecommendedAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    if (seen.has(a.code)) return false;
    seen.add(a.code);
    return true;
  });
}

/**
 * A factor's `display` or `explanation` in English, dates in UTC, for logs and tests (the API writes
 * them in the reader's language instead).
 */
export function inEnglish(value: Text | string): string {
  return typeof value === "string" ? value : english(value);
}

// ---------------------------------------------------------------------------------------------
// Numbers for people.

export const round1 = (x: number) => Math.round(x * 10) / 10;
/** Hours as a sentence's figure: to the minute, since the texts write minutes below an hour ("2 minutes overdue"). */
export const hoursToMinute = (h: number) => Math.round(h * 60) / 60;
export const round2 = (x: number) => Math.round(x * 100) / 100;
/**
 * A share (0..1) in whole percent for a sentence, never 0 % for something nor 100 % for less than all: a claim of 0.04
 * on 100.00 paid reads 1 %, not 0 %; 99.6 % of the handling time used reads 99 %, not 100 % beside "is used".
 */
export const wholePercent = (share: number) => {
  const percent = Math.round(share * 100);
  if (share > 0 && percent === 0) return 1;
  if (share < 1 && percent === 100) return 99;
  return percent;
};
