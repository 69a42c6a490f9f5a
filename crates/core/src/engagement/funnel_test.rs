//! Unit tests of the Develop funnel: a scripted set of visits counted
//! exactly (steps, days, breakdowns, the "other" row), the threshold, the
//! query's defaults and refusals, and the report's conversions and CSV.

use super::compute_funnel;
use crate::engagement::funnel::*;
use crate::engagement::funnel_report::{
    funnel_table, funnel_to_node, label_keys, spreadsheet_safe, FunnelTable, Labels,
};
use crate::json::canonical_json;

const D0: i64 = 20_780; // 2026-11-23
const PRICING: i64 = 10;
const ROI: i64 = 11;
const BLOG: i64 = 12;
const NEWS: i64 = 20;
const SPRING: i64 = 30;

fn row(day: i64, visitor: i64, path: i64) -> PageViewRow {
    PageViewRow {
        day,
        visitor,
        path: Some(path),
        ..PageViewRow::default()
    }
}

/// Five visitors over three days (and one page view after the range):
/// A (1) engaged 12 s on /pricing from news.example in the spring
/// campaign, then came back the next day and used the calculator on /roi;
/// B (2) engaged 3 s and downloaded; C, D and E gave no consent (their
/// page views are their keys): C read /blog for 2 s, D used the
/// calculator and sent a lead worth 500, E played a video.
fn visits() -> Vec<PageViewRow> {
    vec![
        PageViewRow {
            referrer: Some(NEWS),
            campaign: Some(SPRING),
            max_engaged_ms: 12_000,
            ..row(D0, 1, PRICING)
        },
        PageViewRow {
            calc_used: true,
            returning: true,
            ..row(D0 + 1, 1, ROI)
        },
        PageViewRow {
            max_engaged_ms: 3_000,
            downloads: 1,
            ..row(D0, 2, PRICING)
        },
        PageViewRow {
            max_engaged_ms: 2_000,
            outbound_clicks: 2,
            ..row(D0 + 1, -3, BLOG)
        },
        PageViewRow {
            calc_used: true,
            leads: 1,
            lead_value: 500.0,
            ..row(D0 + 2, -4, ROI)
        },
        PageViewRow {
            referrer: Some(NEWS),
            video_plays: 1,
            ..row(D0 + 2, -5, PRICING)
        },
        PageViewRow {
            leads: 1,
            lead_value: 99.0,
            ..row(D0 + 3, 6, ROI)
        },
    ]
}

fn counts(visitors: u64, interested: u64, interacting: u64, leads: u64, value: f64) -> StepCounts {
    StepCounts {
        visitors,
        interested,
        interacting,
        leads,
        lead_value: value,
        lead_currency: LeadCurrency::None,
    }
}

fn query(engaged_s: u64) -> FunnelQuery {
    FunnelQuery {
        from_day: D0,
        to_day: D0 + 2,
        engaged_threshold_ms: engaged_s * 1000,
    }
}

fn breakdown_row(key: BreakdownKey, counts: StepCounts) -> BreakdownRow {
    BreakdownRow { key, counts }
}

#[test]
fn counts_a_scripted_set_of_visits_exactly() {
    let funnel = compute_funnel(&query(10), &visits());
    assert_eq!(funnel.counts, counts(5, 4, 2, 1, 500.0));
    assert_eq!(
        (
            funnel.page_views,
            funnel.downloads,
            funnel.video_plays,
            funnel.outbound_clicks
        ),
        (6, 1, 1, 2)
    );
    assert_eq!(funnel.returning_visitors, 1);
    assert_eq!(
        funnel.daily,
        vec![
            (D0, counts(2, 2, 0, 0, 0.0)),
            (D0 + 1, counts(2, 1, 1, 0, 0.0)),
            (D0 + 2, counts(2, 2, 1, 1, 500.0)),
        ]
    );
    use BreakdownKey::{Label, None as Absent};
    assert_eq!(
        funnel.pages,
        vec![
            breakdown_row(Label(PRICING), counts(3, 3, 0, 0, 0.0)),
            breakdown_row(Label(ROI), counts(2, 2, 2, 1, 500.0)),
            breakdown_row(Label(BLOG), counts(1, 0, 0, 0, 0.0)),
        ]
    );
    assert_eq!(
        funnel.referrers,
        vec![
            breakdown_row(Absent, counts(4, 3, 2, 1, 500.0)),
            breakdown_row(Label(NEWS), counts(2, 2, 0, 0, 0.0)),
        ]
    );
    assert_eq!(
        funnel.campaigns,
        vec![
            breakdown_row(Absent, counts(5, 4, 2, 1, 500.0)),
            breakdown_row(Label(SPRING), counts(1, 1, 0, 0, 0.0)),
        ]
    );
}

#[test]
fn the_threshold_decides_who_is_interested_and_order_changes_nothing() {
    // C's 2 s engagement reaches a 2 s threshold; B's 3 s does not reach
    // 10 s, but B downloaded.
    assert_eq!(compute_funnel(&query(2), &visits()).counts.interested, 5);
    assert_eq!(compute_funnel(&query(600), &visits()).counts.interested, 4);
    let mut reversed = visits();
    reversed.reverse();
    assert_eq!(
        compute_funnel(&query(10), &reversed),
        compute_funnel(&query(10), &visits())
    );
}

#[test]
fn days_without_visits_are_zero_and_an_empty_range_is_all_zero() {
    let wide = FunnelQuery {
        from_day: D0 - 2,
        to_day: D0,
        engaged_threshold_ms: 10_000,
    };
    let funnel = compute_funnel(&wide, &visits());
    let days: Vec<(i64, u64)> = funnel.daily.iter().map(|(d, c)| (*d, c.visitors)).collect();
    assert_eq!(days, vec![(D0 - 2, 0), (D0 - 1, 0), (D0, 2)]);
    let empty = compute_funnel(&query(10), &[]);
    assert_eq!(empty.counts, StepCounts::default());
    assert_eq!(empty.daily.len(), 3);
    assert!(empty.pages.is_empty());
}

#[test]
fn past_the_top_rows_one_other_row_counts_its_visitors_once() {
    // Path k has 60 - k visitors of its own; visitor 999_999 also saw
    // paths 53 and 54, both past the top 50.
    let mut rows = Vec::new();
    for k in 0..55_i64 {
        for j in 0..(60 - k) {
            rows.push(row(D0, k * 1000 + j, k));
        }
    }
    rows.push(row(D0, 999_999, 53));
    rows.push(PageViewRow {
        downloads: 1,
        ..row(D0, 999_999, 54)
    });
    let funnel = compute_funnel(&query(10), &rows);
    assert_eq!(funnel.pages.len(), BREAKDOWN_TOP_ROWS + 1);
    assert_eq!(
        funnel.pages[0],
        breakdown_row(BreakdownKey::Label(0), counts(60, 0, 0, 0, 0.0))
    );
    assert_eq!(funnel.pages[49].key, BreakdownKey::Label(49));
    assert_eq!(
        funnel.pages[50],
        breakdown_row(
            BreakdownKey::Other,
            counts(10 + 9 + 8 + 7 + 6 + 1, 1, 0, 0, 0.0)
        )
    );
    assert_eq!(funnel.counts.visitors, (6..=60).sum::<u64>() + 1);
}

#[test]
fn reads_the_query_with_its_defaults_and_refusals() {
    let today = 20_790; // 2026-12-03
    let read = |from, to, engaged| FunnelQuery::read(from, to, engaged, today);
    assert_eq!(
        read(None, None, None),
        Ok(FunnelQuery {
            from_day: today - 29,
            to_day: today,
            engaged_threshold_ms: 10_000
        })
    );
    let asked = read(Some("2026-01-01"), Some("2026-01-31"), Some("45")).unwrap();
    assert_eq!((asked.days(), asked.engaged_threshold_ms), (31, 45_000));
    let leap = read(Some("2024-01-01"), Some("2024-12-31"), None).unwrap();
    assert_eq!(leap.days(), 366);
    let message = |from, to, engaged| read(from, to, engaged).unwrap_err().to_string();
    assert_eq!(
        message(Some("2026-02-30"), None, None),
        "from must be a date YYYY-MM-DD from 1970-01-01 to 9999-12-31, not \"2026-02-30\""
    );
    assert!(message(None, Some("yesterday"), None).starts_with("to must be a date"));
    assert_eq!(
        message(Some("2026-12-04"), None, None),
        "from (2026-12-04) must not be after to (2026-12-03)"
    );
    assert_eq!(
        message(Some("2025-01-01"), Some("2026-01-02"), None),
        "the range must be at most 366 days, not 367"
    );
    assert!(read(Some("2025-01-01"), Some("2026-01-01"), None).is_ok());
    for bad in ["0", "601", "10.5", "+10", "-1", "", "ten"] {
        assert!(
            message(None, None, Some(bad)).starts_with("engaged_s must be a whole number"),
            "{bad}"
        );
    }
    assert!(read(None, None, Some("1")).is_ok());
    assert!(read(None, None, Some("600")).is_ok());
}

#[test]
fn reports_conversions_labels_and_safe_csv_cells() {
    let funnel = compute_funnel(&query(10), &visits());
    assert_eq!(label_keys(&funnel), vec![PRICING, ROI, BLOG, NEWS, SPRING]);
    let labels = Labels::new(vec![
        (PRICING, "/pricing".into()),
        (ROI, "/roi".into()),
        (BLOG, "/blog".into()),
        (NEWS, "news.example".into()),
        (SPRING, "=HYPERLINK(\"x\")".into()),
    ]);
    let json = canonical_json(&funnel_to_node(&funnel, &labels));
    assert!(
        json.contains(concat!(
            r#""steps":[{"count":5,"of_previous":1,"of_visitors":1,"step":"visitors"},"#,
            r#"{"count":4,"of_previous":0.8,"of_visitors":0.8,"step":"interested"},"#,
            r#"{"count":2,"of_previous":0.5,"of_visitors":0.4,"step":"interacting"},"#,
            r#"{"count":1,"of_previous":0.5,"of_visitors":0.2,"step":"leads"}]"#
        )),
        "{json}"
    );
    assert!(
        json.contains(r#""from":"2026-11-23","lead_currency":null,"lead_value":500"#),
        "{json}"
    );
    assert!(json.contains(r#"{"interacting":2,"interested":3,"kind":"none","lead_currency":null,"lead_value":500,"leads":1,"value":null,"visitors":4}"#), "{json}");
    let table = |which| funnel_table(&funnel, which, &labels);
    assert_eq!(
        table(FunnelTable::Funnel),
        vec![
            vec!["step", "count", "of_previous", "of_visitors"],
            vec!["visitors", "5", "1", "1"],
            vec!["interested", "4", "0.8", "0.8"],
            vec!["interacting", "2", "0.5", "0.4"],
            vec!["leads", "1", "0.5", "0.2"],
            vec!["lead_value", "500", "", ""],
            vec!["lead_currency", "", "", ""],
        ]
    );
    assert_eq!(
        table(FunnelTable::Campaigns),
        vec![
            vec![
                "utm_campaign",
                "visitors",
                "interested",
                "interacting",
                "leads",
                "lead_value",
                "lead_currency"
            ],
            vec!["(none)", "5", "4", "2", "1", "500", ""],
            vec!["'=HYPERLINK(\"x\")", "1", "1", "0", "0", "0", ""],
        ]
    );
    assert_eq!(table(FunnelTable::Referrers)[1][0], "(direct)");
    assert_eq!(
        table(FunnelTable::Daily)[3],
        vec!["2026-11-25", "2", "2", "1", "1", "500", ""]
    );
    for (text, safe) in [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("/a=b", "/a=b"),
    ] {
        assert_eq!(spreadsheet_safe(text), safe);
    }
    assert_eq!(FunnelTable::parse("pages"), Some(FunnelTable::Pages));
    assert_eq!(FunnelTable::parse("Pages"), None);
}

/// The range's counts, each day's, and each dimension's by key.
type Counted = (
    StepCounts,
    Vec<StepCounts>,
    [Vec<(BreakdownKey, StepCounts)>; 3],
);

/// The funnel counted the plain way: a map from (group, visitor) to the
/// deepest level and the lead value, for every grouping.
fn naive(query: &FunnelQuery, rows: &[PageViewRow]) -> Counted {
    use std::collections::BTreeMap;
    fn level(row: &PageViewRow, threshold_ms: u64) -> u8 {
        if row.leads > 0 {
            3
        } else if row.calc_used {
            2
        } else if row.max_engaged_ms >= threshold_ms || row.downloads > 0 || row.video_plays > 0 {
            1
        } else {
            0
        }
    }
    type Reach = (u8, f64, LeadCurrency);
    fn count<K: Ord + Copy>(marks: &BTreeMap<(K, i64), Reach>) -> BTreeMap<K, StepCounts> {
        let mut out: BTreeMap<K, StepCounts> = BTreeMap::new();
        for (&(group, _), &(level, value, currency)) in marks {
            let c = out.entry(group).or_default();
            c.visitors += 1;
            c.interested += u64::from(level >= 1);
            c.interacting += u64::from(level >= 2);
            c.leads += u64::from(level >= 3);
            c.lead_value += value;
            c.lead_currency = c.lead_currency.and(currency);
        }
        out
    }
    let key = |l: Option<i64>| l.map_or(BreakdownKey::None, BreakdownKey::Label);
    let mut total = BTreeMap::new();
    let mut days = BTreeMap::new();
    let mut dims: [BTreeMap<(BreakdownKey, i64), Reach>; 3] = Default::default();
    for row in rows
        .iter()
        .filter(|r| (query.from_day..=query.to_day).contains(&r.day))
    {
        fn merge<K: Ord>(map: &mut BTreeMap<K, Reach>, k: K, reach: Reach) {
            let e = map.entry(k).or_insert((0, 0.0, LeadCurrency::None));
            e.0 = e.0.max(reach.0);
            e.1 += reach.1;
            e.2 = e.2.and(reach.2);
        }
        let reach = (
            level(row, query.engaged_threshold_ms),
            row.lead_value,
            row.lead_currency,
        );
        merge(&mut total, ((), row.visitor), reach);
        merge(&mut days, (row.day, row.visitor), reach);
        for (d, label) in [row.path, row.referrer, row.campaign]
            .into_iter()
            .enumerate()
        {
            merge(&mut dims[d], (key(label), row.visitor), reach);
        }
    }
    let total = count(&total).remove(&()).unwrap_or_default();
    let by_day = count(&days);
    let daily = (query.from_day..=query.to_day)
        .map(|d| by_day.get(&d).copied().unwrap_or_default())
        .collect();
    let dims = dims.map(|m| count(&m).into_iter().collect());
    (total, daily, dims)
}

proptest::proptest! {
    #[test]
    fn the_counts_equal_the_plain_way(
        raw in proptest::collection::vec(
            (0i64..12, -1i64..5, proptest::option::of(0i64..7), proptest::option::of(0i64..3),
             0u64..20_000, 0u64..2, 0u8..4, 0u64..3, 0usize..3),
            0..60),
        offset in proptest::prop_oneof![proptest::strategy::Just(0i64), proptest::strategy::Just(1_000_000_000_000i64)],
    ) {
        let rows: Vec<PageViewRow> = raw
            .iter()
            .map(|&(visitor, day, path, referrer, engaged, downloads, flags, leads, currency)| PageViewRow {
                day: D0 + day,
                visitor,
                path: path.map(|p| p + offset),
                referrer: referrer.map(|r| r + offset),
                campaign: path.map(|p| p % 2 + offset),
                max_engaged_ms: engaged,
                downloads,
                video_plays: u64::from(flags & 1),
                calc_used: flags & 2 != 0,
                leads,
                lead_value: leads as f64 * 10.0,
                // No valued lead has no currency; the others are in dollars or euros.
                lead_currency: if leads == 0 { LeadCurrency::None } else { [LeadCurrency::from_code("USD"), LeadCurrency::from_code("EUR"), LeadCurrency::from_code("USD")][currency] },
                ..PageViewRow::default()
            })
            .collect();
        let funnel = compute_funnel(&query(10), &rows);
        let (total, daily, dims) = naive(&query(10), &rows);
        proptest::prop_assert_eq!(funnel.counts, total);
        let counted: Vec<StepCounts> = funnel.daily.iter().map(|(_, c)| *c).collect();
        proptest::prop_assert_eq!(counted, daily);
        for (rows_of, expected) in [&funnel.pages, &funnel.referrers, &funnel.campaigns].into_iter().zip(dims) {
            let mut got: Vec<(BreakdownKey, StepCounts)> = rows_of.iter().map(|r| (r.key, r.counts)).collect();
            got.sort_by_key(|a| a.0);
            proptest::prop_assert_eq!(got, expected);
        }
    }
}

#[test]
fn lead_values_in_two_currencies_are_never_added_up() {
    let usd = LeadCurrency::from_code("USD");
    let eur = LeadCurrency::from_code("EUR");
    assert_eq!(usd.code(), Some("USD"));
    assert_eq!(LeadCurrency::None.and(usd), usd);
    assert_eq!(usd.and(LeadCurrency::None), usd);
    assert_eq!(usd.and(usd), usd);
    assert_eq!(usd.and(eur), LeadCurrency::Several);
    assert_eq!(
        LeadCurrency::Several.and(LeadCurrency::None),
        LeadCurrency::Several
    );
    assert_eq!(LeadCurrency::from_code("usd"), LeadCurrency::Several);
    // Two visitors on the same page and day, a lead each: $500 and EUR 99.
    let rows = [
        PageViewRow {
            leads: 1,
            lead_value: 500.0,
            lead_currency: usd,
            ..row(D0, 1, ROI)
        },
        PageViewRow {
            leads: 1,
            lead_value: 99.0,
            lead_currency: eur,
            ..row(D0, 2, ROI)
        },
        PageViewRow {
            leads: 1,
            lead_value: 7.0,
            lead_currency: eur,
            ..row(D0 + 1, 3, PRICING)
        },
    ];
    let funnel = compute_funnel(&query(10), &rows);
    assert_eq!(funnel.counts.lead_currency, LeadCurrency::Several);
    assert_eq!(funnel.daily[0].1.lead_currency, LeadCurrency::Several);
    // A day, or a page, in one currency keeps its sum.
    assert_eq!(
        (
            funnel.daily[1].1.lead_value,
            funnel.daily[1].1.lead_currency
        ),
        (7.0, eur)
    );
    let labels = Labels::new(vec![(ROI, "/roi".into()), (PRICING, "/pricing".into())]);
    let json = canonical_json(&funnel_to_node(&funnel, &labels));
    assert!(
        json.contains(r#""from":"2026-11-23","lead_currency":null,"lead_value":null"#),
        "{json}"
    );
    assert!(json.contains(r#""day":"2026-11-24","interacting":1,"interested":1,"lead_currency":"EUR","lead_value":7"#), "{json}");
    let table = funnel_table(&funnel, FunnelTable::Funnel, &labels);
    assert_eq!(table[5], vec!["lead_value", "", "", ""]);
    let daily = funnel_table(&funnel, FunnelTable::Daily, &labels);
    assert_eq!(daily[1][5..], ["".to_string(), "".to_string()]);
    assert_eq!(daily[2][5..], ["7".to_string(), "EUR".to_string()]);
}
