/**
 * Defaults the deploy settings share with the service (stacks/stages.ts imports this file, which
 * imports nothing, so the SST program does not load the service).
 */

/** The claim of a verified frontend token that names the user's seller, unless a stage sets another. */
export const DEFAULT_JWT_SELLER_CLAIM = "custom:seller_id";
