/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ListingsRow on Listing {\n    id\n    mlId\n    meliAccountId\n    title\n    status\n    subStatus\n    price {\n      amount\n      currency\n    }\n    availableQuantity\n    soldQuantity\n    sku\n    permalink\n    thumbnail\n    updatedAt\n    score {\n      value\n      level\n    }\n    variations {\n      id\n      mlId\n      sku\n      price {\n        amount\n        currency\n      }\n      availableQuantity\n      soldQuantity\n      attributes {\n        name\n        value\n      }\n    }\n  }\n": typeof types.ListingsRowFragmentDoc,
    "\n  query ListingsList($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {\n    listings(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        ...ListingsRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.ListingsListDocument,
    "\n  query ListingsAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n      }\n    }\n  }\n": typeof types.ListingsAccountsDocument,
    "\n  subscription ListingsChanged($meliAccountIds: [ID!]) {\n    listingChanged(meliAccountIds: $meliAccountIds) {\n      ...ListingsRow\n    }\n  }\n": typeof types.ListingsChangedDocument,
    "\n  query ListingsHistory($id: ID!, $first: Int, $after: String) {\n    listing(id: $id) {\n      id\n      mlId\n      title\n      updatedAt\n      variations {\n        mlId\n        attributes {\n          name\n          value\n        }\n      }\n      changes(first: $first, after: $after) {\n        nodes {\n          field\n          from\n          to\n          source\n          at\n          actor {\n            kind\n            id\n            user {\n              id\n              name\n              email\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        totalCount\n      }\n    }\n  }\n": typeof types.ListingsHistoryDocument,
    "\n  mutation ListingsUpdate($id: ID!, $input: UpdateListingInput!, $expectedUpdatedAt: DateTime) {\n    updateListing(id: $id, input: $input, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        ...ListingsRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ListingsUpdateDocument,
    "\n  mutation ListingsUpdateVariations($listingId: ID!, $variations: [VariationChange!]!, $expectedUpdatedAt: DateTime) {\n    updateVariations(listingId: $listingId, variations: $variations, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        ...ListingsRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ListingsUpdateVariationsDocument,
    "\n  fragment ListingsBulk on BulkOperation {\n    id\n    status\n    total\n    done\n    finishedAt\n    lines {\n      position\n      sku\n      listingId\n      variationId\n      availableQuantity\n      result\n      message\n      previousQuantity\n    }\n  }\n": typeof types.ListingsBulkFragmentDoc,
    "\n  mutation ListingsBulkStock($lines: [StockLine!]!) {\n    bulkUpdateStock(lines: $lines) {\n      bulkOperation {\n        ...ListingsBulk\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ListingsBulkStockDocument,
    "\n  query ListingsBulkOperation($id: ID!) {\n    bulkOperation(id: $id) {\n      ...ListingsBulk\n    }\n  }\n": typeof types.ListingsBulkOperationDocument,
    "\n  subscription ListingsBulkProgress($id: ID!) {\n    bulkOperationProgress(id: $id) {\n      ...ListingsBulk\n    }\n  }\n": typeof types.ListingsBulkProgressDocument,
    "\n  query ListingsMatch($search: String!) {\n    listings(filter: { search: $search }, first: 5) {\n      nodes {\n        ...ListingsRow\n      }\n    }\n  }\n": typeof types.ListingsMatchDocument,
    "\n  query ListingsNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Listing {\n        ...ListingsRow\n      }\n      ... on Variation {\n        id\n        mlId\n        sku\n        availableQuantity\n        attributes {\n          name\n          value\n        }\n      }\n    }\n  }\n": typeof types.ListingsNodeDocument,
    "\n  fragment ScoreAnalysis on ListingAnalysis {\n    id\n    status\n    result {\n      seo {\n        titleSuggestions {\n          text\n          reason\n        }\n        keywords {\n          text\n          reason\n        }\n      }\n      hacks {\n        text\n        reason\n      }\n      critique {\n        text\n        reason\n      }\n      risks {\n        text\n        reason\n      }\n    }\n    error\n    errorCode\n    retryAt\n    model\n    promptTokens\n    completionTokens\n    costEstimate {\n      amount\n      currency\n    }\n    latencyMs\n    appliedTitles\n    createdAt\n    finishedAt\n  }\n": typeof types.ScoreAnalysisFragmentDoc,
    "\n  query ListingsScore($id: ID!) {\n    listing(id: $id) {\n      id\n      mlId\n      title\n      updatedAt\n      soldQuantity\n      score {\n        value\n        level\n        computedAt\n        findings {\n          rule\n          severity\n          message\n          recommendation\n          pointsLost\n        }\n      }\n      scoreHistory(first: 20) {\n        value\n        level\n        computedAt\n      }\n      analysis {\n        ...ScoreAnalysis\n      }\n    }\n  }\n": typeof types.ListingsScoreDocument,
    "\n  query ListingsAiStatus {\n    aiStatus {\n      configured\n      reachable\n      model\n      error\n      budget {\n        monthlyTokens\n        spentTokens\n        leftTokens\n      }\n    }\n  }\n": typeof types.ListingsAiStatusDocument,
    "\n  mutation ListingsAnalyze($listingId: ID!) {\n    analyzeListing(listingId: $listingId) {\n      analysis {\n        ...ScoreAnalysis\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ListingsAnalyzeDocument,
    "\n  query ListingsAnalysisNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on ListingAnalysis {\n        ...ScoreAnalysis\n      }\n    }\n  }\n": typeof types.ListingsAnalysisNodeDocument,
    "\n  mutation ListingsApplyTitle($analysisId: ID!, $index: Int!, $expectedUpdatedAt: DateTime) {\n    applyTitleSuggestion(analysisId: $analysisId, index: $index, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        id\n        title\n        updatedAt\n      }\n      analysis {\n        id\n        appliedTitles\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ListingsApplyTitleDocument,
    "\n  query ListingsAccountScore($meliAccountId: ID!) {\n    accountScore(meliAccountId: $meliAccountId) {\n      meliAccountId\n      listings\n      average\n      distribution {\n        from\n        to\n        count\n      }\n      costliestRules {\n        rule\n        listings\n        pointsLost\n        recommendation\n      }\n      worstListings {\n        id\n        mlId\n        title\n        score {\n          value\n          level\n        }\n      }\n      computedAt\n    }\n  }\n": typeof types.ListingsAccountScoreDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  fragment ListingsRow on Listing {\n    id\n    mlId\n    meliAccountId\n    title\n    status\n    subStatus\n    price {\n      amount\n      currency\n    }\n    availableQuantity\n    soldQuantity\n    sku\n    permalink\n    thumbnail\n    updatedAt\n    score {\n      value\n      level\n    }\n    variations {\n      id\n      mlId\n      sku\n      price {\n        amount\n        currency\n      }\n      availableQuantity\n      soldQuantity\n      attributes {\n        name\n        value\n      }\n    }\n  }\n": types.ListingsRowFragmentDoc,
    "\n  query ListingsList($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {\n    listings(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        ...ListingsRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.ListingsListDocument,
    "\n  query ListingsAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n      }\n    }\n  }\n": types.ListingsAccountsDocument,
    "\n  subscription ListingsChanged($meliAccountIds: [ID!]) {\n    listingChanged(meliAccountIds: $meliAccountIds) {\n      ...ListingsRow\n    }\n  }\n": types.ListingsChangedDocument,
    "\n  query ListingsHistory($id: ID!, $first: Int, $after: String) {\n    listing(id: $id) {\n      id\n      mlId\n      title\n      updatedAt\n      variations {\n        mlId\n        attributes {\n          name\n          value\n        }\n      }\n      changes(first: $first, after: $after) {\n        nodes {\n          field\n          from\n          to\n          source\n          at\n          actor {\n            kind\n            id\n            user {\n              id\n              name\n              email\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        totalCount\n      }\n    }\n  }\n": types.ListingsHistoryDocument,
    "\n  mutation ListingsUpdate($id: ID!, $input: UpdateListingInput!, $expectedUpdatedAt: DateTime) {\n    updateListing(id: $id, input: $input, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        ...ListingsRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ListingsUpdateDocument,
    "\n  mutation ListingsUpdateVariations($listingId: ID!, $variations: [VariationChange!]!, $expectedUpdatedAt: DateTime) {\n    updateVariations(listingId: $listingId, variations: $variations, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        ...ListingsRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ListingsUpdateVariationsDocument,
    "\n  fragment ListingsBulk on BulkOperation {\n    id\n    status\n    total\n    done\n    finishedAt\n    lines {\n      position\n      sku\n      listingId\n      variationId\n      availableQuantity\n      result\n      message\n      previousQuantity\n    }\n  }\n": types.ListingsBulkFragmentDoc,
    "\n  mutation ListingsBulkStock($lines: [StockLine!]!) {\n    bulkUpdateStock(lines: $lines) {\n      bulkOperation {\n        ...ListingsBulk\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ListingsBulkStockDocument,
    "\n  query ListingsBulkOperation($id: ID!) {\n    bulkOperation(id: $id) {\n      ...ListingsBulk\n    }\n  }\n": types.ListingsBulkOperationDocument,
    "\n  subscription ListingsBulkProgress($id: ID!) {\n    bulkOperationProgress(id: $id) {\n      ...ListingsBulk\n    }\n  }\n": types.ListingsBulkProgressDocument,
    "\n  query ListingsMatch($search: String!) {\n    listings(filter: { search: $search }, first: 5) {\n      nodes {\n        ...ListingsRow\n      }\n    }\n  }\n": types.ListingsMatchDocument,
    "\n  query ListingsNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Listing {\n        ...ListingsRow\n      }\n      ... on Variation {\n        id\n        mlId\n        sku\n        availableQuantity\n        attributes {\n          name\n          value\n        }\n      }\n    }\n  }\n": types.ListingsNodeDocument,
    "\n  fragment ScoreAnalysis on ListingAnalysis {\n    id\n    status\n    result {\n      seo {\n        titleSuggestions {\n          text\n          reason\n        }\n        keywords {\n          text\n          reason\n        }\n      }\n      hacks {\n        text\n        reason\n      }\n      critique {\n        text\n        reason\n      }\n      risks {\n        text\n        reason\n      }\n    }\n    error\n    errorCode\n    retryAt\n    model\n    promptTokens\n    completionTokens\n    costEstimate {\n      amount\n      currency\n    }\n    latencyMs\n    appliedTitles\n    createdAt\n    finishedAt\n  }\n": types.ScoreAnalysisFragmentDoc,
    "\n  query ListingsScore($id: ID!) {\n    listing(id: $id) {\n      id\n      mlId\n      title\n      updatedAt\n      soldQuantity\n      score {\n        value\n        level\n        computedAt\n        findings {\n          rule\n          severity\n          message\n          recommendation\n          pointsLost\n        }\n      }\n      scoreHistory(first: 20) {\n        value\n        level\n        computedAt\n      }\n      analysis {\n        ...ScoreAnalysis\n      }\n    }\n  }\n": types.ListingsScoreDocument,
    "\n  query ListingsAiStatus {\n    aiStatus {\n      configured\n      reachable\n      model\n      error\n      budget {\n        monthlyTokens\n        spentTokens\n        leftTokens\n      }\n    }\n  }\n": types.ListingsAiStatusDocument,
    "\n  mutation ListingsAnalyze($listingId: ID!) {\n    analyzeListing(listingId: $listingId) {\n      analysis {\n        ...ScoreAnalysis\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ListingsAnalyzeDocument,
    "\n  query ListingsAnalysisNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on ListingAnalysis {\n        ...ScoreAnalysis\n      }\n    }\n  }\n": types.ListingsAnalysisNodeDocument,
    "\n  mutation ListingsApplyTitle($analysisId: ID!, $index: Int!, $expectedUpdatedAt: DateTime) {\n    applyTitleSuggestion(analysisId: $analysisId, index: $index, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        id\n        title\n        updatedAt\n      }\n      analysis {\n        id\n        appliedTitles\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ListingsApplyTitleDocument,
    "\n  query ListingsAccountScore($meliAccountId: ID!) {\n    accountScore(meliAccountId: $meliAccountId) {\n      meliAccountId\n      listings\n      average\n      distribution {\n        from\n        to\n        count\n      }\n      costliestRules {\n        rule\n        listings\n        pointsLost\n        recommendation\n      }\n      worstListings {\n        id\n        mlId\n        title\n        score {\n          value\n          level\n        }\n      }\n      computedAt\n    }\n  }\n": types.ListingsAccountScoreDocument,
    "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n": types.UserErrorFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ListingsRow on Listing {\n    id\n    mlId\n    meliAccountId\n    title\n    status\n    subStatus\n    price {\n      amount\n      currency\n    }\n    availableQuantity\n    soldQuantity\n    sku\n    permalink\n    thumbnail\n    updatedAt\n    score {\n      value\n      level\n    }\n    variations {\n      id\n      mlId\n      sku\n      price {\n        amount\n        currency\n      }\n      availableQuantity\n      soldQuantity\n      attributes {\n        name\n        value\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ListingsRow on Listing {\n    id\n    mlId\n    meliAccountId\n    title\n    status\n    subStatus\n    price {\n      amount\n      currency\n    }\n    availableQuantity\n    soldQuantity\n    sku\n    permalink\n    thumbnail\n    updatedAt\n    score {\n      value\n      level\n    }\n    variations {\n      id\n      mlId\n      sku\n      price {\n        amount\n        currency\n      }\n      availableQuantity\n      soldQuantity\n      attributes {\n        name\n        value\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsList($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {\n    listings(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        ...ListingsRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ListingsList($filter: ListingFilter, $sort: ListingSort, $first: Int, $after: String) {\n    listings(filter: $filter, sort: $sort, first: $first, after: $after) {\n      nodes {\n        ...ListingsRow\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListingsAccounts {\n    meliAccounts(first: 50) {\n      nodes {\n        id\n        nickname\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ListingsChanged($meliAccountIds: [ID!]) {\n    listingChanged(meliAccountIds: $meliAccountIds) {\n      ...ListingsRow\n    }\n  }\n"): (typeof documents)["\n  subscription ListingsChanged($meliAccountIds: [ID!]) {\n    listingChanged(meliAccountIds: $meliAccountIds) {\n      ...ListingsRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsHistory($id: ID!, $first: Int, $after: String) {\n    listing(id: $id) {\n      id\n      mlId\n      title\n      updatedAt\n      variations {\n        mlId\n        attributes {\n          name\n          value\n        }\n      }\n      changes(first: $first, after: $after) {\n        nodes {\n          field\n          from\n          to\n          source\n          at\n          actor {\n            kind\n            id\n            user {\n              id\n              name\n              email\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListingsHistory($id: ID!, $first: Int, $after: String) {\n    listing(id: $id) {\n      id\n      mlId\n      title\n      updatedAt\n      variations {\n        mlId\n        attributes {\n          name\n          value\n        }\n      }\n      changes(first: $first, after: $after) {\n        nodes {\n          field\n          from\n          to\n          source\n          at\n          actor {\n            kind\n            id\n            user {\n              id\n              name\n              email\n            }\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ListingsUpdate($id: ID!, $input: UpdateListingInput!, $expectedUpdatedAt: DateTime) {\n    updateListing(id: $id, input: $input, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        ...ListingsRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ListingsUpdate($id: ID!, $input: UpdateListingInput!, $expectedUpdatedAt: DateTime) {\n    updateListing(id: $id, input: $input, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        ...ListingsRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ListingsUpdateVariations($listingId: ID!, $variations: [VariationChange!]!, $expectedUpdatedAt: DateTime) {\n    updateVariations(listingId: $listingId, variations: $variations, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        ...ListingsRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ListingsUpdateVariations($listingId: ID!, $variations: [VariationChange!]!, $expectedUpdatedAt: DateTime) {\n    updateVariations(listingId: $listingId, variations: $variations, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        ...ListingsRow\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ListingsBulk on BulkOperation {\n    id\n    status\n    total\n    done\n    finishedAt\n    lines {\n      position\n      sku\n      listingId\n      variationId\n      availableQuantity\n      result\n      message\n      previousQuantity\n    }\n  }\n"): (typeof documents)["\n  fragment ListingsBulk on BulkOperation {\n    id\n    status\n    total\n    done\n    finishedAt\n    lines {\n      position\n      sku\n      listingId\n      variationId\n      availableQuantity\n      result\n      message\n      previousQuantity\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ListingsBulkStock($lines: [StockLine!]!) {\n    bulkUpdateStock(lines: $lines) {\n      bulkOperation {\n        ...ListingsBulk\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ListingsBulkStock($lines: [StockLine!]!) {\n    bulkUpdateStock(lines: $lines) {\n      bulkOperation {\n        ...ListingsBulk\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsBulkOperation($id: ID!) {\n    bulkOperation(id: $id) {\n      ...ListingsBulk\n    }\n  }\n"): (typeof documents)["\n  query ListingsBulkOperation($id: ID!) {\n    bulkOperation(id: $id) {\n      ...ListingsBulk\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ListingsBulkProgress($id: ID!) {\n    bulkOperationProgress(id: $id) {\n      ...ListingsBulk\n    }\n  }\n"): (typeof documents)["\n  subscription ListingsBulkProgress($id: ID!) {\n    bulkOperationProgress(id: $id) {\n      ...ListingsBulk\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsMatch($search: String!) {\n    listings(filter: { search: $search }, first: 5) {\n      nodes {\n        ...ListingsRow\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListingsMatch($search: String!) {\n    listings(filter: { search: $search }, first: 5) {\n      nodes {\n        ...ListingsRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Listing {\n        ...ListingsRow\n      }\n      ... on Variation {\n        id\n        mlId\n        sku\n        availableQuantity\n        attributes {\n          name\n          value\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListingsNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Listing {\n        ...ListingsRow\n      }\n      ... on Variation {\n        id\n        mlId\n        sku\n        availableQuantity\n        attributes {\n          name\n          value\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ScoreAnalysis on ListingAnalysis {\n    id\n    status\n    result {\n      seo {\n        titleSuggestions {\n          text\n          reason\n        }\n        keywords {\n          text\n          reason\n        }\n      }\n      hacks {\n        text\n        reason\n      }\n      critique {\n        text\n        reason\n      }\n      risks {\n        text\n        reason\n      }\n    }\n    error\n    errorCode\n    retryAt\n    model\n    promptTokens\n    completionTokens\n    costEstimate {\n      amount\n      currency\n    }\n    latencyMs\n    appliedTitles\n    createdAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment ScoreAnalysis on ListingAnalysis {\n    id\n    status\n    result {\n      seo {\n        titleSuggestions {\n          text\n          reason\n        }\n        keywords {\n          text\n          reason\n        }\n      }\n      hacks {\n        text\n        reason\n      }\n      critique {\n        text\n        reason\n      }\n      risks {\n        text\n        reason\n      }\n    }\n    error\n    errorCode\n    retryAt\n    model\n    promptTokens\n    completionTokens\n    costEstimate {\n      amount\n      currency\n    }\n    latencyMs\n    appliedTitles\n    createdAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsScore($id: ID!) {\n    listing(id: $id) {\n      id\n      mlId\n      title\n      updatedAt\n      soldQuantity\n      score {\n        value\n        level\n        computedAt\n        findings {\n          rule\n          severity\n          message\n          recommendation\n          pointsLost\n        }\n      }\n      scoreHistory(first: 20) {\n        value\n        level\n        computedAt\n      }\n      analysis {\n        ...ScoreAnalysis\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListingsScore($id: ID!) {\n    listing(id: $id) {\n      id\n      mlId\n      title\n      updatedAt\n      soldQuantity\n      score {\n        value\n        level\n        computedAt\n        findings {\n          rule\n          severity\n          message\n          recommendation\n          pointsLost\n        }\n      }\n      scoreHistory(first: 20) {\n        value\n        level\n        computedAt\n      }\n      analysis {\n        ...ScoreAnalysis\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsAiStatus {\n    aiStatus {\n      configured\n      reachable\n      model\n      error\n      budget {\n        monthlyTokens\n        spentTokens\n        leftTokens\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListingsAiStatus {\n    aiStatus {\n      configured\n      reachable\n      model\n      error\n      budget {\n        monthlyTokens\n        spentTokens\n        leftTokens\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ListingsAnalyze($listingId: ID!) {\n    analyzeListing(listingId: $listingId) {\n      analysis {\n        ...ScoreAnalysis\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ListingsAnalyze($listingId: ID!) {\n    analyzeListing(listingId: $listingId) {\n      analysis {\n        ...ScoreAnalysis\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsAnalysisNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on ListingAnalysis {\n        ...ScoreAnalysis\n      }\n    }\n  }\n"): (typeof documents)["\n  query ListingsAnalysisNode($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on ListingAnalysis {\n        ...ScoreAnalysis\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ListingsApplyTitle($analysisId: ID!, $index: Int!, $expectedUpdatedAt: DateTime) {\n    applyTitleSuggestion(analysisId: $analysisId, index: $index, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        id\n        title\n        updatedAt\n      }\n      analysis {\n        id\n        appliedTitles\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ListingsApplyTitle($analysisId: ID!, $index: Int!, $expectedUpdatedAt: DateTime) {\n    applyTitleSuggestion(analysisId: $analysisId, index: $index, expectedUpdatedAt: $expectedUpdatedAt) {\n      listing {\n        id\n        title\n        updatedAt\n      }\n      analysis {\n        id\n        appliedTitles\n      }\n      errors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ListingsAccountScore($meliAccountId: ID!) {\n    accountScore(meliAccountId: $meliAccountId) {\n      meliAccountId\n      listings\n      average\n      distribution {\n        from\n        to\n        count\n      }\n      costliestRules {\n        rule\n        listings\n        pointsLost\n        recommendation\n      }\n      worstListings {\n        id\n        mlId\n        title\n        score {\n          value\n          level\n        }\n      }\n      computedAt\n    }\n  }\n"): (typeof documents)["\n  query ListingsAccountScore($meliAccountId: ID!) {\n    accountScore(meliAccountId: $meliAccountId) {\n      meliAccountId\n      listings\n      average\n      distribution {\n        from\n        to\n        count\n      }\n      costliestRules {\n        rule\n        listings\n        pointsLost\n        recommendation\n      }\n      worstListings {\n        id\n        mlId\n        title\n        score {\n          value\n          level\n        }\n      }\n      computedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    field\n    message\n    code\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;