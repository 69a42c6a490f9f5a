//! `GET /api/funnel` and `GET /api/funnel.csv` (docs/engagement.md, "The
//! Develop funnel"): the query read and checked by the core
//! (`FunnelQuery::read`, today from the server's clock), the page views
//! read from the store's aggregates, the figures and the tables made by
//! the core; here are only the query string, the CSV writer and the
//! answers. Same origin rules as `/api/engagement`.

use yardstick_core::engagement::funnel::FunnelQuery;
use yardstick_core::engagement::funnel_dates::format_day;
use yardstick_core::engagement::funnel_report::{funnel_table, funnel_to_node, FunnelTable};
use yardstick_core::engagement::page_view::day_of;
use yardstick_core::json::canonical_json;

use crate::api::query_value;
use crate::collect::{now_ms, Origins};
use crate::http::{Request, Response};
use crate::store::Store;

/// Answers `GET /api/funnel[?from=&to=&engaged_s=]`.
pub fn funnel(origins: &Origins, store: &Store, request: &Request) -> Response {
    answer_for(origins, request, |query| json_answer(store, query))
}

/// Answers `GET /api/funnel.csv?table=NAME[&from=&to=&engaged_s=]`.
pub fn funnel_csv(origins: &Origins, store: &Store, request: &Request) -> Response {
    answer_for(origins, request, |query| csv_answer(store, query))
}

fn answer_for(
    origins: &Origins,
    request: &Request,
    answer: impl FnOnce(&str) -> Response,
) -> Response {
    match origins.check(request) {
        Ok(origin) => Origins::decorate(answer(request.query()), origin.as_deref()),
        Err(refused) => Origins::decorate(refused, None),
    }
}

/// The query's funnel parameters, read by the core, or the 400 answer.
fn read_query(query: &str, today_ms: i64) -> Result<FunnelQuery, Response> {
    let value = |key| query_value(query, key);
    let (from, to, engaged_s) = match (value("from"), value("to"), value("engaged_s")) {
        (Ok(from), Ok(to), Ok(engaged_s)) => (from, to, engaged_s),
        _ => return Err(Response::error(400, "the query has a malformed escape")),
    };
    FunnelQuery::read(
        from.as_deref(),
        to.as_deref(),
        engaged_s.as_deref(),
        day_of(today_ms as f64),
    )
    .map_err(|err| Response::error(400, &err.to_string()))
}

/// The JSON answer for the query string `query` (without `?`).
fn json_answer(store: &Store, query: &str) -> Response {
    let funnel_query = match read_query(query, now_ms()) {
        Ok(q) => q,
        Err(refused) => return refused,
    };
    match store.funnel(&funnel_query) {
        Ok((funnel, labels)) => {
            Response::json(200, canonical_json(&funnel_to_node(&funnel, &labels)))
        }
        Err(err) => {
            eprintln!("yardstick-serve: {err}");
            Response::error(500, "the funnel could not be read")
        }
    }
}

fn csv_answer(store: &Store, query: &str) -> Response {
    let table = match query_value(query, "table") {
        Ok(Some(name)) => match FunnelTable::parse(&name) {
            Some(table) => table,
            None => return Response::error(400, TABLE_NAMES),
        },
        Ok(None) => return Response::error(400, TABLE_NAMES),
        Err(message) => return Response::error(400, message),
    };
    let funnel_query = match read_query(query, now_ms()) {
        Ok(q) => q,
        Err(refused) => return refused,
    };
    let (funnel, labels) = match store.funnel(&funnel_query) {
        Ok(answer) => answer,
        Err(err) => {
            eprintln!("yardstick-serve: {err}");
            return Response::error(500, "the funnel could not be read");
        }
    };
    match write_csv(&funnel_table(&funnel, table, &labels)) {
        Ok(bytes) => {
            let name = FunnelTable::ALL
                .iter()
                .find_map(|(name, t)| (*t == table).then_some(*name))
                .unwrap_or("funnel");
            let from = &funnel_query.from_day;
            let to = &funnel_query.to_day;
            Response::new(200, "text/csv; charset=utf-8", bytes).with_header(
                "Content-Disposition",
                format!(
                    "attachment; filename=\"funnel-{name}-{}-{}.csv\"",
                    format_day(*from),
                    format_day(*to)
                ),
            )
        }
        Err(err) => {
            eprintln!("yardstick-serve: cannot write the CSV: {err}");
            Response::error(500, "the CSV could not be written")
        }
    }
}

const TABLE_NAMES: &str = "table must be funnel, daily, pages, referrers or campaigns";

/// The rows as CSV (RFC 4180 quoting, CRLF line ends); the core already
/// made every cell safe for spreadsheets.
fn write_csv(rows: &[Vec<String>]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row)?;
    }
    writer
        .into_inner()
        .map_err(|err| csv::Error::from(err.into_error()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let rows = vec![
            vec!["path".to_string(), "visitors".to_string()],
            vec!["/a,b \"c\"".to_string(), "'=1".to_string()],
        ];
        let text = String::from_utf8(write_csv(&rows).unwrap()).unwrap();
        assert_eq!(text, "path,visitors\r\n\"/a,b \"\"c\"\"\",'=1\r\n");
    }
}
