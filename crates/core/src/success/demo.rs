//! A seeded demo portfolio in the success data format (`yardstick/success@1`,
//! docs/success.md): several hundred accounts over two years of monthly
//! signals, with events, outcomes and renewals, where **churn is driven by
//! a few planted signals** and the other measures are noise. The proof of
//! a health score (which measures predict churn, suggested weights) must
//! find the planted ones: a test holds it to that.
//!
//! How the data is made, per account:
//!
//! - a name of its own ([`account_name`], from its number, not drawn), so
//!   no two accounts of a portfolio read the same;
//! - a latent health `h` starts at a normal draw (better in bigger
//!   segments) and moves by a small random step each month;
//! - planted signals follow `h`: licence utilisation and the weekly active
//!   share rise with it, open support tickets fall with it (each plus
//!   noise); noise signals (webinar attendance, feature requests, survey
//!   responses) never read it;
//! - a renewal on each contract anniversary churns with probability
//!   `logistic(-2.0 - 1.7·h)` where `h` is the latent health 90 days before
//!   (about one renewal in five churns); a churned account sends nothing after;
//! - events: the admin set-up early on, the champion leaving now and then
//!   (which lowers `h` from then on, so it is planted too);
//! - first value comes sooner for healthy accounts, never for some;
//! - enterprise and mid-market accounts have an outcome (a KPI with
//!   baseline, target and monthly actuals moving toward the target at a
//!   pace set by `h`), a fifth of them renegotiated once;
//! - checklist states and play completions for a share of the accounts,
//!   from a second stream that leaves the rest as it is
//!   (the private `demo_execute` module).
//!
//! Deterministic: the same seed gives the same document on every platform
//! (the core's PCG32 stream, `uncertainty::TrialRng`). No I/O, no clock:
//! the window's first month is an argument. It builds a JSON tree
//! ([`Node`]); `cargo run -p yardstick-core --example success_demo` prints it.

use super::demo_execute::{AccountStory, ExecuteRows};
use super::demo_nodes::{date, logistic, number, row, text};
use crate::formula::functions::date_serial::{serial_from_ymd, ymd_from_serial};
use crate::json::Node;
use crate::uncertainty::normal::standard_normal_quantile;
use crate::uncertainty::TrialRng;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DemoOptions {
    /// The random stream's seed.
    pub seed: u64,
    /// How many accounts (at most [`MAX_DEMO_ACCOUNTS`]).
    pub accounts: usize,
    /// The first month of the window: `(year, month)`.
    pub first_month: (i64, u32),
    /// How many months of signals (at most 120).
    pub months: u32,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            seed: 2026,
            accounts: 400,
            first_month: (2024, 12),
            months: 24,
        }
    }
}

/// Mixed into the seed for the Execute-phase rows' stream.
const EXECUTE_STREAM: u64 = 0x5EED_C4EC_1157;

/// The most accounts a demo may have.
pub const MAX_DEMO_ACCOUNTS: usize = 20_000;

/// The metrics that drive churn in the demo (the proof must rank them first).
pub const PLANTED_METRICS: [&str; 3] =
    ["licence_utilisation", "weekly_active_share", "open_tickets"];

/// The metrics that have nothing to do with churn.
pub const NOISE_METRICS: [&str; 3] = ["webinar_attendance", "feature_requests", "survey_responses"];

const SEGMENTS: [(&str, f64, f64, f64); 3] = [
    // (segment, annual value low, high, latent health offset)
    ("smb", 6_000.0, 30_000.0, -0.2),
    ("mid_market", 30_000.0, 120_000.0, 0.0),
    ("enterprise", 120_000.0, 600_000.0, 0.25),
];

const OWNERS: [&str; 6] = ["dana", "emeka", "farah", "goran", "hana", "ivo"];

const NAME_STARTS: [&str; 16] = [
    "North", "Blue", "Iron", "Silver", "Bright", "Cedar", "Harbor", "Summit", "Prairie", "Granite",
    "Lumen", "Atlas", "Copper", "Maple", "Orbit", "Vista",
];
const NAME_ENDS: [&str; 12] = [
    "Logistics",
    "Foods",
    "Health",
    "Retail",
    "Labs",
    "Freight",
    "Energy",
    "Works",
    "Textiles",
    "Pharma",
    "Systems",
    "Markets",
];

/// Set after a name once every pairing of a start and an end is taken.
const NAME_SUFFIXES: [&str; 8] = [
    "Group",
    "Partners",
    "International",
    "Holdings",
    "Industries",
    "Solutions",
    "Services",
    "Trading",
];

/// The name of the account at `index` (0-based): a different name for every
/// index, so a team never meets two accounts it cannot tell apart. The
/// pairings of a start and an end come in a scattered order (a step coprime
/// with their count), so neighbouring ids do not share a word; past every
/// pairing a suffix follows, then a number.
pub fn account_name(index: usize) -> String {
    let pairings = NAME_STARTS.len() * NAME_ENDS.len();
    // 77 shares no factor with 192 = 16 × 12, so `index × 77 mod 192` visits
    // every pairing once per round.
    let pairing = (index % pairings) * 77 % pairings;
    let start = NAME_STARTS
        .get(pairing % NAME_STARTS.len())
        .copied()
        .unwrap_or("");
    let end = NAME_ENDS
        .get(pairing / NAME_STARTS.len())
        .copied()
        .unwrap_or("");
    let round = index / pairings;
    match round {
        0 => format!("{start} {end}"),
        _ => match NAME_SUFFIXES.get(round - 1) {
            Some(suffix) => format!("{start} {end} {suffix}"),
            None => format!("{start} {end} {}", round - NAME_SUFFIXES.len() + 1),
        },
    }
}

const KPIS: [(&str, &str, &str, f64, f64); 4] = [
    // (label, unit, direction, baseline, target)
    ("Order cycle time", "days", "decrease", 12.0, 8.0),
    ("On-time-in-full deliveries", "%", "increase", 82.0, 95.0),
    ("Time to fill a position", "days", "decrease", 48.0, 30.0),
    ("Cost per click", "EUR", "decrease", 1.9, 1.3),
];

/// The demo document. Options out of range are brought into range
/// (accounts 1 to [`MAX_DEMO_ACCOUNTS`], months 1 to 120).
pub fn demo_portfolio(options: DemoOptions) -> Node {
    let mut rng = TrialRng::from_seed(options.seed);
    let accounts_wanted = options.accounts.clamp(1, MAX_DEMO_ACCOUNTS);
    let months = options.months.clamp(1, 120);
    let (first_year, first_month) = options.first_month;
    let month_serial = |offset: i64| -> i64 {
        let index = first_year * 12 + i64::from(first_month) - 1 + offset;
        serial_from_ymd(index.div_euclid(12), index.rem_euclid(12) + 1, 1).unwrap_or(0)
    };
    let window_end = month_serial(i64::from(months));
    let mut out = Tables::default();
    // The Execute-phase rows draw from their own stream, so the planted
    // story's draws are the same with or without them.
    let mut execute_rng = TrialRng::from_seed(options.seed ^ EXECUTE_STREAM);
    for number in 1..=accounts_wanted {
        let mut account = Generator {
            rng: &mut rng,
            execute_rng: &mut execute_rng,
            out: &mut out,
            id: format!("acct-{number:04}"),
            name: account_name(number - 1),
        };
        // Contracts started up to eleven months before the window or
        // during its first year, on a day of the month from 1 to 28.
        let start_month = account.whole(-11, 12);
        let start = month_serial(start_month) + account.whole(0, 27);
        account.generate(start, &month_serial, months, window_end);
    }
    out.into_document()
}

#[derive(Default)]
struct Tables {
    accounts: Vec<Node>,
    signals: Vec<Node>,
    events: Vec<Node>,
    outcomes: Vec<Node>,
    renewals: Vec<Node>,
    execute: ExecuteRows,
}

impl Tables {
    fn into_document(self) -> Node {
        Node::Map(vec![
            ("schema".into(), Node::Text("yardstick/success@1".into())),
            ("accounts".into(), Node::List(self.accounts)),
            ("signals".into(), Node::List(self.signals)),
            ("events".into(), Node::List(self.events)),
            ("outcomes".into(), Node::List(self.outcomes)),
            ("renewals".into(), Node::List(self.renewals)),
            ("checklist".into(), Node::List(self.execute.checklist)),
            ("plays".into(), Node::List(self.execute.plays)),
        ])
    }
}

struct Generator<'a> {
    rng: &'a mut TrialRng,
    execute_rng: &'a mut TrialRng,
    out: &'a mut Tables,
    id: String,
    name: String,
}

impl Generator<'_> {
    fn unit(&mut self) -> f64 {
        self.rng.next_unit()
    }

    fn normal(&mut self) -> f64 {
        standard_normal_quantile(self.unit())
    }

    /// A whole number from `low` to `high`, both included.
    fn whole(&mut self, low: i64, high: i64) -> i64 {
        let span = (high - low + 1).max(1) as f64;
        low + ((self.unit() * span) as i64).min(high - low)
    }

    fn pick<'t>(&mut self, items: &[&'t str]) -> &'t str {
        let index = self.whole(0, items.len() as i64 - 1) as usize;
        items.get(index).copied().unwrap_or("")
    }

    fn generate(
        &mut self,
        start: i64,
        month_serial: &dyn Fn(i64) -> i64,
        months: u32,
        window_end: i64,
    ) {
        let segment_index = self.whole(0, 2) as usize;
        let (segment, low, high, offset) =
            SEGMENTS.get(segment_index).copied().unwrap_or(SEGMENTS[0]);
        let annual_value = low + (high - low) * self.unit();
        let owner = self.pick(&OWNERS);
        let seats = (annual_value / 600.0).round().max(5.0);
        // Latent health: where the account starts, then a monthly walk.
        let mut health = offset + 0.9 * self.normal();
        let champion_month = if self.unit() < 0.12 {
            Some(self.whole(2, i64::from(months) - 1))
        } else {
            None
        };

        let setup_day = start + self.whole(3, 40);
        self.event(setup_day, "admin_setup_done", "Admin set-up finished");
        // Healthy accounts reach first value sooner; some never do.
        let first_value = if health > -1.2 {
            Some(start + (75.0 - 35.0 * health).clamp(20.0, 160.0) as i64 + self.whole(0, 10))
        } else {
            None
        };

        let mut renewal = add_years(start, 1);
        let mut churned_on: Option<i64> = None;
        // Health 90 days before each renewal decides it; remember it per month.
        let mut health_by_month: Vec<(i64, f64)> = Vec::new();
        for offset_month in 0..i64::from(months) {
            let day = month_serial(offset_month);
            if Some(offset_month) == champion_month {
                self.event(
                    day + 9,
                    "champion_left",
                    "The executive sponsor left the company",
                );
                health -= 0.9;
            }
            health += 0.18 * self.normal();
            health_by_month.push((day, health));
            // Renewals that fall before this month's signal day.
            while renewal <= day && churned_on.is_none() {
                churned_on = self.renew(renewal, &health_by_month, annual_value);
                renewal = add_years(renewal, 1);
            }
            if churned_on.is_some() || day < start {
                continue;
            }
            let months_in = ((day - start) as f64 / 30.4).max(0.0);
            let ramp = (months_in / 4.0).min(1.0);
            let utilisation = (logistic(0.4 + 1.1 * health) * (0.35 + 0.65 * ramp)
                + 0.06 * self.normal())
            .clamp(0.0, 1.0);
            let active = (logistic(0.1 + 1.0 * health) + 0.07 * self.normal()).clamp(0.0, 1.0);
            let tickets = (seats.sqrt() * (0.9 - 0.45 * health) + 1.2 * self.normal())
                .max(0.0)
                .round();
            let webinars = (3.0 + 2.0 * self.normal()).max(0.0).round();
            let requests = (2.0 + 1.5 * self.normal()).max(0.0).round();
            let surveys = (0.5 + 0.3 * self.normal()).clamp(0.0, 1.0);
            for (metric, value) in [
                ("licence_utilisation", utilisation),
                ("weekly_active_share", active),
                ("open_tickets", tickets),
                ("webinar_attendance", webinars),
                ("feature_requests", requests),
                ("survey_responses", surveys),
            ] {
                self.signal(day, metric, value);
            }
        }
        // The renewals due inside the window after its last month.
        while renewal < window_end && churned_on.is_none() {
            churned_on = self.renew(renewal, &health_by_month, annual_value);
            renewal = add_years(renewal, 1);
        }
        if segment_index > 0 {
            self.outcome(start, &health_by_month, churned_on);
        }
        let story = AccountStory {
            id: &self.id,
            start,
            health_by_month: &health_by_month,
            champion_left: champion_month.map(|month| month_serial(month) + 9),
            churned_on,
            window_end,
        };
        self.out.execute.add(self.execute_rng, &story);
        let mut fields = vec![
            ("id", text(&self.id)),
            ("name", text(&self.name)),
            ("segment", text(segment)),
            ("owner", text(owner)),
            ("annualValue", number(annual_value.round())),
            ("currency", text("EUR")),
            ("contractStart", date(start)),
        ];
        if let Some(first_value) = first_value {
            fields.push(("firstValue", date(first_value)));
        }
        // A churned account's renewal is the one it did not renew.
        fields.push(("renewal", date(churned_on.unwrap_or(renewal))));
        self.out.accounts.push(row(fields));
    }

    /// The renewal due on `day`: churned with the planted probability,
    /// read from the health 90 days before. Returns the churn date.
    fn renew(
        &mut self,
        day: i64,
        health_by_month: &[(i64, f64)],
        annual_value: f64,
    ) -> Option<i64> {
        let before = day - 90;
        let health = health_by_month
            .iter()
            .rev()
            .find(|(month, _)| *month <= before)
            .or(health_by_month.first())
            .map_or(0.0, |(_, h)| *h);
        let churned = self.unit() < logistic(-2.0 - 1.7 * health);
        let value = if churned {
            0.0
        } else {
            (annual_value * (1.0 + 0.04 * self.normal())).round()
        };
        self.out.renewals.push(row(vec![
            ("account", text(&self.id)),
            ("date", date(day)),
            ("result", text(if churned { "churned" } else { "renewed" })),
            ("value", number(value)),
        ]));
        churned.then_some(day)
    }

    fn signal(&mut self, day: i64, metric: &str, value: f64) {
        self.out.signals.push(row(vec![
            ("account", text(&self.id)),
            ("date", date(day)),
            ("metric", text(metric)),
            ("value", number(value)),
        ]));
    }

    fn event(&mut self, day: i64, kind: &str, note: &str) {
        self.out.events.push(row(vec![
            ("account", text(&self.id)),
            ("date", date(day)),
            ("kind", text(kind)),
            ("note", text(note)),
        ]));
    }

    /// One KPI, its actuals moving from baseline toward target at a pace
    /// set by the account's health; a fifth renegotiated once.
    fn outcome(&mut self, start: i64, health_by_month: &[(i64, f64)], churned_on: Option<i64>) {
        let kpi_index = self.whole(0, KPIS.len() as i64 - 1) as usize;
        let (label, unit, direction, baseline, target) =
            KPIS.get(kpi_index).copied().unwrap_or(KPIS[0]);
        let target_day = add_years(start, 1);
        let mut actuals = Vec::new();
        for (day, health) in health_by_month {
            if *day <= start || churned_on.is_some_and(|churn| *day > churn) {
                continue;
            }
            let elapsed = (*day - start) as f64 / 365.0;
            let pace = logistic(0.3 + 1.4 * health) * 1.3;
            let share = (elapsed * pace + 0.05 * self.normal()).clamp(0.0, 1.2);
            actuals.push(row(vec![
                ("date", date(*day)),
                ("value", number(baseline + (target - baseline) * share)),
            ]));
        }
        let mut renegotiations = Vec::new();
        if self.unit() < 0.2 {
            let moved = baseline + (target - baseline) * 0.8;
            renegotiations.push(row(vec![
                ("date", date(start + 150)),
                ("target", number(moved)),
                ("targetDate", date(target_day + 90)),
                (
                    "reason",
                    text("Scope grew: a second site joined the project"),
                ),
                ("agreedBy", text("Customer COO")),
            ]));
        }
        self.out.outcomes.push(row(vec![
            ("id", text(&format!("{}-kpi", self.id))),
            ("account", text(&self.id)),
            ("label", text(label)),
            ("unit", text(unit)),
            ("direction", text(direction)),
            (
                "baseline",
                row(vec![("value", number(baseline)), ("date", date(start))]),
            ),
            (
                "target",
                row(vec![("value", number(target)), ("date", date(target_day))]),
            ),
            ("actuals", Node::List(actuals)),
            ("renegotiations", Node::List(renegotiations)),
        ]));
    }
}

/// The same day and month `years` later (the 28th for the 29th of
/// February in a year without it).
fn add_years(serial: i64, years: i64) -> i64 {
    let Some(civil) = ymd_from_serial(serial) else {
        return serial + 365 * years;
    };
    let day = i64::from(civil.day).min(if civil.month == 2 { 28 } else { 31 });
    serial_from_ymd(civil.year + years, i64::from(civil.month), day).unwrap_or(serial + 365 * years)
}

#[cfg(test)]
#[path = "demo_test.rs"]
mod tests;
