"""Rows of tests/data/formula_vectors.tsv: Excel semantics written by hand.

Each row: (id, formula, expected, tolerance, source, note, options).
expected is the TSV text (or a Python number / bool). options:
  lo_differs=True  LibreOffice 7.4 is known to differ from Excel here (the note says how);
  no_lo=True       not evaluated in LibreOffice (array results, XLOOKUP).
"""
import datetime
import math

import excel_ref as X


def serial(y, m, d):
    """Excel 1900-system serial of a date on or after 1 March 1900."""
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


OPS = "Excel docs: Calculation operators and precedence"
HAND = "hand: Excel semantics"
R = []


def r(id_, formula, expected, source=HAND, note="", tol=0, **opts):
    R.append((id_, formula, expected, tol, source, note, opts))


# --- precedence and operators ---------------------------------------------------
r("prec-neg-pow", "-2^2", 4, OPS, "negation binds tighter than ^ in Excel")
r("prec-pow-left-assoc", "2^3^2", 64, OPS, "^ is left-associative in Excel: (2^3)^2")
r("prec-mul-before-add", "2+3*4", 14, OPS)
r("prec-sub-left-assoc", "1-2-3", -4, OPS)
r("prec-div-left-assoc", "100/10/2", 5, OPS)
r("prec-parens", "(2+3)*4", 20, OPS)
r("prec-percent", "10%*2", 0.2, OPS, "% is postfix /100 and binds tighter than *", tol=1e-15)
r("prec-percent-after-pow", "2^-1", 0.5, OPS, "unary minus on the exponent")
r("prec-neg-pow-neg", "-2^-2", 0.25, OPS, "(-2)^(-2)")
r("prec-neg-in-sum", "3-2^2", -1, OPS, "binary minus: 3-(2^2)")
r("prec-concat-number", '"a"&1', '"a1"', OPS)
r("prec-concat-after-add", "1+2&3", '"33"', OPS, "& binds looser than +: (1+2)&3")
r("prec-concat-mul", '2*3&"x"', '"6x"', OPS)
r("prec-concat-bool", '"v="&TRUE', '"v=TRUE"', OPS, "booleans concatenate as TRUE/FALSE", lo_differs=True)
r("prec-concat-decimal", '"x"&0.5', '"x0.5"', OPS)
r("prec-compare-after-concat", '"a"&"b"="ab"', "TRUE", OPS, "comparison binds loosest")
r("prec-compare-after-add", "1+1=2", "TRUE", OPS)
r("prec-compare-chain", "1<2=TRUE", "TRUE", OPS, "(1<2)=TRUE")
r("prec-double-neg", "--TRUE", 1, OPS)
r("prec-unary-plus", "+5", 5, OPS)
r("cmp-text-case-insensitive", '"a"="A"', "TRUE", OPS, "text comparison ignores case")
r("cmp-text-ne", '"a"<>"A"', "FALSE", OPS)
r("cmp-number-lt-text", '1<"a"', "TRUE", "Excel docs: sort order (numbers < text < logicals)",
  "numbers sort before text")
r("cmp-text-lt-bool", '"z"<TRUE', "TRUE", "Excel docs: sort order (numbers < text < logicals)",
  "text sorts before logicals; LibreOffice compares differently", lo_differs=True)
r("cmp-false-lt-true", "FALSE<TRUE", "TRUE", OPS)
r("cmp-number-text-digits", '"10"<9', "FALSE", "Excel docs: sort order (numbers < text < logicals)",
  "the text \"10\" is not converted for comparison: text > number")
r("cmp-number-vs-bool", "1=TRUE", "FALSE", "Excel docs: sort order (numbers < text < logicals)",
  "comparison does not coerce: a number never equals a boolean; LibreOffice treats TRUE as 1",
  lo_differs=True)
r("cmp-text-order", '"abc"<"abd"', "TRUE", OPS)
r("cmp-text-prefix", '"ab"<"abc"', "TRUE", OPS)
r("cmp-ge", "3>=3", "TRUE", OPS)
r("cmp-ne-number", "2<>3", "TRUE", OPS)
r("cmp-float-eq", "0.1+0.2=0.3", "TRUE",
  "hand: Excel rounds both operands of a comparison to 15 significant digits (Stack Overflow q. 58452176; MrExcel forum)",
  "0.30000000000000004 compares equal to 0.3 in Excel")
r("cmp-float-ne", "0.1=(1.2-1.1)", "FALSE",
  "hand: Excel rounds both operands of a comparison to 15 significant digits (excelatfinance.com floating-point Q&A)",
  "1.2-1.1 = 0.0999999999999999 at 15 digits, which is not 0.1", lo_differs=True)
r("arith-bool-coerce", "1+TRUE", 2, OPS, "TRUE is 1 in arithmetic")
r("arith-text-number", '"3"+4', 7, OPS, "numeric text is converted in arithmetic")
r("arith-text-bad", '"x"+1', "#VALUE!", OPS)
r("arith-neg-text", '-"2"', -2, OPS)
r("arith-pow-frac", "4^0.5", 2, OPS)
r("arith-div", "7/2", 3.5, OPS)

# --- errors ------------------------------------------------------------------------
r("err-div-zero", "1/0", "#DIV/0!", OPS)
r("err-na-propagates", "#N/A+1", "#N/A", HAND, "errors propagate through operators")
r("err-left-first", "#N/A+1/0", "#N/A", HAND, "the left operand's error wins", lo_differs=True)
r("err-left-first-2", "1/0+#N/A", "#DIV/0!", HAND, "the left operand's error wins")
r("err-in-concat", '"a"&#VALUE!', "#VALUE!", HAND)
r("err-in-sum", "SUM(1,#N/A,3)", "#N/A", "Excel docs: SUM (errors propagate)")
r("err-in-compare", "#DIV/0!=1", "#DIV/0!", HAND, "comparison with an error is the error")
r("err-ref-literal", "#REF!", "#REF!", HAND)
r("err-unknown-function", "NOSUCHFUNCTION(1)", "#NAME?", HAND, "unknown function")
r("err-iferror-div", 'IFERROR(1/0,"x")', '"x"', "Excel docs: IFERROR")
r("err-iferror-na", "IFERROR(#N/A,5)", 5, "Excel docs: IFERROR")
r("err-iferror-no-error", "IFERROR(1,2)", 1, "Excel docs: IFERROR")
r("err-iferror-nested", "IFERROR(SQRT(-1),IFERROR(1/0,-1))", -1, "Excel docs: IFERROR")

# --- arrays --------------------------------------------------------------------------
r("arr-scalar-mul", "{1,2}*2", "{2,4}", HAND, "array times scalar: element-wise", no_lo=True)
r("arr-add-same-shape", "{1,2;3,4}+{10,20;30,40}", "{11,22;33,44}", HAND, no_lo=True)
r("arr-broadcast-row-col", "{1;2}+{10,20}", "{11,21;12,22}", HAND,
  "a column and a row broadcast to 2x2", no_lo=True)
r("arr-size-mismatch", "{1,2,3}+{10,20}", "{11,22,#N/A}", HAND,
  "mismatched sizes: #N/A where one side has no element", no_lo=True)
r("arr-compare", "{1,2,3}>1", "{FALSE,TRUE,TRUE}", HAND, no_lo=True)
r("arr-concat", '{"a","b"}&"!"', '{"a!","b!"}', HAND, no_lo=True)
r("arr-neg", "-{1,-2}", "{-1,2}", HAND, no_lo=True)
r("arr-literal-2d", "{1,2;3,4}", "{1,2;3,4}", HAND, "an array literal evaluates to itself", no_lo=True)
r("arr-literal-mixed", '{1,"a";TRUE,#N/A}', '{1,"a";TRUE,#N/A}', HAND, no_lo=True)
r("arr-div-zero-element", "{1,2}/{1,0}", "{1,#DIV/0!}", HAND, "an error in one element only", no_lo=True)
r("arr-sum-broadcast", "SUM({1,2,3}*{4,5,6})", 32, HAND, "element-wise product then SUM")

# --- logical ------------------------------------------------------------------------------
r("if-true", "IF(TRUE,1,2)", 1, "Excel docs: IF")
r("if-false-omitted", "IF(FALSE,1)", "FALSE", "Excel docs: IF", "value_if_false omitted: FALSE")
r("if-number-cond", 'IF(0,"y","n")', '"n"', "Excel docs: IF", "0 is FALSE")
r("if-nonzero-cond", 'IF(-2,"y","n")', '"y"', "Excel docs: IF", "non-zero is TRUE")
r("if-text-cond", 'IF("abc",1,2)', "#VALUE!", "Excel docs: IF", "text condition")
r("if-error-cond", "IF(1/0>1,1,2)", "#DIV/0!", "Excel docs: IF", "an error condition propagates")
r("if-lazy", "IF(TRUE,1,1/0)", 1, "Excel docs: IF", "the branch not taken is not evaluated")
r("if-nested", 'IF(5>10,"a",IF(5>3,"b","c"))', '"b"', "Excel docs: IF")
r("ifs-second", 'IFS(1>2,"a",2>1,"b")', '"b"', "Excel docs: IFS")
r("ifs-none", "IFS(FALSE,1,1>2,2)", "#N/A", "Excel docs: IFS", "no condition TRUE: #N/A")
r("ifs-default-true", 'IFS(1>2,"a",TRUE,"other")', '"other"', "Excel docs: IFS")
r("and-mixed", "AND(TRUE,1,0)", "FALSE", "Excel docs: AND")
r("and-all-true", "AND(TRUE,1,2>1)", "TRUE", "Excel docs: AND")
r("and-text-only", 'AND("a")', "#VALUE!", "Excel docs: AND", "no logical values: #VALUE!")
r("and-array-ignores-text", 'AND({TRUE,"x",1})', "TRUE", "Excel docs: AND", "text in an array is ignored", lo_differs=True)
r("or-all-false", "OR(FALSE,0)", "FALSE", "Excel docs: OR")
r("or-array", "OR({0,0,1})", "TRUE", "Excel docs: OR")
r("or-error", "OR(TRUE,#N/A)", "#N/A", "Excel docs: OR", "errors propagate")
r("not-zero", "NOT(0)", "TRUE", "Excel docs: NOT")
r("not-true", "NOT(TRUE)", "FALSE", "Excel docs: NOT")
r("switch-match", 'SWITCH(2,1,"one",2,"two","other")', '"two"', "Excel docs: SWITCH")
r("switch-default", 'SWITCH(3,1,"one","default")', '"default"', "Excel docs: SWITCH")
r("switch-no-match", 'SWITCH(3,1,"one",2,"two")', "#N/A", "Excel docs: SWITCH", "no match, no default: #N/A")
r("switch-text", 'SWITCH("b","a",1,"B",2)', 2, "Excel docs: SWITCH", "text matches ignore case")

# --- math -----------------------------------------------------------------------------------
r("sum-args", "SUM(1,2,3)", 6, "Excel docs: SUM")
r("sum-array-2d", "SUM({1,2;3,4})", 10, "Excel docs: SUM")
r("sum-direct-text-bool", 'SUM("3",TRUE,1)', 5, "Excel docs: SUM",
  "numeric text and logicals typed as arguments are counted", lo_differs=True)
r("sum-array-ignores-text-bool", 'SUM({"3",TRUE,1})', 1, "Excel docs: SUM",
  "text and logicals inside an array are ignored", lo_differs=True)
r("sum-bad-text", 'SUM("x",1)', "#VALUE!", "Excel docs: SUM", "non-numeric text typed as an argument")
r("product-args", "PRODUCT(2,3,4)", 24, "Excel docs: PRODUCT")
r("product-array", "PRODUCT({1,2;3,4},0.5)", 12, "Excel docs: PRODUCT")
r("min-args", "MIN(5,-2,3)", -2, "Excel docs: MIN")
r("max-array", "MAX({1,9,3},4)", 9, "Excel docs: MAX")
r("max-array-ignores-text", 'MAX({"100",2})', 2, "Excel docs: MAX", "text in an array is ignored")
r("min-empty-array-text", 'MIN({"a","b"})', 0, "Excel docs: MIN", "no numbers: 0")
r("average-args", "AVERAGE(1,2,3,4)", 2.5, "Excel docs: AVERAGE")
r("average-array-ignores-bool", "AVERAGE({1,TRUE,3})", 2, "Excel docs: AVERAGE", "logicals in an array are ignored", lo_differs=True)
r("average-no-numbers", 'AVERAGE({"a"})', "#DIV/0!", "Excel docs: AVERAGE", "no numbers: #DIV/0!")
r("round-2675", "ROUND(2.675,2)", 2.68, "hand: Excel rounds the decimal value, not the binary 2.67499999...",
  "Python's round gives 2.67; Excel 2.68")
r("round-1005", "ROUND(1.005,2)", 1.01, "hand: Excel rounds the decimal value", "binary 1.00499999...")
r("round-half-away", "ROUND(-2.5,0)", -3, "Excel docs: ROUND", "halves round away from zero")
r("round-half-away-pos", "ROUND(0.5,0)", 1, "Excel docs: ROUND")
r("round-negative-digits", "ROUND(1234.5678,-2)", 1200, "Excel docs: ROUND")
r("round-digits", "ROUND(3.14159,3)", 3.142, "Excel docs: ROUND")
r("roundup-pos", "ROUNDUP(3.2,0)", 4, "Excel docs: ROUNDUP")
r("roundup-neg", "ROUNDUP(-3.2,0)", -4, "Excel docs: ROUNDUP", "away from zero")
r("roundup-digits", "ROUNDUP(3.14159,3)", 3.142, "Excel docs: ROUNDUP")
r("roundup-neg-digits", "ROUNDUP(31415.92654,-2)", 31500, "Excel docs: ROUNDUP")
r("rounddown-neg", "ROUNDDOWN(-3.9,0)", -3, "Excel docs: ROUNDDOWN", "toward zero")
r("rounddown-digits", "ROUNDDOWN(3.14159,3)", 3.141, "Excel docs: ROUNDDOWN")
r("rounddown-exact", "ROUNDDOWN(0.3,1)", 0.3, HAND, "0.3 is already at 1 digit (binary 0.299999...)")
r("abs-neg", "ABS(-3.5)", 3.5, "Excel docs: ABS")
r("sqrt-16", "SQRT(16)", 4, "Excel docs: SQRT")
r("sqrt-2", "SQRT(2)", math.sqrt(2), "Excel docs: SQRT", tol=1e-15)
r("sqrt-negative", "SQRT(-1)", "#NUM!", "Excel docs: SQRT", lo_differs=True)
r("exp-1", "EXP(1)", math.e, "Excel docs: EXP", tol=1e-15)
r("exp-overflow", "EXP(1000)", "#NUM!", HAND, "overflow")
r("ln-e", "LN(EXP(2))", 2, "Excel docs: LN", tol=1e-15)
r("ln-10", "LN(10)", math.log(10), "Excel docs: LN", tol=1e-15)
r("ln-zero", "LN(0)", "#NUM!", "Excel docs: LN", lo_differs=True)
r("log10-1000", "LOG10(1000)", 3, "Excel docs: LOG10", tol=1e-15)
r("log10-neg", "LOG10(-10)", "#NUM!", "Excel docs: LOG10", lo_differs=True)
r("power-sqrt", "POWER(2,0.5)", math.sqrt(2), "Excel docs: POWER", tol=1e-15)
r("power-int", "POWER(5,2)", 25, "Excel docs: POWER")
r("power-zero-zero", "POWER(0,0)", "#NUM!", HAND, "Excel: 0^0 is #NUM!; LibreOffice gives 1", lo_differs=True)
r("power-neg-frac", "POWER(-8,1/3)", "#NUM!", HAND, "negative base with a fractional exponent", lo_differs=True)
r("power-zero-neg", "0^-1", "#DIV/0!", HAND, lo_differs=True)
r("mod-neg-dividend", "MOD(-3,2)", 1, "Excel docs: MOD", "result has the divisor's sign")
r("mod-neg-divisor", "MOD(3,-2)", -1, "Excel docs: MOD", "result has the divisor's sign")
r("mod-both-neg", "MOD(-3,-2)", -1, "Excel docs: MOD")
r("mod-fraction", "MOD(5.5,2)", 1.5, "Excel docs: MOD")
r("mod-zero", "MOD(5,0)", "#DIV/0!", "Excel docs: MOD")
r("int-neg", "INT(-2.5)", -3, "Excel docs: INT", "rounds down, not toward zero")
r("int-pos", "INT(8.9)", 8, "Excel docs: INT")
r("sumproduct-two", "SUMPRODUCT({1,2,3},{4,5,6})", 32, "Excel docs: SUMPRODUCT")
r("sumproduct-2d", "SUMPRODUCT({1,2;3,4},{5,6;7,8})", 70, "Excel docs: SUMPRODUCT")
r("sumproduct-mismatch", "SUMPRODUCT({1,2,3},{1,2})", "#VALUE!", "Excel docs: SUMPRODUCT",
  "arrays of different dimensions: #VALUE!")
r("sumproduct-text-as-zero", 'SUMPRODUCT({1,"a",3},{1,1,1})', 4, "Excel docs: SUMPRODUCT",
  "non-numeric entries are treated as zero")
r("count-array", 'COUNT({1,"a",TRUE,2})', 2, "Excel docs: COUNT", "only numbers inside an array", lo_differs=True)
r("count-direct-args", 'COUNT(1,"2",TRUE,"x")', 3, "Excel docs: COUNT",
  "numeric text and logicals typed as arguments are counted; \"x\" is not")
r("count-errors-skipped", "COUNT(1,#N/A,{2,3})", 3, "Excel docs: COUNT", "errors are not counted (no error)")

# --- dates (1900 system) ---------------------------------------------------------------------------
DATE_DOC = "Excel docs: DATE"
r("date-basic", "DATE(2024,1,1)", serial(2024, 1, 1), DATE_DOC)
r("date-leap-day", "DATE(2024,2,29)", serial(2024, 2, 29), DATE_DOC)
r("date-1900-01-01", "DATE(1900,1,1)", 1, DATE_DOC, "serial 1; LibreOffice's epoch differs before March 1900",
  lo_differs=True)
r("date-1900-02-28", "DATE(1900,2,28)", 59, DATE_DOC, "LibreOffice differs before March 1900", lo_differs=True)
r("date-1900-02-29", "DATE(1900,2,29)", 60, DATE_DOC,
  "Excel's fictional leap day (Lotus 1-2-3 compatibility); LibreOffice has no such day", lo_differs=True)
r("date-1900-03-01", "DATE(1900,3,1)", 61, DATE_DOC)
r("date-1900-03-00", "DATE(1900,3,0)", 60, DATE_DOC, "day 0 of March 1900 is the fictional 29 Feb",
  lo_differs=True)
r("date-month-overflow", "DATE(2024,14,1)", serial(2025, 2, 1), DATE_DOC, "month 14 is February of the next year")
r("date-day-zero", "DATE(2024,1,0)", serial(2023, 12, 31), DATE_DOC, "day 0 is the last day of the previous month")
r("date-month-zero", "DATE(2024,0,15)", serial(2023, 12, 15), DATE_DOC)
r("date-negative-month", "DATE(2024,-1,1)", serial(2023, 11, 1), DATE_DOC)
r("date-day-overflow", "DATE(2023,2,29)", serial(2023, 3, 1), DATE_DOC)
r("date-year-100", "DATE(100,1,1)", 36526, DATE_DOC,
  "years 0..1899 are added to 1900: 2000-01-01; LibreOffice takes the year 100 literally", lo_differs=True)
r("date-year-0", "DATE(0,1,1)", 1, DATE_DOC, "year 0 is 1900", lo_differs=True)
r("date-year-negative", "DATE(-1,1,1)", "#NUM!", DATE_DOC, "year < 0: #NUM!", lo_differs=True)
r("date-year-10000", "DATE(10000,1,1)", "#NUM!", DATE_DOC, "year >= 10000: #NUM!", lo_differs=True)
r("date-max", "DATE(9999,12,31)", 2958465, DATE_DOC, "the last Excel date")
r("date-truncates", "DATE(2024.9,1.9,1.9)", serial(2024, 1, 1), DATE_DOC, "arguments are truncated")
r("year-basic", "YEAR(45351)", 2024, "Excel docs: YEAR")
r("year-60", "YEAR(60)", 1900, "Excel docs: YEAR", "the fictional 29 Feb 1900")
r("month-60", "MONTH(60)", 2, "Excel docs: MONTH", "the fictional 29 Feb 1900; LibreOffice's 60 is 28 Feb",
  lo_differs=True)
r("day-60", "DAY(60)", 29, "Excel docs: DAY", "the fictional 29 Feb 1900; LibreOffice gives 28", lo_differs=True)
r("day-59", "DAY(59)", 28, "Excel docs: DAY", "28 Feb 1900; LibreOffice gives 27", lo_differs=True)
r("day-61", "DAY(61)", 1, "Excel docs: DAY", "1 Mar 1900")
r("month-61", "MONTH(61)", 3, "Excel docs: MONTH")
r("day-zero", "DAY(0)", 0, "Excel docs: DAY", "serial 0 is Excel's 0 Jan 1900", lo_differs=True)
r("month-zero", "MONTH(0)", 1, "Excel docs: MONTH", "serial 0 is Excel's 0 Jan 1900", lo_differs=True)
r("year-zero", "YEAR(0)", 1900, "Excel docs: YEAR", "serial 0 is Excel's 0 Jan 1900", lo_differs=True)
r("year-negative", "YEAR(-1)", "#NUM!", "Excel docs: YEAR", "no negative serials in Excel", lo_differs=True)
r("day-fraction", "DAY(45351.75)", 29, "Excel docs: DAY", "the time of day is ignored")
r("month-text", 'MONTH("x")', "#VALUE!", "Excel docs: MONTH")
r("year-of-date", "YEAR(DATE(2031,7,4))", 2031, "Excel docs: YEAR")
r("edate-end-of-month", "EDATE(DATE(2024,1,31),1)", serial(2024, 2, 29), "Excel docs: EDATE",
  "31 Jan + 1 month clamps to 29 Feb (leap year)")
r("edate-back", "EDATE(DATE(2024,3,31),-1)", serial(2024, 2, 29), "Excel docs: EDATE")
r("edate-year", "EDATE(45351,12)", serial(2025, 2, 28), "Excel docs: EDATE", "29 Feb + 12 months")
r("edate-zero", "EDATE(DATE(2023,5,15),0)", serial(2023, 5, 15), "Excel docs: EDATE")
r("edate-fraction", "EDATE(45292.6,1.9)", serial(2024, 2, 1), "Excel docs: EDATE",
  "start date and months are truncated")
r("eomonth-next", "EOMONTH(DATE(2024,1,31),1)", serial(2024, 2, 29), "Excel docs: EOMONTH")
r("eomonth-prev", "EOMONTH(DATE(2023,12,15),-1)", serial(2023, 11, 30), "Excel docs: EOMONTH")
r("eomonth-same", "EOMONTH(DATE(2023,2,10),0)", serial(2023, 2, 28), "Excel docs: EOMONTH")
r("eomonth-year", "EOMONTH(DATE(2024,11,5),14)", serial(2026, 1, 31), "Excel docs: EOMONTH")
r("eomonth-negative", "EOMONTH(-1,0)", "#NUM!", "Excel docs: EOMONTH", "invalid start date: #NUM!",
  lo_differs=True)
r("days-basic", "DAYS(DATE(2024,3,1),DATE(2024,2,1))", 29, "Excel docs: DAYS", "end_date first")
r("days-negative", "DAYS(1,2)", -1, "Excel docs: DAYS")
r("days-year", "DAYS(DATE(2025,1,1),DATE(2024,1,1))", 366, "Excel docs: DAYS")
r("days-across-1900-leap", "DAYS(61,59)", 2, "Excel docs: DAYS",
  "serials differ by 2 across Excel's fictional 29 Feb")
r("date-arith", "DATE(2024,3,1)-DATE(2024,2,1)", 29, HAND, "dates are serial numbers")

# --- lookup ----------------------------------------------------------------------------------------
r("choose-second", 'CHOOSE(2,"a","b","c")', '"b"', "Excel docs: CHOOSE")
r("choose-truncates", 'CHOOSE(1.9,"a","b")', '"a"', "Excel docs: CHOOSE", "index truncated")
r("choose-out-of-range", 'CHOOSE(4,"a","b")', "#VALUE!", "Excel docs: CHOOSE", lo_differs=True)
r("choose-zero", 'CHOOSE(0,"a","b")', "#VALUE!", "Excel docs: CHOOSE", lo_differs=True)
r("choose-lazy", "CHOOSE(1,10,1/0)", 10, HAND, "only the chosen value matters")
r("index-2d", "INDEX({1,2;3,4},2,1)", 3, "Excel docs: INDEX")
r("index-row-vector", "INDEX({10,20,30},2)", 20, "Excel docs: INDEX", "a one-row array: the index is the column")
r("index-col-vector", "INDEX({10;20;30},3)", 30, "Excel docs: INDEX")
r("index-out-of-range", "INDEX({1,2;3,4},3,1)", "#REF!", "Excel docs: INDEX", lo_differs=True)
r("index-whole-column", "INDEX({1,2;3,4},0,2)", "{2;4}", "Excel docs: INDEX", "row 0: the whole column",
  no_lo=True)
r("index-whole-row", "INDEX({1,2;3,4},2,0)", "{3,4}", "Excel docs: INDEX", "column 0: the whole row", no_lo=True)
r("match-exact", "MATCH(3,{1,3,5},0)", 2, "Excel docs: MATCH")
r("match-approx-default", "MATCH(4,{1,3,5})", 2, "Excel docs: MATCH", "default 1: largest value <= 4")
r("match-approx-desc", "MATCH(4,{5,3,1},-1)", 1, "Excel docs: MATCH", "-1: smallest value >= 4 in descending order")
r("match-not-found", "MATCH(9,{1,3,5},0)", "#N/A", "Excel docs: MATCH")
r("match-below-first", "MATCH(0,{1,3,5})", "#N/A", "Excel docs: MATCH")
r("match-text-case", 'MATCH("B",{"a","b","c"},0)', 2, "Excel docs: MATCH", "case-insensitive")
r("match-wildcard", 'MATCH("b*",{"apple","banana","cherry"},0)', 2, "Excel docs: MATCH",
  "match_type 0 supports * and ? wildcards", lo_differs=True)
r("xlookup-basic", 'XLOOKUP(2,{1,2,3},{"a","b","c"})', '"b"', "Excel docs: XLOOKUP", no_lo=True)
r("xlookup-not-found", 'XLOOKUP(9,{1,2,3},{"a","b","c"})', "#N/A", "Excel docs: XLOOKUP", no_lo=True)
r("xlookup-if-not-found", 'XLOOKUP(9,{1,2,3},{"a","b","c"},"none")', '"none"', "Excel docs: XLOOKUP",
  no_lo=True)
r("xlookup-next-smaller", "XLOOKUP(2.5,{1,2,3},{10,20,30},,-1)", 20, "Excel docs: XLOOKUP",
  "match_mode -1: exact or next smaller", no_lo=True)
r("xlookup-next-larger", "XLOOKUP(2.5,{1,2,3},{10,20,30},,1)", 30, "Excel docs: XLOOKUP",
  "match_mode 1: exact or next larger", no_lo=True)
r("xlookup-last-to-first", "XLOOKUP(2,{1,2,2,3},{10,20,30,40},,0,-1)", 30, "Excel docs: XLOOKUP",
  "search_mode -1: last to first", no_lo=True)
r("xlookup-text-case", 'XLOOKUP("B",{"a","b"},{1,2})', 2, "Excel docs: XLOOKUP", "case-insensitive",
  no_lo=True)
r("xlookup-column", "XLOOKUP(20,{10;20;30},{1;2;3})", 2, "Excel docs: XLOOKUP", "column arrays", no_lo=True)

# --- financial, written naturally -------------------------------------------------------------------
FIN = "Excel docs example; full precision LibreOffice 7.4.7 and excel_ref.py (see finance_vectors.tsv)"
r("fin-pmt-percent", "PMT(8%/12,10,10000)", X.pmt(0.08 / 12, 10, 10000), "Excel docs: PMT example (-$1,037.03); full precision excel_ref.py",
  "percent and division inside arguments", tol=1e-9)
r("fin-pmt-type1", "PMT(8%/12,10,10000,,1)", X.pmt(0.08 / 12, 10, 10000, 0, 1),
  "Excel docs: PMT example (-$1,030.16); full precision excel_ref.py", "omitted fv", tol=1e-9)
r("fin-fv-expr", "FV(6%/12,10,-200,-500,1)", X.fv(0.06 / 12, 10, -200, -500, 1),
  "Excel docs: FV example ($2,581.40); full precision excel_ref.py", tol=1e-9)
r("fin-pv-expr", "PV(8%/12,12*20,500,,0)", X.pv(0.08 / 12, 240, 500),
  "Excel docs: PV example (-$59,777.15); full precision excel_ref.py", tol=1e-9)
r("fin-npv-plus-investment", "NPV(8%,8000,9200,10000,12000,14500)+-40000",
  X.npv(0.08, [8000, 9200, 10000, 12000, 14500]) - 40000,
  "Excel docs: NPV example ($1,922.06); full precision excel_ref.py", tol=1e-9)
r("fin-irr-array", "IRR({-70000,12000,15000,18000,21000,26000})", X.irr([-70000, 12000, 15000, 18000, 21000, 26000]),
  "Excel docs: IRR example (8.7%); root polished by bisection (excel_ref.py)", tol=1e-7)
r("fin-xirr-serials", "XIRR({-10000,2750,4250,3250,2750},{39448,39508,39751,39859,39904})",
  X.xirr([-10000, 2750, 4250, 3250, 2750], [39448, 39508, 39751, 39859, 39904]),
  "Excel docs: XIRR example (0.373362535); root polished by bisection (excel_ref.py)",
  "dates as serial numbers: DATE() is not allowed inside an Excel array literal", tol=1e-7)
r("fin-xnpv-serials", "XNPV(9%,{-10000,2750,4250,3250,2750},{39448,39508,39751,39859,39904})",
  X.xnpv(0.09, [-10000, 2750, 4250, 3250, 2750], [39448, 39508, 39751, 39859, 39904]),
  "Excel docs: XNPV example ($2,086.65); full precision excel_ref.py", tol=1e-9)
r("fin-rate-annualized", "RATE(4*12,-200,8000)*12", X.rate(48, -200, 8000) * 12,
  "Excel docs: RATE example (9.24% annual); root polished by bisection (excel_ref.py)", tol=1e-7)
r("fin-effect-percent", "EFFECT(5.25%,4)", X.effect(0.0525, 4),
  "Excel docs: EFFECT example (0.0535427); full precision excel_ref.py", tol=1e-9)
r("fin-round-pmt", "ROUND(PMT(0.5%,360,200000),2)", -1199.10, HAND + " (ROUND of PMT)",
  "PMT = -1199.1010503...", tol=1e-12)
r("fin-pmt-times-nper", "PMT(5%/12,60,30000)*60", X.pmt(0.05 / 12, 60, 30000) * 60,
  "hand: total of payments, excel_ref.py", tol=1e-9)
r("fin-ipmt-sum-check", "CUMIPMT(9%/12,360,125000,13,24,0)", X.cumipmt(0.09 / 12, 360, 125000, 13, 24, 0),
  "Excel docs: CUMIPMT example (-11135.23); full precision excel_ref.py", tol=1e-9)

# --- functions the registry has that rows above do not call ----------------------
# (crates/core/tests/reference_vectors.rs derives its coverage list from the
# function registry, so every function needs a row or a stated exemption)
r("bool-true-fn", "TRUE()", "TRUE", "Excel docs: TRUE function", "the function form of the constant", no_lo=True)
r("bool-false-fn", "FALSE()", "FALSE", "Excel docs: FALSE function", "the function form of the constant", no_lo=True)
r("slice-take-rows", "TAKE({1,2,3;4,5,6},1)", "{1,2,3}", "Excel docs: TAKE function",
  "first row; LibreOffice 7.4 has no TAKE", no_lo=True)
r("slice-take-last", "TAKE({1,2,3;4,5,6},-1,2)", "{4,5}", "Excel docs: TAKE function",
  "the last row, its first two columns: negative counts take from the end; LibreOffice 7.4 has no TAKE", no_lo=True)
r("slice-drop-rows", "DROP({1,2,3;4,5,6},1)", "{4,5,6}", "Excel docs: DROP function",
  "all but the first row; LibreOffice 7.4 has no DROP", no_lo=True)
r("slice-drop-both", "DROP({1,2,3;4,5,6},-1,-2)", "{1}", "Excel docs: DROP function",
  "negative counts drop from the end; LibreOffice 7.4 has no DROP", no_lo=True)

FORMULA_ROWS = R
