//! The files of a `multipart/form-data` body (RFC 7578), as a browser's
//! `FormData` or `curl -F` sends them: each part's file name (or, without
//! one, its field name) and its bytes, borrowed from the body. Only what
//! the success import needs: no nested multiparts, no transfer encodings
//! (RFC 7578 forbids them), part headers bounded, parts bounded. The work
//! is linear in the body: a delimiter is looked for only at a CR, and a
//! boundary holds no CR.

/// More parts than any import has files; beyond it the body is refused.
pub const MAX_PARTS: usize = 32;

/// A part's headers larger than this are refused (a browser sends two
/// short lines).
const MAX_PART_HEADER_BYTES: usize = 8 * 1024;

/// RFC 2046's longest boundary.
const MAX_BOUNDARY_BYTES: usize = 70;

/// One part: the name it came with and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct FormFile<'a> {
    pub name: String,
    pub bytes: &'a [u8],
}

/// The boundary of a `Content-Type: multipart/form-data; boundary=…`
/// header, or `None` when it is another type or has no usable boundary.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let media = params.next()?.trim();
    if !media.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let value = params.find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| unquote(value.trim()).to_string())
    })?;
    let usable =
        !value.is_empty() && value.len() <= MAX_BOUNDARY_BYTES && !value.contains(['\r', '\n']);
    usable.then_some(value)
}

/// The parts of `body`, in order, or why the body is not a form.
pub fn form_files<'a>(boundary: &str, body: &'a [u8]) -> Result<Vec<FormFile<'a>>, String> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    // The first delimiter starts the body or follows the preamble's CRLF.
    let mut at = if body.starts_with(delimiter) {
        delimiter.len()
    } else {
        next_delimiter(body, 0, delimiter)
            .ok_or("the form has no part")?
            .1
    };
    let mut files = Vec::new();
    loop {
        let rest = body.get(at..).unwrap_or_default();
        if rest.starts_with(b"--") {
            return Ok(files);
        }
        if !rest.starts_with(b"\r\n") {
            return Err("a form delimiter is not followed by a line break".into());
        }
        if files.len() == MAX_PARTS {
            return Err(format!("more than {MAX_PARTS} parts in the form"));
        }
        let headers_start = at + 2;
        let headers_end = find(body, headers_start, b"\r\n\r\n")
            .filter(|end| end - headers_start <= MAX_PART_HEADER_BYTES)
            .ok_or("a form part's headers do not end (or are too long)")?;
        let headers = body.get(headers_start..headers_end).unwrap_or_default();
        let name = part_name(headers).ok_or("a form part has no name")?;
        let content_start = headers_end + 4;
        let (content_end, next) = next_delimiter(body, content_start, delimiter)
            .ok_or("the form's last delimiter is missing")?;
        let bytes = body.get(content_start..content_end).unwrap_or_default();
        files.push(FormFile { name, bytes });
        at = next;
    }
}

/// The next `CRLF--boundary` from `from`: where it starts and where the
/// text after it starts.
fn next_delimiter(body: &[u8], from: usize, delimiter: &[u8]) -> Option<(usize, usize)> {
    let mut at = from;
    loop {
        let start = find(body, at, b"\r\n")?;
        let after = start + 2;
        if body.get(after..)?.starts_with(delimiter) {
            return Some((start, after + delimiter.len()));
        }
        at = start + 1;
    }
}

/// Where `needle` (which starts with a CR and holds no other) first occurs
/// in `body` from `from`.
fn find(body: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut at = from;
    loop {
        let rest = body.get(at..)?;
        let offset = rest.iter().position(|&byte| byte == b'\r')?;
        let start = at + offset;
        if body.get(start..)?.starts_with(needle) {
            return Some(start);
        }
        at = start + 1;
    }
}

/// The part's file name, else its field name, from its
/// `Content-Disposition: form-data; name="…"; filename="…"` header.
fn part_name(headers: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(headers).ok()?;
    let disposition = text.split("\r\n").find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case("content-disposition")
            .then_some(value)
    })?;
    let param = |wanted: &str| {
        disposition.split(';').skip(1).find_map(|param| {
            let (key, value) = param.split_once('=')?;
            key.trim()
                .eq_ignore_ascii_case(wanted)
                .then(|| unquote(value.trim()).to_string())
        })
    };
    param("filename")
        .filter(|name| !name.is_empty())
        .or_else(|| param("name"))
        .filter(|name| !name.is_empty())
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(value)
}

#[cfg(test)]
#[path = "form_data_test.rs"]
mod tests;
