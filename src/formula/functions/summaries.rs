//! One-line summaries of the functions, for `functions()` (autocomplete and
//! help in the playground and workbench).
//!
//! They live apart from the function tables so that a build that never
//! lists the functions (the widget) leaves their text out of the wasm: the
//! tables are reachable from every formula, this one only from the listing.

/// `(name, summary)` for every function, in the tables' order.
pub const SUMMARIES: &[(&str, &str)] = &[
    // financial
    ("NPV", "Net present value of periodic cash flows, the first discounted one full period."),
    ("XNPV", "Net present value of dated cash flows, discounted actual/365 from the first date."),
    ("IRR", "Internal rate of return of periodic cash flows, the first at time 0."),
    ("XIRR", "Internal rate of return of dated cash flows (actual/365)."),
    ("MIRR", "Modified internal rate of return, financing outflows and reinvesting inflows at the given rates."),
    ("PV", "Present value of level payments and a final future value."),
    ("FV", "Future value of a present value and level payments."),
    ("PMT", "Level payment per period that pays off a present value or reaches a future value."),
    ("NPER", "Number of periods for a present value to reach a future value with level payments."),
    ("RATE", "Interest rate per period of an annuity."),
    ("IPMT", "Interest part of the payment in a given period."),
    ("PPMT", "Principal part of the payment in a given period."),
    ("CUMIPMT", "Cumulative interest paid on a loan between two periods."),
    ("CUMPRINC", "Cumulative principal repaid on a loan between two periods."),
    ("EFFECT", "Effective annual rate of a nominal rate compounded npery times a year."),
    ("NOMINAL", "Nominal annual rate of an effective rate compounded npery times a year."),
    ("RRI", "Equivalent rate per period for a present value to grow to a future value."),
    ("PDURATION", "Number of periods for a present value to grow to a future value at a rate."),
    ("ROI", "Simple return on investment, (gain - cost) / cost."),
    ("PAYBACK", "Periods until cumulative cash flows (the first at period 0) first recover the investment."),
    ("DPAYBACK", "Periods until discounted cumulative cash flows first recover the investment."),
    ("BREAKEVEN", "Units to sell for the unit margin to cover the fixed costs."),
    ("IRRROOTS", "Every real internal rate of return above -100%, ascending, as one row."),
    // math
    ("SUM", "Adds its arguments."),
    ("PRODUCT", "Multiplies its arguments."),
    ("MIN", "Returns the smallest number, or 0 when there is none."),
    ("MAX", "Returns the largest number, or 0 when there is none."),
    ("AVERAGE", "Returns the arithmetic mean of its arguments."),
    ("COUNT", "Counts the arguments that are numbers."),
    ("ROUND", "Rounds a number to a number of digits, halves away from zero."),
    ("ROUNDUP", "Rounds a number away from zero to a number of digits."),
    ("ROUNDDOWN", "Rounds a number toward zero to a number of digits."),
    ("ABS", "Returns the absolute value of a number."),
    ("SQRT", "Returns the positive square root of a number."),
    ("EXP", "Returns e raised to the power of a number."),
    ("LN", "Returns the natural logarithm of a positive number."),
    ("LOG10", "Returns the base-10 logarithm of a positive number."),
    ("POWER", "Returns a number raised to a power."),
    ("MOD", "Returns the remainder after division, with the divisor's sign."),
    ("INT", "Rounds a number down to the nearest integer."),
    ("SUMPRODUCT", "Multiplies arrays element by element and adds the products."),
    // logical
    ("IF", "Returns one value when a condition is true and another when it is false."),
    ("IFS", "Returns the value paired with the first true condition."),
    ("AND", "Returns TRUE when all of its arguments are true."),
    ("OR", "Returns TRUE when any of its arguments is true."),
    ("NOT", "Reverses a logical value."),
    ("IFERROR", "Returns a value, or another value when the first is an error."),
    ("SWITCH", "Returns the result paired with the first value equal to the expression."),
    ("TRUE", "Returns the logical value TRUE."),
    ("FALSE", "Returns the logical value FALSE."),
    // date
    ("DATE", "Returns the serial number of a date, rolling months and days past their ranges over."),
    ("YEAR", "Returns the year of a date serial number, from 1900 to 9999."),
    ("MONTH", "Returns the month of a date serial number, from 1 to 12."),
    ("DAY", "Returns the day of the month of a date serial number, from 1 to 31."),
    ("EDATE", "Returns the date a number of months before or after a date, on the same day clamped to the month's end."),
    ("EOMONTH", "Returns the last day of the month a number of months before or after a date."),
    ("DAYS", "Returns the number of days between two dates."),
    // lookup
    ("CHOOSE", "Returns the value at a 1-based position in its list of values."),
    ("INDEX", "Returns the element, row or column of an array at 1-based positions."),
    ("MATCH", "Returns the 1-based position of a value in a one-dimensional array."),
    ("XLOOKUP", "Finds a value in one array and returns the matching element, row or column of another."),
    // slicing
    ("TAKE", "Returns the first rows or columns of an array, or the last when the count is negative."),
    ("DROP", "Returns an array without its first rows or columns, or its last when the count is negative."),
    // model
    ("PREV", "Returns a per-period calculation's value in the previous period (0, or the given value, in period 0)."),
];
