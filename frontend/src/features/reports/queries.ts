// Every GraphQL operation of the reports screen (typed by graphql-codegen from schema.graphql).
import { graphql } from "@/gql";

export const ReportsKpisQuery = graphql(`
  query ReportsKpis($range: KpiRange!, $meliAccountIds: [ID!], $granularity: KpiGranularity!, $compareTo: KpiComparison) {
    kpis(range: $range, meliAccountIds: $meliAccountIds, granularity: $granularity, compareTo: $compareTo) {
      range {
        from
        to
      }
      comparedRange {
        from
        to
      }
      granularity
      timeZone
      currencies
      generatedAt
      metrics {
        key
        group
        unit
        currency
        total
        previous
        delta
        deltaRatio
        series {
          start
          value
          previous
        }
      }
    }
  }
`);

export const ReportsTopListingsQuery = graphql(`
  query ReportsTopListings($metric: TopListingMetric!, $range: KpiRange!, $meliAccountIds: [ID!], $first: Int) {
    topListings(metric: $metric, range: $range, meliAccountIds: $meliAccountIds, first: $first) {
      listing {
        id
        mlId
        title
        availableQuantity
      }
      value
      gmv {
        amount
        currency
      }
      units
      orders
      visits
      questions
      conversion
    }
  }
`);

export const ReportsCohortsQuery = graphql(`
  query ReportsCohorts($range: KpiRange!, $meliAccountIds: [ID!]) {
    cohorts(range: $range, meliAccountIds: $meliAccountIds) {
      month
      customers
      retention {
        monthsAfter
        customers
        rate
      }
    }
  }
`);

export const ReportsRfmQuery = graphql(`
  query ReportsRfm($meliAccountIds: [ID!]) {
    rfmSegments(meliAccountIds: $meliAccountIds) {
      segment
      customers
      share
      monetary {
        amount
        currency
      }
      averageRecencyDays
      averageFrequency
    }
  }
`);

// One export as the panel shows it (progress, rows, link). Spelled out in each operation rather than a
// fragment: the generated documents inline a fragment into every operation using it, in every route's JS.
export const ReportsExportsQuery = graphql(`
  query ReportsExports($first: Int) {
    exports(first: $first) {
      nodes {
        id
        kind
        format
        status
        progress
        rows
        fileName
        downloadUrl
        expiresAt
        error
      }
    }
  }
`);

export const ReportsStartExport = graphql(`
  mutation ReportsStartExport($kind: ExportKind!, $format: ExportFormat!, $filter: ExportFilter) {
    startExport(kind: $kind, format: $format, filter: $filter) {
      export {
        id
      }
      errors {
        message
      }
    }
  }
`);

export const ReportsExportProgress = graphql(`
  subscription ReportsExportProgress($id: ID!) {
    exportProgress(id: $id) {
      id
      kind
      format
      status
      progress
      rows
      fileName
      downloadUrl
      expiresAt
      error
    }
  }
`);

export const ReportsSchedulesQuery = graphql(`
  query ReportsSchedules($first: Int) {
    exportSchedules(first: $first) {
      nodes {
        id
        kind
        format
        cron
        active
        nextRunAt
        lastRunAt
      }
    }
  }
`);

export const ReportsCreateSchedule = graphql(`
  mutation ReportsCreateSchedule($kind: ExportKind!, $format: ExportFormat!, $filter: ExportFilter, $cron: String!) {
    createExportSchedule(kind: $kind, format: $format, filter: $filter, cron: $cron) {
      schedule {
        id
      }
      errors {
        message
      }
    }
  }
`);

export const ReportsCancelSchedule = graphql(`
  mutation ReportsCancelSchedule($id: ID!) {
    cancelExportSchedule(id: $id) {
      schedule {
        id
      }
      errors {
        message
      }
    }
  }
`);

// The accounts and the live triggers are the orders' and the floor's own documents: every document is
// in every route's first load (the generated map holds them all), so the reports add none of their own.
export { OrdersAccountsQuery as ReportsAccountsQuery } from "@/features/orders/queries";
export { FloorOrderChanged, FloorQuestionChanged, FloorShipmentChanged } from "@/features/floor/documents";
