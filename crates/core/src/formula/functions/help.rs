//! The functions' help: each one's signature and one-line summary, for
//! `functions()` (autocomplete and help in the playground and workbench)
//! and, in the full build, for wrong-argument-count messages.
//!
//! They live apart from the function tables so that a build that never
//! lists the functions (the widget) leaves their text out of the wasm (the
//! signatures alone are 0.8 KB gzipped): the tables are reachable from
//! every formula, this one only from the listing and the full build's
//! messages.

/// `(name, parameters, summary)` for every function, in the tables' order.
/// The parameters are a list written `|`-separated: one string per
/// function rather than a slice of strings, whose pointer and length per
/// entry cost the full build's wasm more (measured: 0.35 KB
/// gzipped). `|` never occurs in a parameter, so reading the list is a
/// split, never parsing. Each parameter is shown as written: `[fv]` is optional,
/// and a `...` entry says the parameter before it repeats. The signature
/// shown to people is built from the list ([`super::signature`]), so the
/// editing help and the messages read one source.
pub type HelpRow = (&'static str, &'static str, &'static str);

/// The help rows, in the tables' order.
pub const HELP: &[HelpRow] = &[
    // financial
    ("NPV", "rate|value1|[value2]|...", "Net present value of periodic cash flows, the first discounted one full period."),
    ("XNPV", "rate|values|dates", "Net present value of dated cash flows, discounted actual/365 from the first date."),
    ("IRR", "values|[guess]", "Internal rate of return of periodic cash flows, the first at time 0."),
    ("XIRR", "values|dates|[guess]", "Internal rate of return of dated cash flows (actual/365)."),
    ("MIRR", "values|finance_rate|reinvest_rate", "Modified internal rate of return, financing outflows and reinvesting inflows at the given rates."),
    ("PV", "rate|nper|pmt|[fv]|[type]", "Present value of level payments and a final future value."),
    ("FV", "rate|nper|pmt|[pv]|[type]", "Future value of a present value and level payments."),
    ("PMT", "rate|nper|pv|[fv]|[type]", "Level payment per period that pays off a present value or reaches a future value."),
    ("NPER", "rate|pmt|pv|[fv]|[type]", "Number of periods for a present value to reach a future value with level payments."),
    ("RATE", "nper|pmt|pv|[fv]|[type]|[guess]", "Interest rate per period of an annuity."),
    ("IPMT", "rate|per|nper|pv|[fv]|[type]", "Interest part of the payment in a given period."),
    ("PPMT", "rate|per|nper|pv|[fv]|[type]", "Principal part of the payment in a given period."),
    ("CUMIPMT", "rate|nper|pv|start_period|end_period|type", "Cumulative interest paid on a loan between two periods."),
    ("CUMPRINC", "rate|nper|pv|start_period|end_period|type", "Cumulative principal repaid on a loan between two periods."),
    ("EFFECT", "nominal_rate|npery", "Effective annual rate of a nominal rate compounded npery times a year."),
    ("NOMINAL", "effect_rate|npery", "Nominal annual rate of an effective rate compounded npery times a year."),
    ("RRI", "nper|pv|fv", "Equivalent rate per period for a present value to grow to a future value."),
    ("PDURATION", "rate|pv|fv", "Number of periods for a present value to grow to a future value at a rate."),
    ("ROI", "gain|cost", "Simple return on investment, (gain - cost) / cost."),
    ("PAYBACK", "values", "Periods until cumulative cash flows (the first at period 0) first recover the investment."),
    ("DPAYBACK", "rate|values", "Periods until discounted cumulative cash flows first recover the investment."),
    ("BREAKEVEN", "fixed_costs|price_per_unit|variable_cost_per_unit", "Units to sell for the unit margin to cover the fixed costs."),
    ("IRRROOTS", "values", "Every real internal rate of return above -100%, ascending, as one row."),
    // depreciation
    ("SLN", "cost|salvage|life", "Straight-line depreciation for one period."),
    ("SYD", "cost|salvage|life|per", "Sum-of-years' digits depreciation for a period."),
    ("DB", "cost|salvage|life|period|[month]", "Fixed-declining balance depreciation for a period."),
    ("DDB", "cost|salvage|life|period|[factor]", "Double-declining (or factor-declining) balance depreciation for a period."),
    ("VDB", "cost|salvage|life|start_period|end_period|[factor]|[no_switch]", "Declining balance depreciation between two periods, switching to straight line unless no_switch."),
    // math
    ("SUM", "number1|[number2]|...", "Adds its arguments."),
    ("PRODUCT", "number1|[number2]|...", "Multiplies its arguments."),
    ("MIN", "number1|[number2]|...", "Returns the smallest number, or 0 when there is none."),
    ("MAX", "number1|[number2]|...", "Returns the largest number, or 0 when there is none."),
    ("AVERAGE", "number1|[number2]|...", "Returns the arithmetic mean of its arguments."),
    ("COUNT", "value1|[value2]|...", "Counts the arguments that are numbers."),
    ("ROUND", "number|num_digits", "Rounds a number to a number of digits, halves away from zero."),
    ("ROUNDUP", "number|num_digits", "Rounds a number away from zero to a number of digits."),
    ("ROUNDDOWN", "number|num_digits", "Rounds a number toward zero to a number of digits."),
    ("ABS", "number", "Returns the absolute value of a number."),
    ("SQRT", "number", "Returns the positive square root of a number."),
    ("EXP", "number", "Returns e raised to the power of a number."),
    ("LN", "number", "Returns the natural logarithm of a positive number."),
    ("LOG10", "number", "Returns the base-10 logarithm of a positive number."),
    ("POWER", "number|power", "Returns a number raised to a power."),
    ("MOD", "number|divisor", "Returns the remainder after division, with the divisor's sign."),
    ("INT", "number", "Rounds a number down to the nearest integer."),
    ("SUMPRODUCT", "array1|[array2]|...", "Multiplies arrays element by element and adds the products."),
    ("CEILING.MATH", "number|[significance]|[mode]", "Rounds a number up to a multiple of significance; mode rounds negatives away from zero."),
    ("FLOOR.MATH", "number|[significance]|[mode]", "Rounds a number down to a multiple of significance; mode rounds negatives toward zero."),
    ("MROUND", "number|multiple", "Rounds a number to the nearest multiple, halves away from zero."),
    ("TRUNC", "number|[num_digits]", "Truncates a number toward zero to a number of digits."),
    ("SIGN", "number", "Returns 1, 0 or -1 by the sign of a number."),
    ("LOG", "number|[base]", "Returns the logarithm of a positive number in a base (10)."),
    ("SEQUENCE", "rows|[columns]|[start]|[step]", "Returns an array of numbers counting from start by step, row by row."),
    ("SUMIF", "range|criteria|[sum_range]", "Adds the numbers whose range elements meet a criterion."),
    ("SUMIFS", "sum_range|criteria_range1|criteria1|[criteria_range2, criteria2]|...", "Adds the numbers whose positions meet every criterion."),
    ("COUNTIF", "range|criteria", "Counts the elements that meet a criterion."),
    ("COUNTIFS", "criteria_range1|criteria1|[criteria_range2, criteria2]|...", "Counts the positions that meet every criterion."),
    ("AVERAGEIF", "range|criteria|[average_range]", "Averages the numbers whose range elements meet a criterion."),
    ("MAXIFS", "max_range|criteria_range1|criteria1|[criteria_range2, criteria2]|...", "Returns the largest number whose position meets every criterion, or 0."),
    ("MINIFS", "min_range|criteria_range1|criteria1|[criteria_range2, criteria2]|...", "Returns the smallest number whose position meets every criterion, or 0."),
    // statistical
    ("MEDIAN", "number1|[number2]|...", "Returns the middle number, or the mean of the two middle ones."),
    ("STDEV.S", "number1|[number2]|...", "Returns the sample standard deviation."),
    ("STDEV.P", "number1|[number2]|...", "Returns the population standard deviation."),
    ("PERCENTILE.INC", "array|k", "Returns the k-th percentile (0 to 1), interpolating between numbers."),
    ("QUARTILE.INC", "array|quart", "Returns the minimum, a quartile or the maximum (quart 0 to 4)."),
    ("LARGE", "array|k", "Returns the k-th largest number."),
    ("SMALL", "array|k", "Returns the k-th smallest number."),
    ("CORREL", "array1|array2", "Returns the correlation coefficient of two arrays of numbers."),
    // logical
    ("IF", "logical_test|value_if_true|[value_if_false]", "Returns one value when a condition is true and another when it is false."),
    ("IFS", "logical_test1|value_if_true1|[logical_test2, value_if_true2]|...", "Returns the value paired with the first true condition."),
    ("AND", "logical1|[logical2]|...", "Returns TRUE when all of its arguments are true."),
    ("OR", "logical1|[logical2]|...", "Returns TRUE when any of its arguments is true."),
    ("NOT", "logical", "Reverses a logical value."),
    ("IFERROR", "value|value_if_error", "Returns a value, or another value when the first is an error."),
    ("SWITCH", "expression|value1|result1|[value2, result2]|...|[default]", "Returns the result paired with the first value equal to the expression."),
    ("TRUE", "", "Returns the logical value TRUE."),
    ("FALSE", "", "Returns the logical value FALSE."),
    ("LET", "name1|value1|[name2, value2]|...|calculation", "Names intermediate values, then returns a calculation that uses them."),
    // date
    ("DATE", "year|month|day", "Returns the serial number of a date, rolling months and days past their ranges over."),
    ("YEAR", "serial_number", "Returns the year of a date serial number, from 1900 to 9999."),
    ("MONTH", "serial_number", "Returns the month of a date serial number, from 1 to 12."),
    ("DAY", "serial_number", "Returns the day of the month of a date serial number, from 1 to 31."),
    ("EDATE", "start_date|months", "Returns the date a number of months before or after a date, on the same day clamped to the month's end."),
    ("EOMONTH", "start_date|months", "Returns the last day of the month a number of months before or after a date."),
    ("DAYS", "end_date|start_date", "Returns the number of days between two dates."),
    ("YEARFRAC", "start_date|end_date|[basis]", "Returns the fraction of a year between two dates on a day-count basis (0 to 4)."),
    ("NETWORKDAYS", "start_date|end_date|[holidays]", "Returns the number of weekdays between two dates, less holidays."),
    ("WORKDAY", "start_date|days|[holidays]", "Returns the date a number of weekdays before or after a date, skipping holidays."),
    ("DATEDIF", "start_date|end_date|unit", "Returns the whole years, months or days between two dates (\"Y\", \"M\", \"D\", \"MD\", \"YM\", \"YD\")."),
    // text
    ("TEXT", "value|format_text", "Formats a number as text with a format code such as #,##0.00, 0% or yyyy-mm-dd."),
    ("CONCAT", "text1|[text2]|...", "Joins texts, arrays element by element."),
    ("TEXTJOIN", "delimiter|ignore_empty|text1|[text2]|...", "Joins texts with a delimiter, optionally leaving out empty ones."),
    ("LEFT", "text|[num_chars]", "Returns the first characters of a text."),
    ("RIGHT", "text|[num_chars]", "Returns the last characters of a text."),
    ("MID", "text|start_num|num_chars", "Returns characters from the middle of a text."),
    ("LEN", "text", "Returns the number of characters in a text."),
    ("UPPER", "text", "Converts a text to upper case."),
    ("LOWER", "text", "Converts a text to lower case."),
    ("TRIM", "text", "Removes spaces at the ends of a text and repeated spaces between words."),
    ("VALUE", "text", "Converts a text that looks like a number or an ISO date to a number."),
    // lookup
    ("CHOOSE", "index_num|value1|[value2]|...", "Returns the value at a 1-based position in its list of values."),
    ("INDEX", "array|row_num|[column_num]", "Returns the element, row or column of an array at 1-based positions."),
    ("MATCH", "lookup_value|lookup_array|[match_type]", "Returns the 1-based position of a value in a one-dimensional array."),
    ("XLOOKUP", "lookup_value|lookup_array|return_array|[if_not_found]|[match_mode]|[search_mode]", "Finds a value in one array and returns the matching element, row or column of another."),
    // slicing
    ("TAKE", "array|rows|[columns]", "Returns the first rows or columns of an array, or the last when the count is negative."),
    ("DROP", "array|rows|[columns]", "Returns an array without its first rows or columns, or its last when the count is negative."),
    // model
    ("PREV", "series|[value_in_period_0]", "Returns a per-period calculation's value in the previous period (0, or the given value, in period 0)."),
];
