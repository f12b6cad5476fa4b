/** Amounts as the playground shows them. */
import { describe, expect, it } from 'vitest';
import { grouped, sumDecimals, zeroLike } from '../src/dom';

describe('amounts', () => {
  it('show an absent line as zero at the payout\'s scale', () => {
    expect(zeroLike('4950.00')).toBe('0.00');
    expect(zeroLike('-12.125')).toBe('0.000');
    expect(zeroLike('12')).toBe('0');
  });

  it('total nothing as 0.00, with its decimals', () => {
    expect(sumDecimals([])).toBe('0.00');
    expect(grouped(sumDecimals(['15400.00', '-0.40', '1000000']))).toBe('1,015,399.60');
  });
});
