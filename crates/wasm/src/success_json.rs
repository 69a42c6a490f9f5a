//! JSON text into the core's success documents, for `SuccessPortfolio`
//! (the `success` feature): serde_json streams the text into the core's
//! document tree ([`Node`]) and the core's readers do every check.
//!
//! The data document is read in two passes so that its signals, which
//! may number millions, never exist as one tree (a signal's tree is about
//! 250 bytes of wasm memory, its row about 60): the first pass reads
//! everything but the signals and checks it (`read_data`); the second
//! reads the signals a chunk of [`SIGNAL_CHUNK`] rows at a time, each
//! chunk checked by `read_data_with` against the accounts of the first.
//! Each checked chunk is reduced at once to numbers (account position,
//! metric number, date serial, value: 24 bytes a signal, no text) and the
//! index is built from those (`SignalIndex::from_rows`), so the signals'
//! rows never exist as text either (about 90 bytes a signal).
//! Problems keep their place in the whole document (`signals[120004]`).
//! A second row for one account, date and metric is refused within a
//! chunk; across chunks the later row counts, as a later import's row
//! does in the store (the server's document never has one: its keys are
//! unique). Nothing here decides a figure.

use super::success_node::{parse_node, NodeSeed, SignalsShape};
use super::success_source::{BytesReader, DataSource};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::HashMap;
use std::fmt;
use yardstick_core::json::Node;
use yardstick_core::model::diagnostic::{ModelPath, PathSegment};
use yardstick_core::success::data::{KnownIds, SuccessData, MAX_SIGNALS, SUCCESS_SCHEMA};
use yardstick_core::success::data_read::{read_data, read_data_with, MAX_DIAGNOSTICS};
use yardstick_core::success::date::Date;
use yardstick_core::success::diagnostic::{SuccessCode, SuccessDiagnostic};
use yardstick_core::success::settings::SuccessSettings;
use yardstick_core::success::settings_read::read_settings;
use yardstick_core::success::signal_index::{SignalIndex, SignalRow};

/// Signals read and checked at a time (about 12 MB of tree).
pub const SIGNAL_CHUNK: usize = 50_000;

/// Why a document could not be read.
pub enum ReadError {
    /// Not JSON text: serde_json's message (with line and column).
    NotJson(String),
    /// JSON that the core refuses, every problem with its path.
    Problems(Vec<SuccessDiagnostic>),
}

/// Reads settings text (`yardstick/success-settings@1`).
pub fn read_settings_text(text: &str) -> Result<SuccessSettings, ReadError> {
    let node = parse_node(text)?;
    read_settings(&node).map_err(ReadError::Problems)
}

/// A data document read: the data without its signals, and the signals
/// indexed.
pub struct ReadData {
    /// Every table but the signals (`signals` is empty).
    pub data: SuccessData,
    /// The signals, indexed.
    pub index: SignalIndex,
    /// The latest signal's date.
    pub latest_signal: Option<Date>,
}

/// Reads a data document (`yardstick/success@1`), signals in chunks.
pub fn read_data_source(source: &DataSource) -> Result<ReadData, ReadError> {
    if !source.opens_object() {
        // Not an object: the core says so with its own words.
        let node = match source {
            DataSource::Text(text) => parse_node(text)?,
            DataSource::Bytes(bytes) => {
                let mut reader = serde_json::Deserializer::from_reader(BytesReader::new(bytes));
                let node = NodeSeed
                    .deserialize(&mut reader)
                    .and_then(|node| reader.end().map(|()| node));
                node.map_err(|error| ReadError::NotJson(error.to_string()))?
            }
        };
        let data = read_data(&node).map_err(ReadError::Problems)?;
        return Ok(ReadData {
            index: SignalIndex::new(&data),
            data,
            latest_signal: None,
        });
    }
    let head = parse_with(source, DocumentPass::Head)?;
    if head.signal_count > MAX_SIGNALS {
        return Err(ReadError::Problems(vec![SuccessDiagnostic {
            code: SuccessCode::TooLarge,
            path: ModelPath::root().key("signals"),
            message: format!(
                "{} signals, more than the {MAX_SIGNALS} a document may hold",
                head.signal_count
            ),
        }]));
    }
    let data = read_data(&head.node).map_err(ReadError::Problems)?;
    drop(head.node);
    let mut accounts: Vec<(String, u32)> = data
        .accounts
        .iter()
        .enumerate()
        .map(|(position, account)| (account.id.clone(), position as u32))
        .collect();
    accounts.sort_unstable();
    let known = KnownIds::new(
        data.accounts.iter().map(|a| a.id.clone()).collect(),
        data.outcomes.iter().map(|o| o.id.clone()).collect(),
    );
    let mut chunks = SignalChunks {
        known,
        accounts,
        metrics: HashMap::new(),
        rows: Vec::with_capacity(head.signal_count),
        latest: None,
        problems: Vec::new(),
        pending: Vec::with_capacity(SIGNAL_CHUNK.min(head.signal_count)),
        first_row: 0,
    };
    if head.signal_count > 0 {
        parse_with(source, DocumentPass::Signals(&mut chunks))?;
        chunks.flush();
    }
    if !chunks.problems.is_empty() {
        chunks.problems.truncate(MAX_DIAGNOSTICS);
        return Err(ReadError::Problems(chunks.problems));
    }
    let latest_signal = chunks.latest;
    Ok(ReadData {
        index: chunks.index(),
        data,
        latest_signal,
    })
}

/// The signals' rows, checked a chunk at a time and kept as numbers.
struct SignalChunks {
    known: KnownIds,
    /// Account ids and positions, sorted by id.
    accounts: Vec<(String, u32)>,
    /// Metric ids numbered as first seen (renumbered in sorted order last).
    metrics: HashMap<String, u32>,
    rows: Vec<SignalRow>,
    latest: Option<Date>,
    problems: Vec<SuccessDiagnostic>,
    pending: Vec<Node>,
    /// The document position of `pending`'s first row.
    first_row: usize,
}

impl SignalChunks {
    fn push(&mut self, row: Node) {
        self.pending.push(row);
        if self.pending.len() >= SIGNAL_CHUNK {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let rows = std::mem::take(&mut self.pending);
        let count = rows.len();
        let chunk = Node::Map(vec![
            ("schema".to_string(), Node::Text(SUCCESS_SCHEMA.to_string())),
            ("signals".to_string(), Node::List(rows)),
        ]);
        match read_data_with(&chunk, &self.known) {
            Ok(read) if self.problems.is_empty() => {
                for signal in read.signals {
                    let at = self
                        .accounts
                        .partition_point(|(id, _)| id.as_str() < signal.account.as_str());
                    // Checked against these accounts: always found.
                    let Some((_, account)) = self.accounts.get(at) else {
                        continue;
                    };
                    let next = self.metrics.len() as u32;
                    let metric = *self.metrics.entry(signal.metric).or_insert(next);
                    self.latest = self.latest.max(Some(signal.date));
                    self.rows.push(SignalRow {
                        account: *account,
                        metric,
                        serial: i32::try_from(signal.date.serial()).unwrap_or(i32::MAX),
                        value: signal.value,
                    });
                }
            }
            Ok(_) => {}
            Err(list) => {
                if self.problems.len() < MAX_DIAGNOSTICS {
                    let offset = self.first_row;
                    self.problems
                        .extend(list.into_iter().map(|d| shifted(d, offset)));
                }
                // Rows already read are not needed once one is refused.
                self.rows = Vec::new();
            }
        }
        self.first_row += count;
    }

    /// The index, metrics numbered in sorted order as it expects.
    fn index(self) -> SignalIndex {
        let mut names: Vec<(String, u32)> = self.metrics.into_iter().collect();
        names.sort_unstable();
        let mut renumber = vec![0_u32; names.len()];
        for (sorted_position, (_, first_seen)) in names.iter().enumerate() {
            if let Some(slot) = renumber.get_mut(*first_seen as usize) {
                *slot = sorted_position as u32;
            }
        }
        let mut rows = self.rows;
        for row in &mut rows {
            row.metric = renumber
                .get(row.metric as usize)
                .copied()
                .unwrap_or(row.metric);
        }
        SignalIndex::from_rows(names.into_iter().map(|(name, _)| name).collect(), rows)
    }
}

/// A chunk's problem with its place in the whole document.
fn shifted(diagnostic: SuccessDiagnostic, offset: usize) -> SuccessDiagnostic {
    let mut path = ModelPath::root();
    for (step, segment) in diagnostic.path.segments().iter().enumerate() {
        let shift = if step == 1 { offset } else { 0 };
        path = match segment {
            PathSegment::Key(key) => path.key(key),
            PathSegment::Index(index) => path.index(index.saturating_add(shift)),
            PathSegment::Item { index, .. } => path.index(index.saturating_add(shift)),
        };
    }
    SuccessDiagnostic {
        code: diagnostic.code,
        path,
        message: shift_rows_in(&diagnostic.message, offset),
    }
}

/// `signals[N]` in a message (`also at signals[3].metric`) as `signals[N + offset]`.
fn shift_rows_in(message: &str, offset: usize) -> String {
    const MARK: &str = "signals[";
    let mut out = String::with_capacity(message.len() + 8);
    let mut rest = message;
    while let Some(at) = rest.find(MARK) {
        let (before, after_mark) = rest.split_at(at + MARK.len());
        out.push_str(before);
        let digits = after_mark.bytes().take_while(u8::is_ascii_digit).count();
        let (number, tail) = after_mark.split_at(digits);
        match number.parse::<usize>() {
            Ok(row) => out.push_str(&row.saturating_add(offset).to_string()),
            Err(_) => out.push_str(number),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// What a pass over the data document reads.
enum DocumentPass<'a> {
    /// Everything but the signals, which are only counted.
    Head,
    /// Only the signals, into the chunks.
    Signals(&'a mut SignalChunks),
}

/// The first pass's result.
struct Head {
    node: Node,
    signal_count: usize,
}

fn parse_with(source: &DataSource, pass: DocumentPass<'_>) -> Result<Head, ReadError> {
    match source {
        DataSource::Text(text) => head_of(&mut serde_json::Deserializer::from_str(text), pass),
        DataSource::Bytes(bytes) => head_of(
            &mut serde_json::Deserializer::from_reader(BytesReader::new(bytes)),
            pass,
        ),
    }
}

fn head_of<'de, R: serde_json::de::Read<'de>>(
    reader: &mut serde_json::Deserializer<R>,
    pass: DocumentPass<'_>,
) -> Result<Head, ReadError> {
    let head = reader
        .deserialize_map(DocumentVisitor { pass })
        .and_then(|head| reader.end().map(|()| head));
    head.map_err(|error| ReadError::NotJson(error.to_string()))
}

struct DocumentVisitor<'a> {
    pass: DocumentPass<'a>,
}

impl<'de> Visitor<'de> for DocumentVisitor<'_> {
    type Value = Head;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a success data document (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Head, A::Error> {
        let mut entries = Vec::new();
        let mut signal_count = 0;
        while let Some(key) = map.next_key::<String>()? {
            match (&mut self.pass, key == "signals") {
                (DocumentPass::Head, true) => match map.next_value_seed(SignalsShape)? {
                    // A list is counted; anything else goes to the core,
                    // which names its type.
                    Ok(count) => signal_count += count,
                    Err(node) => entries.push((key, node)),
                },
                (DocumentPass::Head, false) => entries.push((key, map.next_value_seed(NodeSeed)?)),
                (DocumentPass::Signals(chunks), true) => {
                    map.next_value_seed(SignalRows { chunks })?;
                }
                (DocumentPass::Signals(_), false) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Head {
            node: Node::Map(entries),
            signal_count,
        })
    }
}

/// The second pass: each signal's tree into the chunks.
struct SignalRows<'a> {
    chunks: &'a mut SignalChunks,
}

impl<'de> DeserializeSeed<'de> for SignalRows<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SignalRows<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of signals")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(row) = seq.next_element_seed(NodeSeed)? {
            self.chunks.push(row);
        }
        Ok(())
    }
}
