/**
 * Webhooks' pure building blocks: how a delivery is signed and verified, how signing secrets are
 * sealed at rest and rotated, and which endpoint URLs are acceptable. No network and no clock:
 * the delivery side (packages/functions/src/webhooks/) resolves, connects and reads the time.
 */
export * from "./addresses";
export * from "./endpoints";
export * from "./inputs";
export * from "./registry";
export * from "./rotation";
export * from "./sealing";
export * from "./signing";
export * from "./delivery";
