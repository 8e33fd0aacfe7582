// An integrator's Vue 3 usage, type-checked against the packed package (typings.test.ts).
import type { CartLine } from '@lg/widget';
import type {} from '@lg/widget/vue';
import { type GlobalComponents, h } from 'vue';

// What Vue tooling resolves `<logistics-guarantee>` in a template to.
declare const LogisticsGuarantee: GlobalComponents['logistics-guarantee'];

const lines: CartLine[] = [{ sku: 'TEE-1', title: 'T-shirt', unitPrice: '20.00', quantity: 2 }];

export const cart = h(LogisticsGuarantee, {
  'publishable-key': 'pk_test_1',
  'product-value': '40.00',
  lines,
  name: 'logistics_guarantee',
  'onLogistics-guarantee-change': (event) => event.detail.quoteToken?.length,
  'onLogistics-guarantee-error': (event) => event.detail.code.length,
});

// @ts-expect-error lines are cart lines (or their JSON), not a number
export const wrongLines = h(LogisticsGuarantee, { lines: 42 });

declare const LogisticsGuaranteeClaims: GlobalComponents['logistics-guarantee-claims'];

export const account = h(LogisticsGuaranteeClaims, {
  'session-token': 'ms_1',
  'onLogistics-guarantee-claim-updated': (event) => event.detail.status.length,
});

export const accountProps = h(LogisticsGuaranteeClaims, {
  sessionToken: 'ms_1',
  apiUrl: 'https://api.example.com/graphql',
  'onLogistics-guarantee-session-expired': (event) => event.detail.code.length,
});

// @ts-expect-error the session token is a string
export const wrongToken = h(LogisticsGuaranteeClaims, { 'session-token': 42 });
