//! The typed success data (`yardstick/success@1`, docs/success.md): what
//! happened to the accounts after the sale. Plain data, checked by the
//! readers ([`super::data_read`], [`super::csv_rows`]); nothing here
//! computes a figure.

use super::date::Date;

/// The schema tag of the data document.
pub const SUCCESS_SCHEMA: &str = "yardstick/success@1";
/// Most accounts in a document or import.
pub const MAX_ACCOUNTS: usize = 100_000;
/// Most signals in a document or import.
pub const MAX_SIGNALS: usize = 5_000_000;
/// Most events in a document or import.
pub const MAX_EVENTS: usize = 500_000;
/// Most outcomes in a document or import.
pub const MAX_OUTCOMES: usize = 50_000;
/// Most actuals of one outcome.
pub const MAX_ACTUALS_PER_OUTCOME: usize = 1_000;
/// Most renegotiations of one outcome.
pub const MAX_RENEGOTIATIONS_PER_OUTCOME: usize = 100;
/// Most renewals in a document or import.
pub const MAX_RENEWALS: usize = 500_000;
/// Most realised-value rows in a document or import.
pub const MAX_REALISED: usize = 1_000_000;
/// Most checklist rows in a document or import.
pub const MAX_CHECKLIST: usize = 500_000;
/// Most play completions in a document or import.
pub const MAX_PLAYS: usize = 500_000;
/// Largest annual or renewed value, in the account's currency.
pub const MAX_MONEY: f64 = 1e12;

/// A stage of the customer's journey after the sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// From the contract's start until first value (or a set number of days).
    Onboarding,
    /// Regular value between onboarding and the run-up to a renewal.
    Established,
    /// The days before a renewal.
    PreRenewal,
}

impl Stage {
    /// Every stage, in journey order.
    pub const ALL: [Stage; 3] = [Stage::Onboarding, Stage::Established, Stage::PreRenewal];
    /// The stages' names as documents write them, in the order of [`Stage::ALL`].
    pub const NAMES: [&'static str; 3] = ["onboarding", "established", "pre_renewal"];

    /// The name as documents write it (`pre_renewal`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Onboarding => "onboarding",
            Stage::Established => "established",
            Stage::PreRenewal => "pre_renewal",
        }
    }

    /// The stage at `position` of [`Stage::ALL`].
    pub fn from_position(position: usize) -> Option<Stage> {
        Stage::ALL.get(position).copied()
    }
}

/// A stage set by hand for a range of dates; outside it the rules apply.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountStageOverride {
    /// The stage it sets.
    pub stage: Stage,
    /// The first date it covers.
    pub from: Date,
    /// The last date it covers (inclusive); open-ended when absent.
    pub until: Option<Date>,
    /// Why, as typed.
    pub reason: String,
}

/// The saved business case that sold the account (docs/cases.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseLink {
    /// The case's id, a whole number from 1.
    pub id: u64,
    /// The revision, a whole number from 1.
    pub revision: u64,
}

/// A customer account.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// Unique in the data.
    pub id: String,
    /// The name people see.
    pub name: String,
    /// The segment (a scorecard may be per segment).
    pub segment: Option<String>,
    /// The owner's id (the team view is per owner).
    pub owner: Option<String>,
    /// The contract's annual value, 0 to 1e12, in `currency`.
    pub annual_value: f64,
    /// Three capital letters (`EUR`).
    pub currency: String,
    /// When the contract started.
    pub contract_start: Date,
    /// When the customer first got value (ends onboarding); on or after
    /// `contract_start`.
    pub first_value: Option<Date>,
    /// The next renewal date, after `contract_start`.
    pub renewal: Date,
    /// A stage set by hand.
    pub stage_override: Option<AccountStageOverride>,
    /// The case that sold the account.
    pub case: Option<CaseLink>,
    /// The customer's e-mail domains (`acme.com`), lowercase, each once:
    /// a lead whose contact e-mail is at one of them (or a subdomain) is
    /// this customer's (docs/journey.md). Empty when none is listed.
    pub domains: Vec<String>,
}

/// One measured value of an account's metric on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    /// The account's id.
    pub account: String,
    /// The day it was measured.
    pub date: Date,
    /// The metric's id (the measure it feeds).
    pub metric: String,
    /// The value, finite.
    pub value: f64,
}

/// Something that happened to an account (`champion_left`).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The account's id.
    pub account: String,
    /// The day it happened.
    pub date: Date,
    /// What happened, an id.
    pub kind: String,
    /// A note, up to 2,000 characters.
    pub note: Option<String>,
}

/// Which way an outcome's value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeDirection {
    /// Larger is better (conversion rate).
    Increase,
    /// Smaller is better (cycle time).
    Decrease,
}

/// An outcome's value on a date: its baseline or an actual.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DatedValue {
    /// The value, finite.
    pub value: f64,
    /// The day it holds.
    pub date: Date,
}

/// The outcome's baseline: where the customer started.
pub type Baseline = DatedValue;
/// The original target and its date, kept after renegotiations.
pub type Target = DatedValue;
/// A measured value of the outcome.
pub type Actual = DatedValue;

/// A target agreed again, with who agreed and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Renegotiation {
    /// When it was agreed.
    pub date: Date,
    /// The new target value.
    pub target: f64,
    /// The new target date, after the baseline date.
    pub target_date: Date,
    /// Why (`Second warehouse added to scope`).
    pub reason: String,
    /// Who agreed it (`Acme COO`).
    pub agreed_by: String,
}

/// A business outcome the customer measures itself by.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Unique in the data.
    pub id: String,
    /// The account's id.
    pub account: String,
    /// What it is called.
    pub label: String,
    /// Its unit (`days`), as text.
    pub unit: Option<String>,
    /// Which way is better.
    pub direction: OutcomeDirection,
    /// Where the customer started.
    pub baseline: Baseline,
    /// The original target; its date after the baseline's.
    pub target: Target,
    /// The measured values, in date order, one per date.
    pub actuals: Vec<Actual>,
    /// The renegotiations, in date order, none before the baseline date.
    pub renegotiations: Vec<Renegotiation>,
}

/// How a renewal ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenewalResult {
    /// The customer renewed.
    Renewed,
    /// The customer left.
    Churned,
}

/// A renewal and its result.
#[derive(Debug, Clone, PartialEq)]
pub struct Renewal {
    /// The account's id.
    pub account: String,
    /// The day of the renewal (the term it closes ends on it).
    pub date: Date,
    /// Renewed or churned.
    pub result: RenewalResult,
    /// The renewed annual value; 0 when churned.
    pub value: f64,
}

/// The actual value of one of the linked case's model inputs, measured for
/// the period that contains `date` (actual hours saved per week).
#[derive(Debug, Clone, PartialEq)]
pub struct RealisedValue {
    /// The account's id.
    pub account: String,
    /// A day in the period it was measured for.
    pub date: Date,
    /// The id of an input of the account's case's model (checked against
    /// the model where the case is known: by the server, not the reader).
    pub input: String,
    /// The value, finite.
    pub value: f64,
}

/// Which ideal project checklist an item is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChecklistKind {
    /// The ideal set-up.
    Setup,
    /// The ideal execution.
    Execution,
}

impl ChecklistKind {
    /// The lists' names as documents write them, in enum order.
    pub const NAMES: [&'static str; 2] = ["setup", "execution"];

    /// The name as documents write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ChecklistKind::Setup => "setup",
            ChecklistKind::Execution => "execution",
        }
    }

    /// The list at `position` of [`ChecklistKind::NAMES`].
    pub fn from_position(position: usize) -> Option<ChecklistKind> {
        match position {
            0 => Some(ChecklistKind::Setup),
            1 => Some(ChecklistKind::Execution),
            _ => None,
        }
    }
}

/// A checklist item's state for an account from `date` on (until a later
/// row for the same item).
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistMark {
    /// The account's id.
    pub account: String,
    /// The list.
    pub list: ChecklistKind,
    /// The item's id in the settings' list (checked where settings are at
    /// hand: by the server on import, not by the reader).
    pub item: String,
    /// From when the state holds.
    pub date: Date,
    /// Done or not.
    pub done: bool,
    /// A note, up to 2,000 characters.
    pub note: Option<String>,
}

/// A play the team completed for an account.
#[derive(Debug, Clone, PartialEq)]
pub struct PlayCompletion {
    /// The account's id.
    pub account: String,
    /// The play's id in the settings.
    pub play: String,
    /// The alert rule's id that called for it, when one did.
    pub alert: Option<String>,
    /// The day it was completed.
    pub date: Date,
    /// Who completed it, an id as accounts' `owner`.
    pub by: Option<String>,
    /// A note, up to 2,000 characters.
    pub note: Option<String>,
}

/// A whole success data document, checked.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SuccessData {
    /// The accounts, in document order.
    pub accounts: Vec<Account>,
    /// The signals, in document order.
    pub signals: Vec<Signal>,
    /// The events, in document order.
    pub events: Vec<Event>,
    /// The outcomes, in document order.
    pub outcomes: Vec<Outcome>,
    /// The renewals, in document order.
    pub renewals: Vec<Renewal>,
    /// The realised values of case inputs, in document order.
    pub realised: Vec<RealisedValue>,
    /// The checklist items' states, in document order.
    pub checklist: Vec<ChecklistMark>,
    /// The play completions, in document order.
    pub plays: Vec<PlayCompletion>,
}

/// Ids already stored, which rows of an import may name: accounts and
/// outcomes the store holds from earlier imports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct KnownIds {
    accounts: Vec<String>,
    outcomes: Vec<String>,
    stored: StoredRows,
    settings: Option<SettingsIds>,
}

/// The ids of the team's settings that rows of the Execute-phase tables
/// name: checklist items, plays and alert rules.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SettingsIds {
    /// The set-up checklist's item ids.
    pub setup: Vec<String>,
    /// The execution checklist's item ids.
    pub execution: Vec<String>,
    /// The plays' ids.
    pub plays: Vec<String>,
    /// The alert rules' ids.
    pub alerts: Vec<String>,
}

impl KnownIds {
    /// The stored account and outcome ids, in any order.
    pub fn new(mut accounts: Vec<String>, mut outcomes: Vec<String>) -> KnownIds {
        accounts.sort_unstable();
        outcomes.sort_unstable();
        KnownIds {
            accounts,
            outcomes,
            stored: Default::default(),
            settings: None,
        }
    }

    /// The same ids with the stored rows the rules across rows read
    /// (contract starts, renewals, renegotiations), so an
    /// import is checked against the merged result.
    pub fn with_stored(mut self, stored: StoredRows) -> KnownIds {
        self.stored = stored.sorted();
        self
    }

    /// The stored rows the rules across rows read (empty unless given).
    pub fn stored(&self) -> &StoredRows {
        &self.stored
    }

    /// The same, with the settings' ids: checklist rows must then name an
    /// item of their list, completions a play (and an alert rule).
    pub fn with_settings_ids(mut self, settings: SettingsIds) -> KnownIds {
        self.settings = Some(settings);
        self
    }

    /// The settings' ids, when given.
    pub fn settings_ids(&self) -> Option<&SettingsIds> {
        self.settings.as_ref()
    }

    /// Whether an account with this id is stored.
    pub fn has_account(&self, id: &str) -> bool {
        self.accounts
            .binary_search_by(|known| known.as_str().cmp(id))
            .is_ok()
    }

    /// Whether an outcome with this id is stored.
    pub fn has_outcome(&self, id: &str) -> bool {
        self.outcomes
            .binary_search_by(|known| known.as_str().cmp(id))
            .is_ok()
    }

    /// The stored account ids, sorted.
    pub fn accounts(&self) -> &[String] {
        &self.accounts
    }

    /// The stored outcome ids, sorted.
    pub fn outcomes(&self) -> &[String] {
        &self.outcomes
    }
}

/// The stored columns the rules across rows read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StoredRows {
    /// Each stored account's id and contract start.
    pub contract_starts: Vec<(String, Date)>,
    /// Each stored renewal's account, date and result.
    pub renewals: Vec<(String, Date, RenewalResult)>,
    /// Each stored renegotiation's outcome, date and target date.
    pub renegotiations: Vec<(String, Date, Date)>,
    /// Each stored outcome's id and baseline date.
    pub baselines: Vec<(String, Date)>,
}

impl StoredRows {
    /// The same rows sorted by key, for binary search.
    pub(super) fn sorted(mut self) -> StoredRows {
        self.contract_starts.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.renewals
            .sort_unstable_by(|a, b| (a.0.as_str(), a.1).cmp(&(b.0.as_str(), b.1)));
        self.renegotiations
            .sort_unstable_by(|a, b| (a.0.as_str(), a.1).cmp(&(b.0.as_str(), b.1)));
        self.baselines.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self
    }

    /// The stored baseline date of `outcome`.
    pub(super) fn baseline(&self, outcome: &str) -> Option<Date> {
        let at = self
            .baselines
            .binary_search_by(|(id, _)| id.as_str().cmp(outcome))
            .ok()?;
        self.baselines.get(at).map(|(_, date)| *date)
    }

    pub(super) fn contract_start(&self, account: &str) -> Option<Date> {
        let at = self
            .contract_starts
            .binary_search_by(|(id, _)| id.as_str().cmp(account))
            .ok()?;
        self.contract_starts.get(at).map(|(_, date)| *date)
    }

    /// The stored renewals of `account`, in date order.
    pub(super) fn renewals_of(&self, account: &str) -> &[(String, Date, RenewalResult)] {
        let first = self.renewals.partition_point(|r| r.0.as_str() < account);
        let last = self.renewals.partition_point(|r| r.0.as_str() <= account);
        self.renewals.get(first..last).unwrap_or(&[])
    }

    /// The stored renegotiations of `outcome`, in date order.
    pub(super) fn renegotiations_of(&self, outcome: &str) -> &[(String, Date, Date)] {
        let first = self
            .renegotiations
            .partition_point(|r| r.0.as_str() < outcome);
        let last = self
            .renegotiations
            .partition_point(|r| r.0.as_str() <= outcome);
        self.renegotiations.get(first..last).unwrap_or(&[])
    }
}
