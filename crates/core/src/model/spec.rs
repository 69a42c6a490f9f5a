//! The typed calculator model, as `read` builds it from a validated
//! document: metadata, horizon, inputs, calculations, outputs, scenarios and
//! charts (see docs/model-format.md).
//!
//! Plain data only; nothing here parses, validates or evaluates.

/// The format this engine reads.
pub const SCHEMA: &str = "yardstick/model@1";

/// A validated model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelSpec {
    /// The model's id, unique among the models a site serves (`saas-roi`).
    pub id: String,
    /// The model's version, as its author numbers it (`1.2.0`); events and
    /// receipts name it.
    pub version: String,
    /// The title shown above the calculator.
    pub title: String,
    /// A longer description, if the document gives one.
    pub description: Option<String>,
    /// The ISO 4217 code of currency inputs and outputs (`USD` by default).
    pub currency: String,
    /// The BCP 47 tag the widget formats numbers for (`en-US` by default).
    pub locale: String,
    /// How many periods the series run over, and how long one period is.
    pub horizon: Horizon,
    /// The inputs, in document order: the order of the widget's fields.
    pub inputs: Vec<InputSpec>,
    /// The named intermediate values, in document order.
    pub calculations: Vec<CalculationSpec>,
    /// The results the widget shows, in document order.
    pub outputs: Vec<OutputSpec>,
    /// Named sets of input overrides, compared side by side.
    pub scenarios: Vec<ScenarioSpec>,
    /// The charts the widget draws, in document order.
    pub charts: Vec<ChartSpec>,
    /// The output that is a lead's value (`leadValue`): its index in
    /// `outputs`; `None` when the model names none.
    pub lead_value: Option<usize>,
    /// The groups a form shows inputs in (`sections`), in document order.
    /// Read by the full build only: the widget accepts the field and
    /// leaves it empty (its bytes are budgeted, and it shows one list).
    pub sections: Vec<SectionSpec>,
    /// Which series are the net cash flow, its running total, benefits and
    /// costs (`cashFlow`); `None` when the model does not say.
    pub cash_flow: Option<CashFlowSpec>,
}

/// The model's `cashFlow`: per-period calculations by their index in
/// `calculations`. The workbench charts the cumulative cash flow with its
/// payback point (break-even over `net`) and benefits against costs from
/// these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CashFlowSpec {
    /// The net cash flow per period (period 0 the investment).
    pub net: usize,
    /// The running total of `net`, if the model computes it.
    pub cumulative: Option<usize>,
    /// The benefits per period, if the model computes them apart.
    pub benefits: Option<usize>,
    /// The costs per period, if the model computes them apart.
    pub costs: Option<usize>,
}

/// A group of inputs a form shows together (`costs`, `benefits`).
#[derive(Debug, Clone, PartialEq)]
pub struct SectionSpec {
    /// Its id, which inputs name in their `section`.
    pub id: String,
    /// The heading shown above its inputs.
    pub label: String,
    /// A sentence or two under the heading, if the document gives one.
    pub description: Option<String>,
}

/// Periods 0..=`periods`; period 0 is the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon {
    /// The last period's number N; series hold N + 1 values.
    pub periods: usize,
    /// How long one period is.
    pub unit: PeriodUnit,
}

impl Horizon {
    /// How many values a series holds: periods 0 to N.
    pub fn series_len(&self) -> usize {
        self.periods + 1
    }
}

/// How long one period of the horizon is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUnit {
    /// Twelve months.
    Year,
    /// Three months.
    Quarter,
    /// One month.
    Month,
}

impl PeriodUnit {
    /// The unit's name in the model format (`year`, `quarter`, `month`).
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodUnit::Year => "year",
            PeriodUnit::Quarter => "quarter",
            PeriodUnit::Month => "month",
        }
    }

    /// Months in one period, to turn periods into months.
    pub fn months(self) -> f64 {
        match self {
            PeriodUnit::Year => 12.0,
            PeriodUnit::Quarter => 3.0,
            PeriodUnit::Month => 1.0,
        }
    }
}

/// What an input holds, which decides its field and the values it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Any number.
    Number,
    /// A whole number; its slider steps by 1.
    Integer,
    /// A fraction shown as a percentage (0.25 shows as 25%).
    Percent,
    /// An amount in the model's currency.
    Currency,
    /// One of a list of options.
    Select,
    /// TRUE or FALSE.
    Toggle,
    /// A day: ISO text in the document, an Excel serial number in formulas.
    Date,
}

impl InputKind {
    /// The kind's name in the model format (`number`, `select`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Number => "number",
            InputKind::Integer => "integer",
            InputKind::Percent => "percent",
            InputKind::Currency => "currency",
            InputKind::Select => "select",
            InputKind::Toggle => "toggle",
            InputKind::Date => "date",
        }
    }

    /// Kinds whose value is a plain number a slider can move.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            InputKind::Number | InputKind::Integer | InputKind::Percent | InputKind::Currency
        )
    }
}

/// An input's value. Dates are Excel serial numbers.
#[derive(Debug, Clone, PartialEq)]
pub enum InputValue {
    /// A number: the value of number, integer, percent (a fraction),
    /// currency and date (an Excel serial day number) inputs, and of numeric
    /// select options.
    Number(f64),
    /// Text: the value of a select option given as a string.
    Text(String),
    /// The value of a toggle.
    Bool(bool),
}

/// One choice of a select input.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectOption {
    /// The value formulas see when this option is chosen.
    pub value: InputValue,
    /// The text the widget shows for it.
    pub label: String,
}

/// An input's uncertainty, as the document states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UncertaintySpec {
    /// Every value between `min` and `max` equally likely.
    Uniform {
        /// The lowest value.
        min: f64,
        /// The highest value.
        max: f64,
    },
    /// A triangle from `min` up to `mode` and down to `max`.
    Triangular {
        /// The lowest value.
        min: f64,
        /// The most likely value.
        mode: f64,
        /// The highest value.
        max: f64,
    },
    /// Beta-PERT (shape 4) over `min`, `mode`, `max`: smoother than the
    /// triangle.
    Pert {
        /// The lowest value.
        min: f64,
        /// The most likely value.
        mode: f64,
        /// The highest value.
        max: f64,
    },
    /// A normal distribution, truncated to `min` and `max` when given.
    Normal {
        /// The mean, in the input's own unit.
        mean: f64,
        /// The standard deviation (> 0), in the input's own unit.
        sd: f64,
        /// The lower truncation bound, if any.
        min: Option<f64>,
        /// The upper truncation bound, if any.
        max: Option<f64>,
    },
}

/// z of the normal distribution's 90th percentile: an unbounded normal's
/// sensitivity range is mean ± this many standard deviations (P10 to P90).
pub const NORMAL_P90_Z: f64 = 1.281_551_565_544_600_4;

impl UncertaintySpec {
    /// The low and high values sensitivity analysis uses.
    pub fn low_high(&self) -> (f64, f64) {
        match *self {
            UncertaintySpec::Uniform { min, max }
            | UncertaintySpec::Triangular { min, max, .. }
            | UncertaintySpec::Pert { min, max, .. } => (min, max),
            UncertaintySpec::Normal { mean, sd, min, max } => {
                let low = mean - NORMAL_P90_Z * sd;
                let high = mean + NORMAL_P90_Z * sd;
                (
                    min.map_or(low, |m| low.max(m)),
                    max.map_or(high, |m| high.min(m)),
                )
            }
        }
    }
}

/// One input of the model: a field of the widget and a name in formulas.
#[derive(Debug, Clone, PartialEq)]
pub struct InputSpec {
    /// The id formulas use to name it (compared case-insensitively).
    pub id: String,
    /// The field's label.
    pub label: String,
    /// What it holds.
    pub kind: InputKind,
    /// Its value until the user changes it.
    pub default: InputValue,
    /// The inclusive lower bound of a number kind (a serial day for dates).
    pub min: Option<f64>,
    /// The inclusive upper bound of a number kind (a serial day for dates).
    pub max: Option<f64>,
    /// The slider step (> 0); it guides sliders and does not restrict values.
    pub step: Option<f64>,
    /// The unit shown beside the field (`hours`, `users`).
    pub unit: Option<String>,
    /// Help text for the field.
    pub help: Option<String>,
    /// The choices of a select input (empty for other kinds).
    pub options: Vec<SelectOption>,
    /// Its distribution for sensitivity and Monte Carlo, if the document
    /// gives one (number kinds only).
    pub uncertainty: Option<UncertaintySpec>,
    /// How its slider moves: by equal steps, or by equal ratios.
    pub scale: Scale,
    /// The toggle this input applies under (`appliesWhen`), if any.
    pub applies_when: Option<AppliesWhen>,
    /// The id of the section it is shown in (`section`), checked against
    /// the model's `sections` (full build only; `None` in the widget).
    pub section: Option<String>,
}

/// How a slider maps its position to a value (`scale` in the format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scale {
    /// Equal distances are equal differences (the default).
    #[default]
    Linear,
    /// Equal distances are equal ratios: 1, 10, 100 and 1,000 equally
    /// spaced. Only for number, integer and currency inputs with
    /// `min > 0` and a `max`.
    Log,
}

impl Scale {
    /// The scale's name in the model format (`linear`, `log`).
    pub fn as_str(self) -> &'static str {
        match self {
            Scale::Linear => "linear",
            Scale::Log => "log",
        }
    }
}

/// An input applies only while the toggle it names is on
/// (`"appliesWhen": "<toggle id>"`). While the toggle is off the input is
/// not applicable: a form disables it, and formulas still read its value
/// as it stands, so a model gates what it counts on the toggle itself
/// (docs/model-format.md, "Inputs that apply only when another is on").
#[derive(Debug, Clone, PartialEq)]
pub struct AppliesWhen {
    /// The toggle's id, as the document writes it.
    pub input_id: String,
    /// The toggle's position in the model's inputs, resolved when the
    /// model is read (0 until then, and in a model with diagnostics).
    pub input_index: usize,
}

impl InputSpec {
    /// The step a control moves this input by: the model's `step`, else 1
    /// for a whole-number input (it takes no fractions), else none.
    pub fn step_or_default(&self) -> Option<f64> {
        match (self.step, self.kind) {
            (Some(step), _) => Some(step),
            (None, InputKind::Integer) => Some(1.0),
            (None, _) => None,
        }
    }
}

/// A named intermediate value: a scalar, or a series when `per_period`.
#[derive(Debug, Clone, PartialEq)]
pub struct CalculationSpec {
    /// The id formulas use to name it.
    pub id: String,
    /// Its formula, as written in the document.
    pub formula: String,
    /// True for a series: one value per period, 0 to N.
    pub per_period: bool,
    /// A label for charts and tables, if given.
    pub label: Option<String>,
    /// A unit for charts and tables, if given.
    pub unit: Option<String>,
    /// How its values are shown in charts and tables: the document's
    /// `format`, read by the same rule as an output's, so a calculation
    /// without one is a plain number as an output without one is.
    pub format: OutputFormat,
    /// Whether a period table may add its values up (`total`), when the
    /// document says so; `None` lets `period_table` decide (full build
    /// only; the widget leaves it `None`).
    pub total: Option<bool>,
}

/// How a number is shown: an output's, or a calculation's in charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatStyle {
    /// An amount in the model's currency.
    Currency,
    /// A fraction shown as a percentage.
    Percent,
    /// A plain number.
    Number,
    /// A duration in months.
    Months,
}

impl FormatStyle {
    /// The style's name in the model format (`currency`, `months`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            FormatStyle::Currency => "currency",
            FormatStyle::Percent => "percent",
            FormatStyle::Number => "number",
            FormatStyle::Months => "months",
        }
    }

    /// The decimals shown when the document gives none: 0 for currency, 1
    /// for percent and months, 2 for numbers.
    pub fn default_decimals(self) -> u8 {
        match self {
            FormatStyle::Currency => 0,
            FormatStyle::Percent | FormatStyle::Months => 1,
            FormatStyle::Number => 2,
        }
    }
}

/// The display format of an output or a calculation (a series in a chart):
/// one vocabulary and one default for both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputFormat {
    /// How the number is shown.
    pub style: FormatStyle,
    /// How many decimals are shown.
    pub decimals: u8,
}

impl Default for OutputFormat {
    /// What a document without `format` gets: a plain number with
    /// [`FormatStyle::Number`]'s default decimals. Money and shares are
    /// declared (`"format": { "style": "currency" }`), never guessed from
    /// the inputs, so a chart of a count or a ratio never shows a currency.
    fn default() -> Self {
        OutputFormat {
            style: FormatStyle::Number,
            decimals: FormatStyle::Number.default_decimals(),
        }
    }
}

/// A result the widget shows: one value, never a series.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputSpec {
    /// Its id, for receipts, goal seek and charts.
    pub id: String,
    /// The label shown beside the value.
    pub label: String,
    /// Its formula, as written in the document.
    pub formula: String,
    /// How its value is shown.
    pub format: OutputFormat,
}

/// A named set of input overrides; the other inputs keep their defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSpec {
    /// Its id (`conservative`, `expected`, `optimistic`).
    pub id: String,
    /// The label shown above its column.
    pub label: String,
    /// Input id and overriding value, in document order.
    pub inputs: Vec<(String, InputValue)>,
}

/// The kind of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartType {
    /// Bars of series over the horizon.
    Bar,
    /// Lines of series over the horizon.
    Line,
    /// The sensitivity of one output to each input.
    Tornado,
}

impl ChartType {
    /// The type's name in the model format (`bar`, `line`, `tornado`).
    pub fn as_str(self) -> &'static str {
        match self {
            ChartType::Bar => "bar",
            ChartType::Line => "line",
            ChartType::Tornado => "tornado",
        }
    }
}

/// A chart the widget draws.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    /// Its id.
    pub id: String,
    /// The title shown above it.
    pub title: String,
    /// What it plots.
    pub chart_type: ChartType,
    /// The ids of the series (per-period calculations) a bar or line chart
    /// plots.
    pub series: Vec<String>,
    /// The id of the output a tornado chart analyses.
    pub output: Option<String>,
}
