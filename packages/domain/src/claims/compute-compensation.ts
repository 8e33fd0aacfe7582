import { assertMoney } from '../internal/assert-money.js';
import { formatBasisPoints, formatMoneyLabel } from '../internal/format-money-label.js';
import { type Money, money } from '../money/money.js';
import { percentOfMoney } from '../money/percent-of-money.js';
import { lossCompensation } from '../packages/loss-compensation.js';
import { maxCompensation } from '../packages/max-compensation.js';
import type { PackageMoney } from '../packages/package-money.js';
import type { PolicyVersion } from '../policy/policy.js';
import { ok, type Result, refuse } from '../results/result.js';
import type { ClaimType } from './claim-vocabulary.js';

/** One line of a payout explanation; `rule` names the policy rule ('R5'...'R9'). */
export interface CompensationLine {
  label: string;
  amount: Money;
  rule: string;
}

/** What a claim pays and why; the breakdown amounts always add up to `payable`. */
interface Compensation {
  payable: Money;
  breakdown: CompensationLine[];
}

/** What `computeCompensation` needs. `auditedAmount` is the adjuster's figure (R7, R8). */
interface ComputeCompensationInput {
  type: ClaimType;
  pkg: PackageMoney;
  auditedAmount?: Money | null;
  alreadyPaid: Money;
  policy: PolicyVersion;
}

const LOWER_OF_VALUE_AND_PRICE = 'Package value or sale price, whichever is lower';
const LIMITED_TO_LOSS_AMOUNT =
  'Limited to the package value or sale price (whichever is lower) plus shipping';

/**
 * R5-R9: the payout of an approved claim with a line-by-line explanation.
 * - LOSS (R5, R6): lower of value and sale price, plus 100% of shipping. An audited amount
 *   is not used: complete loss is paid by formula.
 * - PARTIAL_LOSS (R7): the audited value of what is missing, limited to the R5 amount.
 * - DAMAGE (R8): the audited amount, limited to 30% of shipping + $100.00 and to the R5 amount.
 * - then R9: capped at $5,000.00 per package, and less what earlier claims on the package
 *   were paid (see `maxCompensation`).
 * Each limit that bites adds a negative line, so the lines always sum exactly to `payable`.
 * Refuses INVALID_INPUT for amounts in another currency than the policy's or negative,
 * CAP_REACHED when nothing is left to pay on the package, AMOUNT_REQUIRED when a partial
 * loss or damage has no audited amount.
 */
export function computeCompensation(input: ComputeCompensationInput): Result<Compensation> {
  const { type, pkg, auditedAmount, alreadyPaid, policy } = input;
  const amounts: [string[], Money | null | undefined][] = [
    [['pkg', 'declaredValue'], pkg.declaredValue],
    [['pkg', 'salePrice'], pkg.salePrice],
    [['pkg', 'shippingFee'], pkg.shippingFee],
    [['alreadyPaid'], alreadyPaid],
    [['auditedAmount'], auditedAmount],
  ];
  for (const [field, amount] of amounts) {
    if (amount === null || amount === undefined) continue;
    assertMoney(amount, field.join('.'));
    if (amount.currency !== policy.currency) {
      return refuse(
        'INVALID_INPUT',
        `Amounts must be in ${policy.currency}, the currency of policy ${policy.version}.`,
        field,
      );
    }
    if (amount.minor < 0) return refuse('INVALID_INPUT', 'Amounts must not be negative.', field);
  }

  const room = maxCompensation(pkg, alreadyPaid, policy);
  if (room.minor === 0) {
    return refuse(
      'CAP_REACHED',
      `Nothing is left to pay on this package: it has already been paid ${formatMoneyLabel(alreadyPaid)}.`,
    );
  }

  const currency = policy.currency;
  const lossAmount = lossCompensation(pkg, policy);
  const breakdown: CompensationLine[] = [];
  let subtotal: number;
  if (type === 'LOSS') {
    const base = Math.min(pkg.declaredValue.minor, pkg.salePrice.minor);
    const shipping = percentOfMoney(pkg.shippingFee, policy.lossShippingShareBps);
    breakdown.push(
      { label: LOWER_OF_VALUE_AND_PRICE, amount: money(base, currency), rule: 'R6' },
      {
        label: `Shipping fee (${formatBasisPoints(policy.lossShippingShareBps)})`,
        amount: shipping,
        rule: 'R5',
      },
    );
    subtotal = base + shipping.minor;
  } else {
    if (auditedAmount === null || auditedAmount === undefined) {
      return refuse(
        'AMOUNT_REQUIRED',
        type === 'DAMAGE'
          ? 'Enter the audited amount of the damage to approve this claim.'
          : 'Enter the audited value of the missing items to approve this claim.',
        ['auditedAmount'],
      );
    }
    const rule = type === 'DAMAGE' ? 'R8' : 'R7';
    breakdown.push({
      label: type === 'DAMAGE' ? 'Audited damage' : 'Audited value of the missing items',
      amount: auditedAmount,
      rule,
    });
    let limit = lossAmount.minor;
    let limitLabel = LIMITED_TO_LOSS_AMOUNT;
    if (type === 'DAMAGE') {
      const damageLimit =
        percentOfMoney(pkg.shippingFee, policy.damageShippingShareBps).minor +
        policy.damageProductCapMinor;
      if (damageLimit <= limit) {
        limit = damageLimit;
        limitLabel = `Limited to ${formatBasisPoints(policy.damageShippingShareBps)} of the shipping fee plus ${formatMoneyLabel(money(policy.damageProductCapMinor, currency))}`;
      }
    }
    subtotal = auditedAmount.minor;
    if (subtotal > limit) {
      breakdown.push({ label: limitLabel, amount: money(limit - subtotal, currency), rule });
      subtotal = limit;
    }
  }

  const cap = policy.maxCompensationPerPackageMinor;
  if (subtotal > cap) {
    breakdown.push({
      label: `Capped at ${formatMoneyLabel(money(cap, currency))} per package`,
      amount: money(cap - subtotal, currency),
      rule: 'R9',
    });
    subtotal = cap;
  }
  if (subtotal > room.minor) {
    breakdown.push({
      label: 'Less already paid on this package',
      amount: money(room.minor - subtotal, currency),
      rule: 'R9',
    });
    subtotal = room.minor;
  }
  return ok({ payable: money(subtotal, currency), breakdown });
}
