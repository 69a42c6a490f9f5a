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
    pub id: String,
    pub version: String,
    pub title: String,
    pub description: Option<String>,
    pub currency: String,
    pub locale: String,
    pub horizon: Horizon,
    pub inputs: Vec<InputSpec>,
    pub calculations: Vec<CalculationSpec>,
    pub outputs: Vec<OutputSpec>,
    pub scenarios: Vec<ScenarioSpec>,
    pub charts: Vec<ChartSpec>,
}

/// Periods 0..=`periods`; period 0 is the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon {
    pub periods: usize,
    pub unit: PeriodUnit,
}

impl Horizon {
    /// How many values a series holds: periods 0 to N.
    pub fn series_len(&self) -> usize {
        self.periods + 1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodUnit {
    Year,
    Quarter,
    Month,
}

impl PeriodUnit {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Number,
    Integer,
    Percent,
    Currency,
    Select,
    Toggle,
    Date,
}

impl InputKind {
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
    Number(f64),
    Text(String),
    Bool(bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct SelectOption {
    pub value: InputValue,
    pub label: String,
}

/// An input's uncertainty, as the document states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum UncertaintySpec {
    Uniform {
        min: f64,
        max: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    Pert {
        min: f64,
        mode: f64,
        max: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
        min: Option<f64>,
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

#[derive(Debug, Clone, PartialEq)]
pub struct InputSpec {
    pub id: String,
    pub label: String,
    pub kind: InputKind,
    pub default: InputValue,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub step: Option<f64>,
    pub unit: Option<String>,
    pub help: Option<String>,
    pub options: Vec<SelectOption>,
    pub uncertainty: Option<UncertaintySpec>,
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

#[derive(Debug, Clone, PartialEq)]
pub struct CalculationSpec {
    pub id: String,
    pub formula: String,
    pub per_period: bool,
    pub label: Option<String>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatStyle {
    Currency,
    Percent,
    Number,
    Months,
}

impl FormatStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            FormatStyle::Currency => "currency",
            FormatStyle::Percent => "percent",
            FormatStyle::Number => "number",
            FormatStyle::Months => "months",
        }
    }

    pub fn default_decimals(self) -> u8 {
        match self {
            FormatStyle::Currency => 0,
            FormatStyle::Percent | FormatStyle::Months => 1,
            FormatStyle::Number => 2,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputFormat {
    pub style: FormatStyle,
    pub decimals: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutputSpec {
    pub id: String,
    pub label: String,
    pub formula: String,
    pub format: OutputFormat,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSpec {
    pub id: String,
    pub label: String,
    /// Input id and overriding value, in document order.
    pub inputs: Vec<(String, InputValue)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartType {
    Bar,
    Line,
    Tornado,
}

impl ChartType {
    pub fn as_str(self) -> &'static str {
        match self {
            ChartType::Bar => "bar",
            ChartType::Line => "line",
            ChartType::Tornado => "tornado",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    pub id: String,
    pub title: String,
    pub chart_type: ChartType,
    pub series: Vec<String>,
    pub output: Option<String>,
}
