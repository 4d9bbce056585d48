import type { CodegenConfig } from "@graphql-codegen/cli";

// Every operation is a graphql() call in src/, typed from the API's own schema (../schema.graphql,
// generated from the backend). `npm run codegen:check` fails when a generated folder is stale.
//
// The client preset bundles every document of its folder wherever graphql() is called, so an area whose
// operations only its own route runs gets a folder of its own (features/<area>/gql/): its documents stay
// out of every other route's first load (the floor's has a budget, scripts/first-load.mjs).
const OWN_DOCUMENTS = ["hub", "integrations/application", "listings", "privacy", "security", "sso", "webhooks"];
// Shared documents an area's operations spread besides UserErrorFields (security's return `me`: MeFields).
const SHARED_DOCUMENTS: Record<string, string[]> = { security: ["src/lib/session.ts"] };
const config_ = {
  useTypeImports: true,
  enumsAsTypes: true,
  avoidOptionals: false,
  skipTypename: false,
  scalars: { DateTime: "string", Date: "string", Decimal: "string", JSON: "unknown", ID: "string" },
};
const preset = { preset: "client" as const, presetConfig: { fragmentMasking: false }, config: config_ };

const config: CodegenConfig = {
  schema: "../schema.graphql",
  ignoreNoDocuments: false,
  generates: {
    "./src/gql/": {
      ...preset,
      documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*", ...OWN_DOCUMENTS.map((area) => `!src/features/${area}/**/*`)],
    },
    ...Object.fromEntries(
      OWN_DOCUMENTS.map((area) => [
        `./src/features/${area}/gql/`,
        {
          ...preset,
          // The shared fragments its operations spread come along (UserErrorFields).
          documents: [
            `src/features/${area}/**/*.{ts,tsx}`,
            `!src/features/${area}/gql/**/*`,
            "src/lib/userErrorFields.ts",
            ...(SHARED_DOCUMENTS[area] ?? []),
          ],
        },
      ]),
    ),
  },
  hooks: { afterAllFileWrite: [] },
};

export default config;
