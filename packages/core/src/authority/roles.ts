import type { Principal } from "../auth";
import { assertNever } from "../errors";

/** The credential roles, the shape of a row of `FIELD_AUTHORITY` and the sets of roles its rows name. */

export const CREDENTIAL_ROLES = ["SELLER", "PARTNER", "MARKETPLACE", "OPERATOR"] as const;
export type CredentialRole = (typeof CREDENTIAL_ROLES)[number];

/** What setting the field decides. */
export type Effect = "money" | "eligibility" | "deadline" | "state";

export interface FieldAuthority {
  /** `Mutation.input.field`, with the value when the authority depends on it (`= BUYER`). */
  mutation: string;
  field: string;
  value?: string;
  effects: Effect[];
  /** The roles that may set it (a partner key only with READ_WRITE access). */
  setBy: CredentialRole[];
  why: string;
}

export const SELLER_SIDE: CredentialRole[] = ["SELLER", "PARTNER", "OPERATOR"];
export const SELLER_ONLY: CredentialRole[] = ["SELLER", "PARTNER"];
export const BUYER_SIDE: CredentialRole[] = ["MARKETPLACE"];
export const PLATFORM: CredentialRole[] = ["MARKETPLACE", "OPERATOR"];
export const OPERATOR: CredentialRole[] = ["OPERATOR"];

/** The credential role of a principal, as the table names it. */
export function credentialRole(principal: Principal): CredentialRole {
  switch (principal.role) {
    case "SELLER":
    case "PARTNER":
    case "MARKETPLACE":
    case "OPERATOR":
      return principal.role;
    default:
      return assertNever(principal);
  }
}
