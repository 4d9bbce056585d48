// Every GraphQL operation of the questions screen (typed by graphql-codegen from schema.graphql).
import { graphql } from "@/gql";

graphql(`
  fragment QuestionsRow on Question {
    id
    mlId
    text
    status
    slaState
    slaDueAt
    dateCreated
    meliAccountId
    itemMlId
    buyerMlId
    buyer {
      id
      nickname
    }
    listing {
      id
      title
    }
  }
`);

export const QuestionsQueueQuery = graphql(`
  query QuestionsQueue($filter: QuestionFilter, $first: Int, $after: String) {
    questions(filter: $filter, sort: { field: SLA_DUE_AT, direction: ASC }, first: $first, after: $after) {
      nodes {
        ...QuestionsRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

export const QuestionsAccountsQuery = graphql(`
  query QuestionsAccounts {
    meliAccounts(first: 100) {
      nodes {
        id
        nickname
        siteId
      }
    }
  }
`);

export const QuestionContextQuery = graphql(`
  query QuestionsContext($id: ID!, $buyerMlId: String, $hasBuyer: Boolean!) {
    question(id: $id) {
      ...QuestionsRow
      answer
      answeredAt
      answeredBy {
        id
        name
        email
      }
      listing {
        id
        mlId
        title
        status
        thumbnail
        permalink
        availableQuantity
        soldQuantity
        price {
          amount
          currency
        }
        variations {
          id
          availableQuantity
          price {
            amount
            currency
          }
          attributes {
            name
            value
          }
        }
      }
    }
    earlier: questions(
      filter: { buyerMlId: $buyerMlId }
      sort: { field: DATE_CREATED, direction: DESC }
      first: 11
    ) @include(if: $hasBuyer) {
      nodes {
        id
        text
        status
        answer
        dateCreated
        itemMlId
        listing {
          id
          title
        }
      }
      totalCount
    }
  }
`);

export const QuestionTemplatesQuery = graphql(`
  query QuestionsTemplates {
    questionTemplates(first: 100) {
      nodes {
        id
        name
        text
        shortcut
      }
    }
  }
`);

export const RenderTemplateQuery = graphql(`
  query QuestionsRenderTemplate($templateId: ID!, $questionId: ID!) {
    renderQuestionTemplate(templateId: $templateId, questionId: $questionId) {
      text
      missing
      tooLong
    }
  }
`);

export const AnswerQuestionMutation = graphql(`
  mutation QuestionsAnswer($questionId: ID!, $text: String!) {
    answerQuestion(questionId: $questionId, text: $text) {
      question {
        id
        status
        answer
        answeredBy {
          id
          name
        }
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const CreateTemplateMutation = graphql(`
  mutation QuestionsCreateTemplate($name: String!, $text: String!, $shortcut: String) {
    createQuestionTemplate(name: $name, text: $text, shortcut: $shortcut) {
      questionTemplate {
        id
        name
        text
        shortcut
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const UpdateTemplateMutation = graphql(`
  mutation QuestionsUpdateTemplate($id: ID!, $name: String, $text: String, $shortcut: String) {
    updateQuestionTemplate(id: $id, name: $name, text: $text, shortcut: $shortcut) {
      questionTemplate {
        id
        name
        text
        shortcut
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const DeleteTemplateMutation = graphql(`
  mutation QuestionsDeleteTemplate($id: ID!) {
    deleteQuestionTemplate(id: $id) {
      deletedId
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export const QuestionChangedSubscription = graphql(`
  subscription QuestionsChanged($meliAccountIds: [ID!]) {
    questionChanged(meliAccountIds: $meliAccountIds) {
      id
      status
      slaState
    }
  }
`);
