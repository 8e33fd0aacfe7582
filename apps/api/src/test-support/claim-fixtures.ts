// The packages and claims the claim tests start from, as GraphQL clients make them. Each test
// file starts its own API; the fixtures read it (and the storefront and start time) when
// called, so they can be made at module level before `beforeAll` runs.
import type { TestApi, TestStorefront } from './harness.js';
import {
  ALL_DOCUMENTS,
  DECIDE,
  FILE_CLAIM,
  guaranteedPackage,
  memberSession,
  PAYOUT,
  recordEvent,
  type UserErrors,
  uploadDocument,
} from './operations.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type Claim = {
  id: string;
  reference: string;
  status: string;
  dueAt: string | null;
  missingDocuments: string[];
  flags: string[];
  timeline: { status: string; actor: string; note: string | null }[];
  documents: { id: string; kind: string }[];
};
type FileResult = {
  fileClaim: { claim: Claim | null; evidenceNotice: string | null; userErrors: UserErrors };
};
type DecideResult = {
  decideClaim: {
    claim: null | {
      status: string;
      decision: {
        outcome: string;
        payable: { amount: string };
        reasonCodes: string[];
        breakdown: { label: string; amount: { amount: string }; rule: string }[];
      };
    };
    userErrors: UserErrors;
  };
};
type PayoutResult = {
  recordClaimPayout: {
    claim: null | {
      status: string;
      payoutReference: string;
      package: { maxCompensation: { amount: string }; paidTotal: { amount: string } };
    };
    userErrors: UserErrors;
  };
};

interface ClaimTestContext {
  api: TestApi;
  shop: TestStorefront;
  /** The test clock's time when the file started: packages are placed relative to it. */
  start: Date;
}

interface PackageOptions {
  memberId?: string;
  /** How long before `start` it was delivered; undelivered when absent. */
  deliveredAgo?: number;
  declaredValue?: string;
  salePrice?: string;
  shippingFee?: string;
}

export function claimFixtures(context: () => ClaimTestContext) {
  /** A package bought 10 days before `start`, shipped, and delivered `deliveredAgo` before it. */
  async function deliveredPackage(options: PackageOptions = {}) {
    const { api, shop, start } = context();
    const bought = new Date(start.getTime() - 10 * DAY);
    const pkg = await api.at(bought, () => guaranteedPackage(api, shop, options));
    await recordEvent(api, shop, pkg.trackingNumber, 'SHIPPED', new Date(bought.getTime() + HOUR));
    if (options.deliveredAgo !== undefined) {
      await recordEvent(
        api,
        shop,
        pkg.trackingNumber,
        'DELIVERED',
        new Date(start.getTime() - options.deliveredAgo),
        {
          signedBy: 'J. Doe',
          actualWeightGrams: 1000,
        },
      );
    }
    return pkg;
  }

  async function allDocuments(credential: string): Promise<string[]> {
    const { api } = context();
    return Promise.all(ALL_DOCUMENTS.map((kind) => uploadDocument(api, credential, kind)));
  }

  function file(credential: string, input: Record<string, unknown>) {
    return context().api.gql<FileResult>(
      FILE_CLAIM,
      { input: { description: 'It arrived broken', ...input } },
      credential,
    );
  }

  function decide(input: Record<string, unknown>) {
    const { api } = context();
    return api.gql<DecideResult>(DECIDE, { input }, api.operatorKey);
  }

  function pay(claimId: string, reference = 'PAYOUT-1') {
    const { api } = context();
    return api.gql<PayoutResult>(PAYOUT, { input: { claimId, reference } }, api.operatorKey);
  }

  /** A claim with every document, delivered an hour before `start` unless told otherwise. */
  async function underReview(options: PackageOptions & { type?: string } = {}) {
    const { api, shop } = context();
    const memberId = options.memberId ?? `M-${Math.random().toString(36).slice(2, 8)}`;
    const pkg = await deliveredPackage({
      ...options,
      memberId,
      deliveredAgo: options.deliveredAgo ?? HOUR,
    });
    const session = await memberSession(api, shop, memberId);
    const result = await file(session, {
      trackingNumber: pkg.trackingNumber,
      type: options.type ?? 'DAMAGE',
      documentIds: await allDocuments(session),
    });
    const claim = result.body.data?.fileClaim.claim;
    if (!claim) throw new Error(JSON.stringify(result.body));
    return { claim, pkg, session, memberId };
  }

  return { deliveredPackage, allDocuments, file, decide, pay, underReview };
}
