import { describe, expect, it } from 'vitest';
import { CART } from '../test/cart.js';
import { cartOf, UNREADABLE } from './cart.js';

describe('cartOf', () => {
  it('takes lines as an array or as their JSON, and they win over the product value', () => {
    expect(cartOf(CART, '30.00')).toBe(JSON.stringify(CART));
    expect(cartOf(JSON.stringify(CART), '30.00')).toBe(JSON.stringify(CART));
  });

  it('falls back to the product value only when lines are not set', () => {
    const single = JSON.stringify([{ title: 'Cart', unitPrice: '30.00', quantity: 1 }]);
    expect(cartOf(undefined, ' 30.00 ')).toBe(single);
    expect(cartOf(null, '30.00')).toBe(single);
  });

  it('refuses lines that are not an array instead of quoting the product value', () => {
    for (const lines of ['[object Object],[object Object]', '', '{"a":1}', 42, { length: 1 }]) {
      expect(cartOf(lines, '30.00')).toBe(UNREADABLE);
    }
  });

  it('has nothing to quote for no lines, lines of quantity 0, or a product value of 0 or not a number', () => {
    expect(cartOf([], '30.00')).toBe('');
    expect(cartOf([{ unitPrice: '5.00', quantity: 0 }, null], '30.00')).toBe('');
    for (const value of ['', '0', '0.00', 'abc', '-5', '1e3'])
      expect(cartOf(undefined, value)).toBe('');
  });

  it('keeps only the fields the API knows, prices as strings', () => {
    const line = { sku: 'A', title: 'B', unitPrice: 12.5, quantity: 2, image: 'x.png' };
    expect(JSON.parse(cartOf([line], ''))).toEqual([
      { sku: 'A', title: 'B', unitPrice: '12.5', quantity: 2 },
    ]);
  });
});
