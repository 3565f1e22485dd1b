import { TOKEN_PRINCIPAL_PREFIX, type Principal } from "../auth";
import { assertNever } from "../errors";
import { rolesOf, type ActorRole } from "../cases/machine";

/**
 * What a credential may learn about itself (`Query.viewer`): who it is and what it may do, from
 * the principal alone. Never secret material: a key is named by its id, a token by nothing
 * (its subject is the user's, not the integration's).
 */
export interface Info {
  role: Principal["role"];
  credential: "API_KEY" | "TOKEN";
  /** The API key's id; null for a frontend token. */
  keyId: string | null;
  sellerId: string | null;
  /** Its own seller, or its granted list; empty when it covers every seller. */
  sellerIds: string[];
  allSellers: boolean;
  partnerAccess: "READ" | "READ_WRITE" | null;
  access: {
    read: boolean;
    actsAsSeller: boolean;
    actsForBuyer: boolean;
    operates: boolean;
    /** The case state machine's actors this credential plays (the same list `availableActions` is computed from). */
    caseActors: ActorRole[];
  };
}

/** A principal from a verified frontend token rather than an API key. */
export function isToken(principal: Principal): boolean {
  return principal.principalId.startsWith(TOKEN_PRINCIPAL_PREFIX);
}

/** The viewer a principal is. */
export function describe(principal: Principal): Info {
  const caseActors = rolesOf(principal);
  const token = isToken(principal);
  const common = {
    credential: token ? ("TOKEN" as const) : ("API_KEY" as const),
    keyId: token ? null : principal.principalId,
  };
  const access = (actsAsSeller: boolean, operates = false) => ({
    read: true,
    actsAsSeller,
    actsForBuyer: caseActors.includes("BUYER"),
    operates,
    caseActors,
  });
  switch (principal.role) {
    case "SELLER":
      return {
        ...common,
        role: "SELLER",
        sellerId: principal.sellerId,
        sellerIds: [principal.sellerId],
        allSellers: false,
        partnerAccess: null,
        access: access(true),
      };
    case "PARTNER":
      return {
        ...common,
        role: "PARTNER",
        sellerId: null,
        sellerIds: [...principal.sellerIds],
        allSellers: false,
        partnerAccess: principal.access,
        access: access(principal.access === "READ_WRITE"),
      };
    case "MARKETPLACE":
      return {
        ...common,
        role: "MARKETPLACE",
        sellerId: null,
        sellerIds: principal.allSellers ? [] : [...principal.sellerIds],
        allSellers: principal.allSellers,
        partnerAccess: null,
        access: access(false),
      };
    case "OPERATOR":
      return {
        ...common,
        role: "OPERATOR",
        sellerId: null,
        sellerIds: [],
        allSellers: true,
        partnerAccess: null,
        access: access(false, true),
      };
    default:
      return assertNever(principal);
  }
}
