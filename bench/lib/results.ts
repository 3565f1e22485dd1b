import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export type FigureKind = "count" | "bytes" | "ratio" | "time";

/** One line of bench/results.json. */
export interface Figure {
  figure: string;
  kind: FigureKind;
  /** Null when the figure could not be measured (see `note`). */
  value: number | null;
  unit: string;
  /** The target in words (`≤ 3`, `= 300`, `≤ 1.5`), or null for a figure reported for context. */
  target: string | null;
  /** Whether the target is met; null without a target or without a value. */
  met: boolean | null;
  note?: string;
}

type Comparison = "<=" | "<" | "=" | ">=";

const SYMBOL: Record<Comparison, string> = { "<=": "≤", "<": "<", "=": "=", ">=": "≥" };

export class Results {
  readonly figures: Figure[] = [];
  readonly notes: string[] = [];

  /** A figure with a numeric target. */
  add(
    figure: string,
    kind: FigureKind,
    value: number | null,
    unit: string,
    target?: { op: Comparison; value: number; label?: string },
    note?: string,
  ): Figure {
    let met: boolean | null = null;
    if (target && value !== null && Number.isFinite(value)) {
      met =
        target.op === "<="
          ? value <= target.value
          : target.op === "<"
            ? value < target.value
            : target.op === "="
              ? value === target.value
              : value >= target.value;
    }
    const entry: Figure = {
      figure,
      kind,
      value: value === null || !Number.isFinite(value) ? null : value,
      unit,
      target: target ? (target.label ?? `${SYMBOL[target.op]} ${target.value}`) : null,
      met,
      ...(note ? { note } : {}),
    };
    this.figures.push(entry);
    return entry;
  }

  note(text: string): void {
    this.notes.push(text);
    process.stdout.write(`  note: ${text}\n`);
  }

  /** Counts are machine-independent: a missed count target fails the run; times and ratios never do. */
  missedCounts(): Figure[] {
    return this.figures.filter((f) => f.kind === "count" && f.target !== null && f.met !== true);
  }

  table(): string {
    const rows = this.figures.map((f) => [
      f.figure,
      f.kind,
      format(f),
      f.target ?? "",
      f.met === null ? (f.target ? "n/a" : "") : f.met ? "yes" : "NO",
    ]);
    const header = ["figure", "kind", "value", "target", "met"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
    return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
  }

  write(path: string): void {
    // bench/.out/ is git-ignored and made by the sections that put bundles there:
    // a run of other sections makes it here.
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(this.figures, null, 2)}\n`);
  }
}

function format(f: Figure): string {
  if (f.value === null) return "not measured";
  switch (f.kind) {
    case "count":
      return `${f.value} ${f.unit}`;
    case "bytes":
      return f.unit === "bytes"
        ? `${f.value.toLocaleString("en-US")} B (${(f.value / 1_048_576).toFixed(2)} MiB)`
        : `${f.value} ${f.unit}`;
    case "ratio":
      // Money per seller's day is a fraction of a cent: show its significant digits.
      return f.unit.includes("USD") && f.value < 0.01
        ? `${f.value.toPrecision(3)}${f.unit}`
        : `${f.value.toFixed(2)}${f.unit}`;
    case "time": {
      const shown =
        f.value < 10
          ? f.value.toFixed(2)
          : f.value < 100
            ? f.value.toFixed(1)
            : Math.round(f.value).toLocaleString("en-US");
      return `${shown} ${f.unit}`;
    }
  }
}
