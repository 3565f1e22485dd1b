/**
 * Returns: exchanges and returns with a tracked parcel (README.md). The table in ./machine.ts,
 * the shape a case keeps in ./shapes.ts, the inputs in ./inputs.ts, the moves in ./verbs.ts.
 */
export * from "./machine";
export * from "./shapes";
export * from "./inputs";
export * from "./verbs";
export * from "./holds";
