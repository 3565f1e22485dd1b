/**
 * The event log (issue #19, docs/events.md): what an event is, the drafts each change yields, and
 * the compact payload snapshots. Pure: the db layer stores records, the api layer stamps them.
 */
export * from "./types";
export * from "./snapshot";
export * from "./drafts";
