// The "Aplicativo Mercado Livre" panel's operations. Generated into ./gql/ (codegen.ts, OWN_DOCUMENTS): only
// /integracoes/ runs them, so they stay out of every other route's first load (the floor's has a budget).
import { graphql } from "./gql";

graphql(`
  fragment IntegrationsApplication on MeliApplication {
    id
    clientId
    siteId
    storeName
    secretSet
    lastTestAt
    lastTestOk
    lastTestError
    linkedAccounts
  }
`);

export const ApplicationQuery = graphql(`
  query IntegrationsApplication {
    meliApplication {
      ...IntegrationsApplication
    }
    meliApplicationUrls {
      webhookUrl
      redirectUri
    }
  }
`);

export const SetApplicationMutation = graphql(`
  mutation IntegrationsSetApplication($input: SetMeliApplicationInput!) {
    setMeliApplication(input: $input) {
      application {
        ...IntegrationsApplication
      }
      reauthorizeAccounts
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const TestApplicationMutation = graphql(`
  mutation IntegrationsTestApplication {
    testMeliApplication {
      ok
      latencyMs
      error
      application {
        ...IntegrationsApplication
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const RemoveApplicationMutation = graphql(`
  mutation IntegrationsRemoveApplication {
    removeMeliApplication {
      removed
      reauthorizeAccounts
      errors {
        ...UserErrorFields
      }
    }
  }
`);
