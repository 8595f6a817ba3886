import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  carryCurrencyChoice,
  convertedChoiceValue,
  currencyOptions,
  defaultCurrencyChoice,
  lastDayOfChoice,
  readCurrencyChoice,
} from '../../web/src/currency-choice.js';

describe('the dashboard currency choice (pure, run under Node)', () => {
  it('a billing currency filters to it and asks the API for no conversion', () => {
    assert.deepEqual(readCurrencyChoice('USD'), {
      value: 'USD',
      currency: 'USD',
      converted: false,
      filters: ['currency=USD'],
      apiCurrency: 'billing',
    });
  });

  it('"all-EUR" keeps every currency and asks the API to convert into EUR', () => {
    assert.deepEqual(readCurrencyChoice(convertedChoiceValue('EUR')), {
      value: 'all-EUR',
      currency: 'EUR',
      converted: true,
      filters: [],
      apiCurrency: 'EUR',
    });
    // Not a converted choice: a lower-case or longer code is read as a billing currency, which
    // the selector then replaces because no option has that value.
    assert.equal(readCurrencyChoice('all-eur').converted, false);
    assert.equal(readCurrencyChoice('all-EURO').converted, false);
  });

  it('offers each billing currency alone, then all converted, the configured currency first', () => {
    assert.deepEqual(currencyOptions(['USD', 'EUR'], ['EUR', 'GBP', 'USD'], 'USD'), [
      { value: 'USD', label: 'USD only' },
      { value: 'EUR', label: 'EUR only' },
      { value: 'all-USD', label: 'All, in USD (reporting currency)' },
      { value: 'all-EUR', label: 'All, in EUR' },
      { value: 'all-GBP', label: 'All, in GBP' },
    ]);
    // No data: nothing to convert.
    assert.deepEqual(currencyOptions([], ['EUR'], 'EUR'), []);
  });

  it('a first visit sees all in the configured currency, else the largest billing currency', () => {
    assert.equal(defaultCurrencyChoice(['USD', 'EUR'], 'EUR'), 'all-EUR');
    assert.equal(defaultCurrencyChoice(['USD', 'EUR'], null), 'USD');
    assert.equal(defaultCurrencyChoice([], 'EUR'), '');
  });

  it("the last day with data is the currency's own, or the latest of all when converted", () => {
    const lastDay = { USD: '2025-12-31', EUR: '2025-12-30' };
    assert.equal(lastDayOfChoice(readCurrencyChoice('EUR'), lastDay), '2025-12-30');
    assert.equal(lastDayOfChoice(readCurrencyChoice('all-EUR'), lastDay), '2025-12-31');
    assert.equal(lastDayOfChoice(readCurrencyChoice('GBP'), lastDay), null);
    assert.equal(lastDayOfChoice(readCurrencyChoice('all-GBP'), {}), null);
  });
});

describe('the currency choice carries across views', () => {
  it('a link to another view keeps the currency choice and nothing else of the view', () => {
    assert.deepEqual(carryCurrencyChoice({ view: 'explorer', by: 'team', currency: 'all-EUR' }), {
      currency: 'all-EUR',
    });
    assert.deepEqual(carryCurrencyChoice({ view: 'explorer' }), {});
    assert.deepEqual(carryCurrencyChoice({ currency: ['USD', 'EUR'] }), {});
  });
});
