// The listing score's and the LLM review's operations (typed by graphql-codegen from schema.graphql; they
// live in the listings area's own documents folder, so no other route's first load carries them).
import { graphql } from "../gql";

graphql(`
  fragment ScoreAnalysis on ListingAnalysis {
    id
    status
    result {
      seo {
        titleSuggestions {
          text
          reason
        }
        keywords {
          text
          reason
        }
      }
      hacks {
        text
        reason
      }
      critique {
        text
        reason
      }
      risks {
        text
        reason
      }
    }
    error
    errorCode
    retryAt
    model
    promptTokens
    completionTokens
    costEstimate {
      amount
      currency
    }
    latencyMs
    appliedTitles
    createdAt
    finishedAt
  }
`);

export const ListingScoreQuery = graphql(`
  query ListingsScore($id: ID!) {
    listing(id: $id) {
      id
      mlId
      title
      updatedAt
      soldQuantity
      score {
        value
        level
        computedAt
        findings {
          rule
          severity
          message
          recommendation
          pointsLost
        }
      }
      scoreHistory(first: 20) {
        value
        level
        computedAt
      }
      analysis {
        ...ScoreAnalysis
      }
    }
  }
`);

export const AiStatusQuery = graphql(`
  query ListingsAiStatus {
    aiStatus {
      configured
      reachable
      model
      error
      budget {
        monthlyTokens
        spentTokens
        leftTokens
      }
    }
  }
`);

export const AnalyzeListingMutation = graphql(`
  mutation ListingsAnalyze($listingId: ID!) {
    analyzeListing(listingId: $listingId) {
      analysis {
        ...ScoreAnalysis
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const AnalysisNodeQuery = graphql(`
  query ListingsAnalysisNode($id: ID!) {
    node(id: $id) {
      __typename
      ... on ListingAnalysis {
        ...ScoreAnalysis
      }
    }
  }
`);

export const ApplyTitleMutation = graphql(`
  mutation ListingsApplyTitle($analysisId: ID!, $index: Int!, $expectedUpdatedAt: DateTime) {
    applyTitleSuggestion(analysisId: $analysisId, index: $index, expectedUpdatedAt: $expectedUpdatedAt) {
      listing {
        id
        title
        updatedAt
      }
      analysis {
        id
        appliedTitles
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const AccountScoreQuery = graphql(`
  query ListingsAccountScore($meliAccountId: ID!) {
    accountScore(meliAccountId: $meliAccountId) {
      meliAccountId
      listings
      average
      distribution {
        from
        to
        count
      }
      costliestRules {
        rule
        listings
        pointsLost
        recommendation
      }
      worstListings {
        id
        mlId
        title
        score {
          value
          level
        }
      }
      computedAt
    }
  }
`);
