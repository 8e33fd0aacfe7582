import { readFileSync } from 'node:fs';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from './print-schema.js';
import { schema } from './schema/index.js';

/** A root type's fields as SDL signatures without descriptions: `name(arg: Type): Type`. */
function signatures(type: GraphQLObjectType | null | undefined): string[] {
  return Object.values(type?.getFields() ?? {}).map((field) => {
    const args = field.args.map((arg) => `${arg.name}: ${String(arg.type)}`).join(', ');
    return `${field.name}${args ? `(${args})` : ''}: ${String(field.type)}`;
  });
}

describe('the public schema', () => {
  it('matches the committed schema.graphql (run `pnpm --filter @lg/api schema:print` after a deliberate change)', () => {
    expect(printedSchema()).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('keeps every operation name partners were promised', () => {
    const roots = [...signatures(schema.getQueryType()), ...signatures(schema.getMutationType())];
    for (const name of [
      'policy: Policy!',
      'guarantee(id: ID!): Guarantee',
      'guaranteeByOrderNumber(',
      'claim(id: ID!): Claim',
      'claims(',
      'claimEligibility(',
      'node(id: ID!): Node',
      'quoteGuarantee(input: QuoteGuaranteeInput!): QuoteGuaranteePayload!',
      'purchaseGuarantee(input: PurchaseGuaranteeInput!): PurchaseGuaranteePayload!',
      'cancelGuarantee(input: CancelGuaranteeInput!): CancelGuaranteePayload!',
      'registerPackage(input: RegisterPackageInput!): RegisterPackagePayload!',
      'recordPackageEvent(input: RecordPackageEventInput!): RecordPackageEventPayload!',
      'createMemberSession(input: CreateMemberSessionInput!): CreateMemberSessionPayload!',
      'createDocumentUpload(input: CreateDocumentUploadInput!): CreateDocumentUploadPayload!',
      'fileClaim(input: FileClaimInput!): FileClaimPayload!',
      'addClaimDocuments(input: AddClaimDocumentsInput!): AddClaimDocumentsPayload!',
      'decideClaim(input: DecideClaimInput!): DecideClaimPayload!',
      'recordClaimPayout(input: RecordClaimPayoutInput!): RecordClaimPayoutPayload!',
      'createStorefront(input: CreateStorefrontInput!): CreateStorefrontPayload!',
    ]) {
      expect(
        roots.filter((signature) => signature.startsWith(name)),
        name,
      ).toHaveLength(1);
    }
  });
});
