//! The functions' parameters, for `functions()` and `callAt` (the
//! playground's reference and signature hint) and, in the full build, for
//! wrong-argument-count messages. The summaries live in `summaries.rs`.
//!
//! They live apart from the function tables so that a build that never
//! lists the functions (the widget) leaves their text out of the wasm (the
//! signatures alone are 0.8 KB gzipped): the tables are reachable from
//! every formula, this one only from the listing and the full build's
//! messages.

/// `(name, parameters)` for every function, in the tables' order (the
/// summaries live apart, in [`super::summaries`], out of every wasm build).
/// The parameters are a list written `|`-separated: one string per
/// function rather than a slice of strings, whose pointer and length per
/// entry cost the full build's wasm more (measured: 0.35 KB
/// gzipped). `|` never occurs in a parameter, so reading the list is a
/// split, never parsing. Each parameter is shown as written: `[fv]` is optional,
/// and a `...` entry says the parameter before it repeats. The signature
/// shown to people is built from the list ([`super::signature`]), so the
/// editing help and the messages read one source.
pub type HelpRow = (&'static str, &'static str);

/// The help rows, in the tables' order.
pub const HELP: &[HelpRow] = &[
    // financial
    ("NPV", "rate|value1|[value2]|..."),
    ("XNPV", "rate|values|dates"),
    ("IRR", "values|[guess]"),
    ("XIRR", "values|dates|[guess]"),
    ("MIRR", "values|finance_rate|reinvest_rate"),
    ("PV", "rate|nper|pmt|[fv]|[type]"),
    ("FV", "rate|nper|pmt|[pv]|[type]"),
    ("PMT", "rate|nper|pv|[fv]|[type]"),
    ("NPER", "rate|pmt|pv|[fv]|[type]"),
    ("RATE", "nper|pmt|pv|[fv]|[type]|[guess]"),
    ("IPMT", "rate|per|nper|pv|[fv]|[type]"),
    ("PPMT", "rate|per|nper|pv|[fv]|[type]"),
    ("CUMIPMT", "rate|nper|pv|start_period|end_period|type"),
    ("CUMPRINC", "rate|nper|pv|start_period|end_period|type"),
    ("EFFECT", "nominal_rate|npery"),
    ("NOMINAL", "effect_rate|npery"),
    ("RRI", "nper|pv|fv"),
    ("PDURATION", "rate|pv|fv"),
    ("ROI", "gain|cost"),
    ("PAYBACK", "values"),
    ("DPAYBACK", "rate|values"),
    (
        "BREAKEVEN",
        "fixed_costs|price_per_unit|variable_cost_per_unit",
    ),
    ("IRRROOTS", "values"),
    // depreciation
    ("SLN", "cost|salvage|life"),
    ("SYD", "cost|salvage|life|per"),
    ("DB", "cost|salvage|life|period|[month]"),
    ("DDB", "cost|salvage|life|period|[factor]"),
    (
        "VDB",
        "cost|salvage|life|start_period|end_period|[factor]|[no_switch]",
    ),
    // math
    ("SUM", "number1|[number2]|..."),
    ("PRODUCT", "number1|[number2]|..."),
    ("MIN", "number1|[number2]|..."),
    ("MAX", "number1|[number2]|..."),
    ("AVERAGE", "number1|[number2]|..."),
    ("COUNT", "value1|[value2]|..."),
    ("ROUND", "number|num_digits"),
    ("ROUNDUP", "number|num_digits"),
    ("ROUNDDOWN", "number|num_digits"),
    ("ABS", "number"),
    ("SQRT", "number"),
    ("EXP", "number"),
    ("LN", "number"),
    ("LOG10", "number"),
    ("POWER", "number|power"),
    ("MOD", "number|divisor"),
    ("INT", "number"),
    ("SUMPRODUCT", "array1|[array2]|..."),
    ("CEILING.MATH", "number|[significance]|[mode]"),
    ("FLOOR.MATH", "number|[significance]|[mode]"),
    ("MROUND", "number|multiple"),
    ("TRUNC", "number|[num_digits]"),
    ("SIGN", "number"),
    ("LOG", "number|[base]"),
    ("SEQUENCE", "rows|[columns]|[start]|[step]"),
    ("SUMIF", "range|criteria|[sum_range]"),
    (
        "SUMIFS",
        "sum_range|criteria_range1|criteria1|[criteria_range2, criteria2]|...",
    ),
    ("COUNTIF", "range|criteria"),
    (
        "COUNTIFS",
        "criteria_range1|criteria1|[criteria_range2, criteria2]|...",
    ),
    ("AVERAGEIF", "range|criteria|[average_range]"),
    (
        "MAXIFS",
        "max_range|criteria_range1|criteria1|[criteria_range2, criteria2]|...",
    ),
    (
        "MINIFS",
        "min_range|criteria_range1|criteria1|[criteria_range2, criteria2]|...",
    ),
    // statistical
    ("MEDIAN", "number1|[number2]|..."),
    ("STDEV.S", "number1|[number2]|..."),
    ("STDEV.P", "number1|[number2]|..."),
    ("PERCENTILE.INC", "array|k"),
    ("QUARTILE.INC", "array|quart"),
    ("LARGE", "array|k"),
    ("SMALL", "array|k"),
    ("CORREL", "array1|array2"),
    // logical
    ("IF", "logical_test|value_if_true|[value_if_false]"),
    (
        "IFS",
        "logical_test1|value_if_true1|[logical_test2, value_if_true2]|...",
    ),
    ("AND", "logical1|[logical2]|..."),
    ("OR", "logical1|[logical2]|..."),
    ("NOT", "logical"),
    ("IFERROR", "value|value_if_error"),
    (
        "SWITCH",
        "expression|value1|result1|[value2, result2]|...|[default]",
    ),
    ("TRUE", ""),
    ("FALSE", ""),
    ("LET", "name1|value1|[name2, value2]|...|calculation"),
    // date
    ("DATE", "year|month|day"),
    ("YEAR", "serial_number"),
    ("MONTH", "serial_number"),
    ("DAY", "serial_number"),
    ("EDATE", "start_date|months"),
    ("EOMONTH", "start_date|months"),
    ("DAYS", "end_date|start_date"),
    ("YEARFRAC", "start_date|end_date|[basis]"),
    ("NETWORKDAYS", "start_date|end_date|[holidays]"),
    ("WORKDAY", "start_date|days|[holidays]"),
    ("DATEDIF", "start_date|end_date|unit"),
    // text
    ("TEXT", "value|format_text"),
    ("CONCAT", "text1|[text2]|..."),
    ("TEXTJOIN", "delimiter|ignore_empty|text1|[text2]|..."),
    ("LEFT", "text|[num_chars]"),
    ("RIGHT", "text|[num_chars]"),
    ("MID", "text|start_num|num_chars"),
    ("LEN", "text"),
    ("UPPER", "text"),
    ("LOWER", "text"),
    ("TRIM", "text"),
    ("VALUE", "text"),
    // lookup
    ("CHOOSE", "index_num|value1|[value2]|..."),
    ("INDEX", "array|row_num|[column_num]"),
    ("MATCH", "lookup_value|lookup_array|[match_type]"),
    (
        "XLOOKUP",
        "lookup_value|lookup_array|return_array|[if_not_found]|[match_mode]|[search_mode]",
    ),
    // slicing
    ("TAKE", "array|rows|[columns]"),
    ("DROP", "array|rows|[columns]"),
    // model
    ("PREV", "series|[value_in_period_0]"),
];
