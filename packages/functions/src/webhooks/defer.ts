import { WebhookDeliveriesRepo, type Db, type WebhookDelivery } from "@seller-ops/db";

/** Deliveries read per Query when the ones behind a waiting head are deferred. */
const DEFER_PAGE = 100;

/**
 * Every delivery behind a waiting head waits as long (`until`, the head's next attempt), so the retry job does not
 * find it due before the head: left due, each retry run (every minute) would take and give back the group's lease
 * and read the group, only to find the head still waiting. Those on the page the head was read with (`page`, the
 * head at `index`; `pageSize` asked for: a shorter page ended the group), then the rest of the group, page by page,
 * while `mayGoOn` (the invocation's time and the group's lease); any left stay due, and the next drain defers them.
 * Deliveries already waiting as long are not written. Returns how many were deferred.
 */
export async function deferBehindHead(args: {
  db: Db;
  group: string;
  page: WebhookDelivery[];
  index: number;
  pageSize: number;
  until: string;
  mayGoOn: () => boolean;
}): Promise<number> {
  let deferred = await deferAll(args.db, args.page.slice(args.index + 1), args.until);
  let after = args.page.length < args.pageSize ? null : args.page.at(-1)!.position;
  while (after !== null && args.mayGoOn()) {
    const next = await WebhookDeliveriesRepo.unsettledAfter(args.db, args.group, after, DEFER_PAGE);
    deferred += await deferAll(args.db, next.unsettled, args.until);
    after = next.next;
  }
  return deferred;
}

/** Deliveries moved to `until`, each only if it still is as read (the attempt count: `deferTo`). */
async function deferAll(db: Db, followers: WebhookDelivery[], until: string): Promise<number> {
  let deferred = 0;
  for (const follower of followers) {
    if (follower.nextAttemptAt !== null && follower.nextAttemptAt >= until) continue;
    if (await WebhookDeliveriesRepo.deferTo(db, follower, until)) deferred++;
  }
  return deferred;
}
