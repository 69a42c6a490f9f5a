//! How each formula function reaches Excel: its name in the file (with the
//! `_xlfn.` prefix Excel requires for functions newer than Excel 2007), a
//! rewrite for Yardstick's own functions, or an explicit refusal. A unit
//! test checks that every function of the registry has a row here, so a
//! new function can never be exported by guess.
//!
//! "Exportable" means Excel and LibreOffice 7.4 (the oldest Calc the
//! export is tested with) both evaluate the translation as Yardstick does.

/// How one function translates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Translation {
    /// The same function under this name in the file (`_xlfn.STDEV.S`).
    Direct(&'static str),
    /// Rewritten by the translator (Yardstick's own functions, PREV,
    /// TAKE/DROP as narrowed ranges, INDEX on a row, and LET, SEQUENCE and
    /// XLOOKUP, which LibreOffice 7.4 lacks).
    Rewrite,
    /// Refused, with the reason shown to the model's author.
    NotExportable(&'static str),
}

/// Where a function's arguments must be cell ranges rather than computed
/// arrays (Excel's criteria functions only take references).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeArguments {
    /// Any argument may be an array.
    None,
    /// Argument 0 and every argument at an even position after it (COUNTIFS).
    EvenPositions,
    /// Arguments 0 and 2 (SUMIF, AVERAGEIF).
    FirstAndThird,
    /// Argument 0 and every odd position (SUMIFS, MAXIFS, MINIFS).
    FirstAndOddPositions,
    /// Argument 0 only (COUNTIF).
    First,
}

/// `(Yardstick name, translation, range arguments)`, in no order.
pub const TABLE: &[(&str, Translation, RangeArguments)] = &[
    // financial
    ("NPV", Translation::Direct("NPV"), RangeArguments::None),
    ("XNPV", Translation::Direct("XNPV"), RangeArguments::None),
    ("IRR", Translation::Direct("IRR"), RangeArguments::None),
    ("XIRR", Translation::Direct("XIRR"), RangeArguments::None),
    ("MIRR", Translation::Direct("MIRR"), RangeArguments::None),
    ("PV", Translation::Direct("PV"), RangeArguments::None),
    ("FV", Translation::Direct("FV"), RangeArguments::None),
    ("PMT", Translation::Direct("PMT"), RangeArguments::None),
    ("NPER", Translation::Direct("NPER"), RangeArguments::None),
    ("RATE", Translation::Direct("RATE"), RangeArguments::None),
    ("IPMT", Translation::Direct("IPMT"), RangeArguments::None),
    ("PPMT", Translation::Direct("PPMT"), RangeArguments::None),
    ("CUMIPMT", Translation::Direct("CUMIPMT"), RangeArguments::None),
    ("CUMPRINC", Translation::Direct("CUMPRINC"), RangeArguments::None),
    ("EFFECT", Translation::Direct("EFFECT"), RangeArguments::None),
    ("NOMINAL", Translation::Direct("NOMINAL"), RangeArguments::None),
    ("RRI", Translation::Direct("_xlfn.RRI"), RangeArguments::None),
    ("PDURATION", Translation::Direct("_xlfn.PDURATION"), RangeArguments::None),
    ("SLN", Translation::Direct("SLN"), RangeArguments::None),
    ("SYD", Translation::Direct("SYD"), RangeArguments::None),
    ("DB", Translation::Direct("DB"), RangeArguments::None),
    ("DDB", Translation::Direct("DDB"), RangeArguments::None),
    ("VDB", Translation::Direct("VDB"), RangeArguments::None),
    // Yardstick's business-case functions: rewritten as plain formulas.
    ("ROI", Translation::Rewrite, RangeArguments::None),
    ("PAYBACK", Translation::Rewrite, RangeArguments::None),
    ("DPAYBACK", Translation::Rewrite, RangeArguments::None),
    ("BREAKEVEN", Translation::Rewrite, RangeArguments::None),
    (
        "IRRROOTS",
        Translation::NotExportable(
            "lists every root at once, which no Excel function does; export IRR with a guess instead",
        ),
        RangeArguments::None,
    ),
    // math
    ("SUM", Translation::Direct("SUM"), RangeArguments::None),
    ("PRODUCT", Translation::Direct("PRODUCT"), RangeArguments::None),
    ("MIN", Translation::Direct("MIN"), RangeArguments::None),
    ("MAX", Translation::Direct("MAX"), RangeArguments::None),
    ("AVERAGE", Translation::Direct("AVERAGE"), RangeArguments::None),
    ("COUNT", Translation::Direct("COUNT"), RangeArguments::None),
    ("ROUND", Translation::Direct("ROUND"), RangeArguments::None),
    ("ROUNDUP", Translation::Direct("ROUNDUP"), RangeArguments::None),
    ("ROUNDDOWN", Translation::Direct("ROUNDDOWN"), RangeArguments::None),
    ("ABS", Translation::Direct("ABS"), RangeArguments::None),
    ("SQRT", Translation::Direct("SQRT"), RangeArguments::None),
    ("EXP", Translation::Direct("EXP"), RangeArguments::None),
    ("LN", Translation::Direct("LN"), RangeArguments::None),
    ("LOG10", Translation::Direct("LOG10"), RangeArguments::None),
    ("LOG", Translation::Direct("LOG"), RangeArguments::None),
    ("POWER", Translation::Direct("POWER"), RangeArguments::None),
    ("MOD", Translation::Direct("MOD"), RangeArguments::None),
    ("INT", Translation::Direct("INT"), RangeArguments::None),
    ("TRUNC", Translation::Direct("TRUNC"), RangeArguments::None),
    ("SIGN", Translation::Direct("SIGN"), RangeArguments::None),
    ("MROUND", Translation::Direct("MROUND"), RangeArguments::None),
    ("CEILING.MATH", Translation::Direct("_xlfn.CEILING.MATH"), RangeArguments::None),
    ("FLOOR.MATH", Translation::Direct("_xlfn.FLOOR.MATH"), RangeArguments::None),
    ("SUMPRODUCT", Translation::Direct("SUMPRODUCT"), RangeArguments::None),
    ("MEDIAN", Translation::Direct("MEDIAN"), RangeArguments::None),
    ("STDEV.S", Translation::Direct("_xlfn.STDEV.S"), RangeArguments::None),
    ("STDEV.P", Translation::Direct("_xlfn.STDEV.P"), RangeArguments::None),
    ("PERCENTILE.INC", Translation::Direct("_xlfn.PERCENTILE.INC"), RangeArguments::None),
    ("QUARTILE.INC", Translation::Direct("_xlfn.QUARTILE.INC"), RangeArguments::None),
    ("LARGE", Translation::Direct("LARGE"), RangeArguments::None),
    ("SMALL", Translation::Direct("SMALL"), RangeArguments::None),
    ("CORREL", Translation::Direct("CORREL"), RangeArguments::None),
    ("SUMIF", Translation::Direct("SUMIF"), RangeArguments::FirstAndThird),
    ("SUMIFS", Translation::Direct("SUMIFS"), RangeArguments::FirstAndOddPositions),
    ("COUNTIF", Translation::Direct("COUNTIF"), RangeArguments::First),
    ("COUNTIFS", Translation::Direct("COUNTIFS"), RangeArguments::EvenPositions),
    ("AVERAGEIF", Translation::Direct("AVERAGEIF"), RangeArguments::FirstAndThird),
    ("MAXIFS", Translation::Direct("_xlfn.MAXIFS"), RangeArguments::FirstAndOddPositions),
    ("MINIFS", Translation::Direct("_xlfn.MINIFS"), RangeArguments::FirstAndOddPositions),
    // LibreOffice 7.4 has no SEQUENCE, LET or XLOOKUP: a constant SEQUENCE
    // becomes an array constant, LET is substituted, XLOOKUP becomes
    // INDEX and MATCH (lookup_sequence.rs, let_binding.rs).
    ("SEQUENCE", Translation::Rewrite, RangeArguments::None),
    // logical
    ("IF", Translation::Direct("IF"), RangeArguments::None),
    ("IFS", Translation::Direct("_xlfn.IFS"), RangeArguments::None),
    ("AND", Translation::Direct("AND"), RangeArguments::None),
    ("OR", Translation::Direct("OR"), RangeArguments::None),
    ("NOT", Translation::Direct("NOT"), RangeArguments::None),
    ("IFERROR", Translation::Direct("IFERROR"), RangeArguments::None),
    ("SWITCH", Translation::Direct("_xlfn.SWITCH"), RangeArguments::None),
    ("TRUE", Translation::Direct("TRUE"), RangeArguments::None),
    ("FALSE", Translation::Direct("FALSE"), RangeArguments::None),
    ("LET", Translation::Rewrite, RangeArguments::None),
    // date
    ("DATE", Translation::Direct("DATE"), RangeArguments::None),
    ("YEAR", Translation::Direct("YEAR"), RangeArguments::None),
    ("MONTH", Translation::Direct("MONTH"), RangeArguments::None),
    ("DAY", Translation::Direct("DAY"), RangeArguments::None),
    ("EDATE", Translation::Direct("EDATE"), RangeArguments::None),
    ("EOMONTH", Translation::Direct("EOMONTH"), RangeArguments::None),
    ("DAYS", Translation::Direct("_xlfn.DAYS"), RangeArguments::None),
    ("YEARFRAC", Translation::Direct("YEARFRAC"), RangeArguments::None),
    ("NETWORKDAYS", Translation::Direct("NETWORKDAYS"), RangeArguments::None),
    ("WORKDAY", Translation::Direct("WORKDAY"), RangeArguments::None),
    ("DATEDIF", Translation::Direct("DATEDIF"), RangeArguments::None),
    // text
    ("TEXT", Translation::Direct("TEXT"), RangeArguments::None),
    ("CONCAT", Translation::Direct("_xlfn.CONCAT"), RangeArguments::None),
    ("TEXTJOIN", Translation::Direct("_xlfn.TEXTJOIN"), RangeArguments::None),
    ("LEFT", Translation::Direct("LEFT"), RangeArguments::None),
    ("RIGHT", Translation::Direct("RIGHT"), RangeArguments::None),
    ("MID", Translation::Direct("MID"), RangeArguments::None),
    ("LEN", Translation::Direct("LEN"), RangeArguments::None),
    ("UPPER", Translation::Direct("UPPER"), RangeArguments::None),
    ("LOWER", Translation::Direct("LOWER"), RangeArguments::None),
    ("TRIM", Translation::Direct("TRIM"), RangeArguments::None),
    ("VALUE", Translation::Direct("VALUE"), RangeArguments::None),
    // lookup
    ("CHOOSE", Translation::Direct("CHOOSE"), RangeArguments::None),
    ("INDEX", Translation::Rewrite, RangeArguments::None),
    ("MATCH", Translation::Direct("MATCH"), RangeArguments::None),
    ("XLOOKUP", Translation::Rewrite, RangeArguments::None),
    ("TAKE", Translation::Rewrite, RangeArguments::None),
    ("DROP", Translation::Rewrite, RangeArguments::None),
    // model
    ("PREV", Translation::Rewrite, RangeArguments::None),
];

/// The row of the function named `name` (upper case).
pub fn find(name: &str) -> Option<(Translation, RangeArguments)> {
    TABLE
        .iter()
        .find(|(function, _, _)| *function == name)
        .map(|(_, translation, ranges)| (*translation, *ranges))
}

/// Whether `name` (any case) names a function here or in the registry,
/// so it must not become a defined name (LibreOffice reads a bare function
/// name as the function).
pub fn is_excel_function_name(name: &str) -> bool {
    TABLE
        .iter()
        .any(|(function, _, _)| function.eq_ignore_ascii_case(name))
        || crate::formula::functions::find(name).is_some()
}

impl RangeArguments {
    /// Whether argument `index` (0-based) must be a cell range.
    pub fn requires_range(self, index: usize) -> bool {
        match self {
            RangeArguments::None => false,
            RangeArguments::First => index == 0,
            RangeArguments::FirstAndThird => index == 0 || index == 2,
            RangeArguments::EvenPositions => index % 2 == 0,
            RangeArguments::FirstAndOddPositions => index == 0 || index % 2 == 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_registry_function_has_a_row() {
        for spec in crate::formula::functions::all() {
            assert!(
                find(spec.name).is_some(),
                "{} has no export translation: add a row to export::functions::TABLE",
                spec.name
            );
        }
    }

    #[test]
    fn rows_are_unique_and_newer_functions_carry_the_prefix() {
        let mut seen = std::collections::HashSet::new();
        for (name, translation, _) in TABLE {
            assert!(seen.insert(*name), "duplicate row {name}");
            if let Translation::Direct(excel) = translation {
                assert!(excel.ends_with(name), "{name} -> {excel}");
            }
        }
        for newer in [
            "STDEV.S",
            "CEILING.MATH",
            "CONCAT",
            "TEXTJOIN",
            "MAXIFS",
            "MINIFS",
            "IFS",
            "SWITCH",
            "DAYS",
            "RRI",
            "PDURATION",
        ] {
            assert_eq!(
                find(newer).map(|(t, _)| t),
                Some(Translation::Direct(Box::leak(
                    format!("_xlfn.{newer}").into_boxed_str()
                ))),
                "{newer}"
            );
        }
    }
}
