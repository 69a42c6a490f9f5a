//! The demo's Execute-phase rows ([`super::demo`]): checklist states and
//! play completions for a share of the accounts, so the success page has
//! degrees of set-up and execution and plays with a health change to show.
//!
//! They come from their own random stream (seeded from the demo's seed),
//! so the accounts, signals and renewals, and with them the planted churn
//! story the proof must find, are the same as without them. They never
//! change an account's latent health: a play here is recorded, not
//! planted, and the checklists follow health rather than drive it.
//!
//! - About 45% of the accounts keep checklists (the default settings'
//!   items): the set-up list is marked a week or two after the contract
//!   starts, each item done with a chance that rises with the account's
//!   health then (sponsor and outcome more often than baseline and plan);
//!   an item not done may be done one to three months later. The execution
//!   list is marked every quarter from the third month, each item done
//!   with a chance that follows the health of that month.
//! - An account whose champion left completes `new_sponsor` (called for by
//!   the `champion` alert) one to three weeks later; an account whose
//!   health falls low completes `rescue` in the month it first does.
//! - Nothing is dated after a churn or after the window.

use super::demo_nodes::{date, logistic, row, text};
use crate::json::Node;
use crate::uncertainty::TrialRng;

/// What the Execute-phase rows of one account are made from.
pub(super) struct AccountStory<'h> {
    /// The account's id.
    pub id: &'h str,
    /// Its contract start (a date serial).
    pub start: i64,
    /// `(first day of the month, latent health)` per month of the window.
    pub health_by_month: &'h [(i64, f64)],
    /// When the champion left, if it did.
    pub champion_left: Option<i64>,
    /// When it churned, if it did.
    pub churned_on: Option<i64>,
    /// The first day after the window.
    pub window_end: i64,
}

/// The checklist rows and play completions of the demo.
#[derive(Default)]
pub(super) struct ExecuteRows {
    pub checklist: Vec<Node>,
    pub plays: Vec<Node>,
}

/// The latent health below which an account gets a rescue play.
const RESCUE_BELOW: f64 = -1.0;

impl ExecuteRows {
    /// Adds one account's rows, drawing from `rng` (the demo's second stream).
    pub(super) fn add(&mut self, rng: &mut TrialRng, story: &AccountStory<'_>) {
        let last_day = story
            .churned_on
            .unwrap_or(story.window_end)
            .min(story.window_end - 1);
        let health_on = |day: i64| {
            story
                .health_by_month
                .iter()
                .rev()
                .find(|(month, _)| *month <= day)
                .or(story.health_by_month.first())
                .map_or(0.0, |(_, h)| *h)
        };
        if rng.next_unit() < 0.45 {
            let marked = story.start + whole(rng, 7, 20);
            let health = health_on(marked);
            for (item, ease) in [
                ("sponsor", 1.5),
                ("outcome", 1.2),
                ("baseline", 0.4),
                ("plan", 0.6),
            ] {
                if marked > last_day {
                    break;
                }
                let done = rng.next_unit() < logistic(ease + health);
                self.mark(story.id, "setup", item, marked, done);
                let later = marked + whole(rng, 30, 90);
                if !done && rng.next_unit() < 0.5 && later <= last_day {
                    self.mark(story.id, "setup", item, later, true);
                }
            }
            let mut day = story.start + 90;
            while day <= last_day {
                let health = health_on(day);
                for (item, ease) in [("steps", 0.5), ("reviews", 0.2)] {
                    let done = rng.next_unit() < logistic(ease + 1.2 * health);
                    self.mark(story.id, "execution", item, day, done);
                }
                day += 91;
            }
        }
        if let Some(left) = story.champion_left {
            let done = left + whole(rng, 7, 21);
            if done <= last_day {
                self.play(story.id, "new_sponsor", Some("champion"), done);
            }
        }
        let low = story
            .health_by_month
            .iter()
            .find(|(month, health)| *month >= story.start && *health < RESCUE_BELOW);
        if let Some((month, _)) = low {
            let done = month + whole(rng, 3, 20);
            if done <= last_day {
                self.play(story.id, "rescue", None, done);
            }
        }
    }

    fn mark(&mut self, account: &str, list: &str, item: &str, day: i64, done: bool) {
        self.checklist.push(row(vec![
            ("account", text(account)),
            ("list", text(list)),
            ("item", text(item)),
            ("date", date(day)),
            ("done", Node::Bool(done)),
        ]));
    }

    fn play(&mut self, account: &str, play: &str, alert: Option<&str>, day: i64) {
        let mut fields = vec![
            ("account", text(account)),
            ("play", text(play)),
            ("date", date(day)),
        ];
        if let Some(alert) = alert {
            fields.push(("alert", text(alert)));
        }
        self.plays.push(row(fields));
    }
}

/// A whole number from `low` to `high`, both included.
fn whole(rng: &mut TrialRng, low: i64, high: i64) -> i64 {
    let span = (high - low + 1).max(1) as f64;
    low + ((rng.next_unit() * span) as i64).min(high - low)
}

#[cfg(test)]
#[path = "demo_execute_test.rs"]
mod tests;
