//! The functions' help: each one's signature and one-line summary, for
//! `functions()` (autocomplete and help in the playground and workbench)
//! and, in the full build, for wrong-argument-count messages.
//!
//! They live apart from the function tables so that a build that never
//! lists the functions (the widget) leaves their text out of the wasm (the
//! signatures alone are 0.8 KB gzipped): the tables are reachable from
//! every formula, this one only from the listing and the full build's
//! messages.

/// `(name, signature, summary)` for every function, in the tables' order.
pub const HELP: &[(&str, &str, &str)] = &[
    // financial
    ("NPV", "NPV(rate, value1, [value2], ...)", "Net present value of periodic cash flows, the first discounted one full period."),
    ("XNPV", "XNPV(rate, values, dates)", "Net present value of dated cash flows, discounted actual/365 from the first date."),
    ("IRR", "IRR(values, [guess])", "Internal rate of return of periodic cash flows, the first at time 0."),
    ("XIRR", "XIRR(values, dates, [guess])", "Internal rate of return of dated cash flows (actual/365)."),
    ("MIRR", "MIRR(values, finance_rate, reinvest_rate)", "Modified internal rate of return, financing outflows and reinvesting inflows at the given rates."),
    ("PV", "PV(rate, nper, pmt, [fv], [type])", "Present value of level payments and a final future value."),
    ("FV", "FV(rate, nper, pmt, [pv], [type])", "Future value of a present value and level payments."),
    ("PMT", "PMT(rate, nper, pv, [fv], [type])", "Level payment per period that pays off a present value or reaches a future value."),
    ("NPER", "NPER(rate, pmt, pv, [fv], [type])", "Number of periods for a present value to reach a future value with level payments."),
    ("RATE", "RATE(nper, pmt, pv, [fv], [type], [guess])", "Interest rate per period of an annuity."),
    ("IPMT", "IPMT(rate, per, nper, pv, [fv], [type])", "Interest part of the payment in a given period."),
    ("PPMT", "PPMT(rate, per, nper, pv, [fv], [type])", "Principal part of the payment in a given period."),
    ("CUMIPMT", "CUMIPMT(rate, nper, pv, start_period, end_period, type)", "Cumulative interest paid on a loan between two periods."),
    ("CUMPRINC", "CUMPRINC(rate, nper, pv, start_period, end_period, type)", "Cumulative principal repaid on a loan between two periods."),
    ("EFFECT", "EFFECT(nominal_rate, npery)", "Effective annual rate of a nominal rate compounded npery times a year."),
    ("NOMINAL", "NOMINAL(effect_rate, npery)", "Nominal annual rate of an effective rate compounded npery times a year."),
    ("RRI", "RRI(nper, pv, fv)", "Equivalent rate per period for a present value to grow to a future value."),
    ("PDURATION", "PDURATION(rate, pv, fv)", "Number of periods for a present value to grow to a future value at a rate."),
    ("ROI", "ROI(gain, cost)", "Simple return on investment, (gain - cost) / cost."),
    ("PAYBACK", "PAYBACK(values)", "Periods until cumulative cash flows (the first at period 0) first recover the investment."),
    ("DPAYBACK", "DPAYBACK(rate, values)", "Periods until discounted cumulative cash flows first recover the investment."),
    ("BREAKEVEN", "BREAKEVEN(fixed_costs, price_per_unit, variable_cost_per_unit)", "Units to sell for the unit margin to cover the fixed costs."),
    ("IRRROOTS", "IRRROOTS(values)", "Every real internal rate of return above -100%, ascending, as one row."),
    // math
    ("SUM", "SUM(number1, [number2], ...)", "Adds its arguments."),
    ("PRODUCT", "PRODUCT(number1, [number2], ...)", "Multiplies its arguments."),
    ("MIN", "MIN(number1, [number2], ...)", "Returns the smallest number, or 0 when there is none."),
    ("MAX", "MAX(number1, [number2], ...)", "Returns the largest number, or 0 when there is none."),
    ("AVERAGE", "AVERAGE(number1, [number2], ...)", "Returns the arithmetic mean of its arguments."),
    ("COUNT", "COUNT(value1, [value2], ...)", "Counts the arguments that are numbers."),
    ("ROUND", "ROUND(number, num_digits)", "Rounds a number to a number of digits, halves away from zero."),
    ("ROUNDUP", "ROUNDUP(number, num_digits)", "Rounds a number away from zero to a number of digits."),
    ("ROUNDDOWN", "ROUNDDOWN(number, num_digits)", "Rounds a number toward zero to a number of digits."),
    ("ABS", "ABS(number)", "Returns the absolute value of a number."),
    ("SQRT", "SQRT(number)", "Returns the positive square root of a number."),
    ("EXP", "EXP(number)", "Returns e raised to the power of a number."),
    ("LN", "LN(number)", "Returns the natural logarithm of a positive number."),
    ("LOG10", "LOG10(number)", "Returns the base-10 logarithm of a positive number."),
    ("POWER", "POWER(number, power)", "Returns a number raised to a power."),
    ("MOD", "MOD(number, divisor)", "Returns the remainder after division, with the divisor's sign."),
    ("INT", "INT(number)", "Rounds a number down to the nearest integer."),
    ("SUMPRODUCT", "SUMPRODUCT(array1, [array2], ...)", "Multiplies arrays element by element and adds the products."),
    // logical
    ("IF", "IF(logical_test, value_if_true, [value_if_false])", "Returns one value when a condition is true and another when it is false."),
    ("IFS", "IFS(logical_test1, value_if_true1, [logical_test2, value_if_true2], ...)", "Returns the value paired with the first true condition."),
    ("AND", "AND(logical1, [logical2], ...)", "Returns TRUE when all of its arguments are true."),
    ("OR", "OR(logical1, [logical2], ...)", "Returns TRUE when any of its arguments is true."),
    ("NOT", "NOT(logical)", "Reverses a logical value."),
    ("IFERROR", "IFERROR(value, value_if_error)", "Returns a value, or another value when the first is an error."),
    ("SWITCH", "SWITCH(expression, value1, result1, [value2, result2], ..., [default])", "Returns the result paired with the first value equal to the expression."),
    ("TRUE", "TRUE()", "Returns the logical value TRUE."),
    ("FALSE", "FALSE()", "Returns the logical value FALSE."),
    // date
    ("DATE", "DATE(year, month, day)", "Returns the serial number of a date, rolling months and days past their ranges over."),
    ("YEAR", "YEAR(serial_number)", "Returns the year of a date serial number, from 1900 to 9999."),
    ("MONTH", "MONTH(serial_number)", "Returns the month of a date serial number, from 1 to 12."),
    ("DAY", "DAY(serial_number)", "Returns the day of the month of a date serial number, from 1 to 31."),
    ("EDATE", "EDATE(start_date, months)", "Returns the date a number of months before or after a date, on the same day clamped to the month's end."),
    ("EOMONTH", "EOMONTH(start_date, months)", "Returns the last day of the month a number of months before or after a date."),
    ("DAYS", "DAYS(end_date, start_date)", "Returns the number of days between two dates."),
    // lookup
    ("CHOOSE", "CHOOSE(index_num, value1, [value2], ...)", "Returns the value at a 1-based position in its list of values."),
    ("INDEX", "INDEX(array, row_num, [column_num])", "Returns the element, row or column of an array at 1-based positions."),
    ("MATCH", "MATCH(lookup_value, lookup_array, [match_type])", "Returns the 1-based position of a value in a one-dimensional array."),
    ("XLOOKUP", "XLOOKUP(lookup_value, lookup_array, return_array, [if_not_found], [match_mode], [search_mode])", "Finds a value in one array and returns the matching element, row or column of another."),
    // slicing
    ("TAKE", "TAKE(array, rows, [columns])", "Returns the first rows or columns of an array, or the last when the count is negative."),
    ("DROP", "DROP(array, rows, [columns])", "Returns an array without its first rows or columns, or its last when the count is negative."),
    // model
    ("PREV", "PREV(series, [value_in_period_0])", "Returns a per-period calculation's value in the previous period (0, or the given value, in period 0)."),
];
