import type * as z from "zod/mini";
import { Webhooks } from "@seller-ops/core";
import { WebhookEndpointsRepo } from "@seller-ops/db";
import type { Resolvers } from "../generated/resolvers-types";
import type { Context } from "../context";
import { runMutation, type MutationSpec } from "../mutation";
import { pageRequest, toConnection } from "../pagination";
import { shownSwitch } from "./access";
import {
  deleteWebhookEndpoint,
  disableWebhookEndpoint,
  enableWebhookEndpoint,
  endpointView,
  logUnreadableEndpoint,
  registerWebhookEndpoint,
  requireEndpointReader,
  rotateWebhookSecret,
  scopeFor,
  updateWebhookEndpoint,
} from "./mutations";

/** Marketplace keys have no endpoints: refused before the input is even read, as operator-only mutations are. */
function run<S extends z.ZodMiniType, P extends object>(ctx: Context, spec: MutationSpec<S, P>, input: unknown) {
  requireEndpointReader(ctx);
  return runMutation(ctx, spec, input);
}

export const webhookResolvers: Resolvers = {
  Query: {
    async webhookEndpoints(_root, args, ctx) {
      const scope = scopeFor(ctx, args.sellerId, "READ");
      // A partner sees the endpoints it registered; operators and the seller itself every one of the scope.
      const ownerKeyId = ctx.principal.role === "PARTNER" ? ctx.principal.principalId : undefined;
      const cursorScope = { list: "webhookEndpoints", args: { scope, ownerKeyId: ownerKeyId ?? null } };
      const request = pageRequest(ctx, cursorScope, args);
      const page = await WebhookEndpointsRepo.listPage(ctx.db, { scope, ownerKeyId }, request);
      // An item this code cannot read is left out of the page (and logged), not the whole list failed with it: the
      // page may then hold one fewer, and its cursors still move past it.
      const items = page.items.flatMap(({ item, key }) => {
        if (!WebhookEndpointsRepo.isUnreadable(item)) return [{ item: endpointView(item, ctx.now), key }];
        logUnreadableEndpoint(ctx, item);
        return [];
      });
      const views = { ...page, items };
      return toConnection(ctx, cursorScope, request, views);
    },
  },
  Mutation: {
    registerWebhookEndpoint: (_root, { input }, ctx) => run(ctx, registerWebhookEndpoint, input),
    rotateWebhookSecret: (_root, { input }, ctx) => run(ctx, rotateWebhookSecret, input),
    disableWebhookEndpoint: (_root, { input }, ctx) => run(ctx, disableWebhookEndpoint, input),
    enableWebhookEndpoint: (_root, { input }, ctx) => run(ctx, enableWebhookEndpoint, input),
    updateWebhookEndpoint: (_root, { input }, ctx) => run(ctx, updateWebhookEndpoint, input),
    deleteWebhookEndpoint: (_root, { input }, ctx) => run(ctx, deleteWebhookEndpoint, input),
  },
  WebhookEndpoint: {
    id: (endpoint) => endpoint.endpointId,
    scope: (endpoint) => (endpoint.scope === Webhooks.OPERATOR_SCOPE ? "OPERATORS" : "SELLER"),
    // One stored ENABLED that delivers nothing (its key revoked, its partner tool's grant changed) is shown so, not as
    // ENABLED (`shownSwitch`, docs/webhooks.md).
    status: async (endpoint, _args, ctx) => (await shownSwitch(ctx, endpoint)).status,
    disabledReason: async (endpoint, _args, ctx) => (await shownSwitch(ctx, endpoint)).disabledReason,
    disabledBy: async (endpoint, _args, ctx) => (await shownSwitch(ctx, endpoint)).disabledBy,
  },
};
