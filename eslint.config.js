// graphql-eslint's schema rules on the published SDL (apps/api/schema.graphql): the
// recommended set and the Relay set, as `pnpm lint` runs them. Where a rule's default is
// wrong for this API the rule is narrowed here, never switched off, and the comment says why.
import graphql from '@graphql-eslint/eslint-plugin';

const SCHEMA = 'apps/api/schema.graphql';

export default [
  {
    files: [SCHEMA],
    languageOptions: {
      parser: graphql.parser,
      parserOptions: { graphQLConfig: { schema: SCHEMA } },
    },
    plugins: { '@graphql-eslint': graphql },
    rules: {
      ...graphql.configs['flat/schema-recommended'].rules,
      ...graphql.configs['flat/schema-relay'].rules,

      // Recommended asks for descriptions on types and root fields. Its root-field check
      // matches nothing in 4.4.1 when a schema has both Query and Mutation (it joins the root
      // type names with "," inside a regular expression), so every field, argument, input
      // field and enum value is required instead, root fields included; the API's
      // schema-descriptions test walks the same.
      '@graphql-eslint/require-description': [
        'error',
        {
          types: true,
          DirectiveDefinition: true,
          FieldDefinition: true,
          InputValueDefinition: true,
          EnumValueDefinition: true,
        },
      ],

      // Every object type must have an `id: ID!`, except those that are never fetched on their
      // own. Mutation payloads, connections and edges are results and Relay plumbing; the
      // types listed are values inside their parent (a claim's decision and timeline entries,
      // a guarantee's consent, a delivery's attempts, an amount of money, a package's
      // addresses, the policy's terms and wording, a claim's risk signals, the exchange rate a
      // quote or guarantee was priced at) or one-off answers
      // (an eligibility check, upload instructions whose document has an id, a loss report's
      // rows, computed for the range asked, the request's own credential): refetching them
      // means refetching the parent or asking again. A new entity type
      // still fails here until it has an id.
      '@graphql-eslint/strict-id-in-types': [
        'error',
        {
          acceptedIdNames: ['id'],
          acceptedIdTypes: ['ID'],
          exceptions: {
            suffixes: ['Payload', 'Connection', 'Edge'],
            types: [
              'Address',
              'ClaimDecision',
              'ClaimEligibility',
              'ClaimEvent',
              'CompensationLine',
              'Consent',
              'DocumentUpload',
              'Exclusion',
              'ExchangeRate',
              'ExclusionTranslation',
              'LossReportRow',
              'Money',
              'PageInfo',
              'Policy',
              'RequiredDocuments',
              'RiskSignal',
              'UserError',
              'Viewer',
              'WebhookDeliveryAttempt',
            ],
          },
        },
      ],

      // Edges must end in "Edge" and hold a Node (kept). The rule's third check, that a list
      // may only wrap edges, would make every list a connection: userErrors, a claim's
      // timeline and documents (at most 20), an order's packages, the policy's exclusions,
      // enum lists. They are small, complete values a client never pages; cursors on them
      // would cost every client a rewrite (a breaking change) and buy nothing.
      '@graphql-eslint/relay-edge-types': [
        'error',
        { withEdgeSuffix: true, shouldImplementNode: true, listTypeCanWrapOnlyEdgeType: false },
      ],
    },
  },
];
