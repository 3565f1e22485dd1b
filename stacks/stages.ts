/**
 * Per-stage deploy settings, kept in the repository so that a deploy from any shell gives the
 * same stage: nothing here is read from the deployer's environment. Secrets are not here; they
 * are SST secrets (`stacks/wiring.ts`, `secrets`).
 *
 * To give a stage its own settings, add an entry under its name and deploy it again. A stage
 * without an entry gets `otherStages`.
 */

import { DEFAULT_JWT_SELLER_CLAIM } from "../packages/api/src/defaults";

/**
 * The AWS region every stage deploys to: `providers.aws.region` in sst.config.ts's `app()`, written there as a
 * literal (SST refuses imports at the top of sst.config.ts), and the region of the bench's prices (bench/lib/cost.ts).
 * test/infra/sst-config.test.ts keeps them equal. To move the service, change all three, then deploy each stage
 * afresh: SST keeps a stage's state per region, so the old region's resources stay until removed there.
 */
export const DEPLOY_REGION = "us-east-1";

export interface StageSettings {
  /** Browser origins allowed to call the API (CORS); an empty list allows no browser. */
  corsAllowOrigins: string[];
  /**
   * The frontend's identity provider (e.g. a Cognito user pool: issuer
   * `https://cognito-idp.<region>.amazonaws.com/<pool id>`, audiences = its app client ids), or
   * null: the stage has no JWT authorizer and no `/app/graphql` routes.
   */
  jwt: { issuer: string; audiences: string[] } | null;
  /** The claim of a verified frontend token that names the user's seller (`JWT_SELLER_CLAIM`). */
  jwtSellerClaim: string;
}

/** Every stage not listed in `stageSettings` (personal and staging stages): the local explorer only. */
export const otherStages: StageSettings = {
  corsAllowOrigins: ["http://localhost:4000"],
  jwt: null,
  jwtSellerClaim: DEFAULT_JWT_SELLER_CLAIM,
};

/**
 * Stages with settings of their own. Production allows no browser origin and has no frontend
 * routes until the frontend's origin and identity provider are written here.
 */
export const stageSettings: Readonly<Record<string, StageSettings>> = {
  production: {
    corsAllowOrigins: [],
    jwt: null,
    jwtSellerClaim: DEFAULT_JWT_SELLER_CLAIM,
  },
};

export function stageSettingsFor(stage: string): StageSettings {
  const settings = Object.hasOwn(stageSettings, stage) ? stageSettings[stage]! : otherStages;
  if (settings.jwt && settings.jwt.audiences.length === 0) {
    throw new Error(
      `Stage ${stage}: a JWT issuer without audiences accepts no token; name the app client id(s) in ` +
        `stacks/stages.ts.`,
    );
  }
  return settings;
}
