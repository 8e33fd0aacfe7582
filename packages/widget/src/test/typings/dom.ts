// Plain DOM code against the packed package (typings.test.ts): the tag and its events are typed.
import type { LogisticsGuaranteeStatus } from '@lg/widget';

const widget = document.querySelector('logistics-guarantee');
if (widget) {
  widget.lines = [{ sku: 'TEE-1', unitPrice: '20.00', quantity: 2 }];
  const status: LogisticsGuaranteeStatus = widget.status;
  const fee: string | undefined = widget.fee?.amount;
  const token: string | null = widget.value;
  widget.addEventListener('logistics-guarantee-change', (event) => event.detail.selected);
  widget.addEventListener('logistics-guarantee-error', (event) => event.detail.code);
  console.log(status, fee, token, widget.lastError?.message);
}

// The member center: its tag, its read-only state and its events are typed.
import type {} from '@lg/widget/claims';

const center = document.querySelector('logistics-guarantee-claims');
if (center) {
  center.sessionToken = 'ms_1';
  const live: boolean = center.live;
  center.addEventListener('logistics-guarantee-claim-filed', (event) => event.detail.reference);
  center.addEventListener('logistics-guarantee-session-expired', (event) => event.detail.code);
  // @ts-expect-error the claim events carry a claim's id, reference and status, not a token
  center.addEventListener('logistics-guarantee-claim-updated', (event) => event.detail.token);
  console.log(live);
}
