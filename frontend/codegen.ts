import type { CodegenConfig } from "@graphql-codegen/cli";

// Every operation is a graphql() call in src/, typed from the API's own schema (../schema.graphql,
// generated from the backend). `npm run codegen:check` fails when src/gql/ is stale.
const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "./src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: false,
        skipTypename: false,
        scalars: { DateTime: "string", Date: "string", Decimal: "string", JSON: "unknown", ID: "string" },
      },
    },
  },
  hooks: { afterAllFileWrite: [] },
};

export default config;
