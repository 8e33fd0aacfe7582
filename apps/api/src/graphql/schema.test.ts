import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from './print-schema.js';

describe('the public schema', () => {
  it('matches the committed schema.graphql (run `pnpm --filter @lg/api schema:print` after a deliberate change)', () => {
    expect(printedSchema()).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });

  it('keeps every operation name partners were promised', () => {
    const sdl = printedSchema();
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
      expect(sdl).toContain(name);
    }
  });
});
