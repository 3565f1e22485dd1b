/** What one invocation did; the stream handler and the retry job report and emit these. */
export interface DispatchCounts {
  delivered: number;
  failed: number;
  gaveUp: number;
  /** Deliveries moved to their group head's retry time (they wait for it). */
  deferred: number;
  /** Groups another dispatcher was draining (their deliveries are its, or the retry job's). */
  busyGroups: number;
  endpointsDisabled: number;
  /** Groups left unattempted because the invocation's time ran short (the retry job finds them due). */
  groupsLeftForRetry: number;
  /** Groups of a failing endpoint the stream handler left to the retry job (`Webhooks.attemptInStream`). */
  groupsOfFailingEndpoints: number;
  /** Groups of a scope that used its stream run's attempt time, left to the retry job (`overStreamBudget`). */
  groupsOfSlowEndpoints: number;
  /** Groups this dispatcher stopped draining: another recorded an attempt first, so the lease had lapsed. */
  leasesLost: number;
  /**
   * Groups stopped right before sending: the reads before the attempt took the lease's room, so nothing was sent or
   * recorded and the group waits for the next run. Not 0 for long means DynamoDB reads are slow.
   */
  leasesRanShort: number;
  /** Groups left for the next run because their scope had used its share of this invocation's attempt time. */
  groupsOverShare: number;
  /** Endpoint items this code cannot parse, each logged and counted once per invocation (`noteUnreadable`). */
  unreadableEndpoints: number;
  /** Groups stopped at a delivery item this code cannot read (they wait for it: `noteUnreadableDelivery`). */
  unreadableDeliveries: number;
}

export const emptyCounts = (): DispatchCounts => ({
  delivered: 0,
  failed: 0,
  gaveUp: 0,
  deferred: 0,
  busyGroups: 0,
  endpointsDisabled: 0,
  groupsLeftForRetry: 0,
  groupsOfFailingEndpoints: 0,
  groupsOfSlowEndpoints: 0,
  leasesLost: 0,
  leasesRanShort: 0,
  groupsOverShare: 0,
  unreadableEndpoints: 0,
  unreadableDeliveries: 0,
});
