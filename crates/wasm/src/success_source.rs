//! Where `SuccessPortfolio` reads the data document from: JSON text, or
//! its UTF-8 bytes in a `Uint8Array` the page fetched
//! (`response.arrayBuffer()`), read a megabyte at a time so the document
//! is never copied whole into wasm memory (it can be hundreds of
//! megabytes; the page's copy lives outside the wasm heap). Transport
//! only: serde_json parses, the core checks.

use super::js::Bytes;
use std::io::{BufReader, Read};

/// The most bytes copied from JavaScript at a time.
const SLICE_BYTES: u32 = 1 << 20;

/// The data document as the page passed it.
pub enum DataSource {
    /// JSON text (copied into wasm memory by the call).
    Text(String),
    /// UTF-8 bytes, read in slices.
    Bytes(Bytes),
}

impl DataSource {
    /// Whether the first byte that is not white space opens an object.
    pub fn opens_object(&self) -> bool {
        match self {
            DataSource::Text(text) => text.trim_start().starts_with('{'),
            DataSource::Bytes(bytes) => {
                let mut reader = BytesReader::new(bytes);
                let mut byte = [0_u8; 1];
                while reader.read(&mut byte).unwrap_or(0) == 1 {
                    if !byte[0].is_ascii_whitespace() {
                        return byte[0] == b'{';
                    }
                }
                false
            }
        }
    }
}

/// A `Uint8Array` read front to back, in slices of at most
/// [`SLICE_BYTES`]. Wrapped in a `BufReader` of that size: std reads its
/// bytes one by one from the buffer without a call per byte, which is how
/// serde_json reads.
pub struct BytesReader<'a> {
    bytes: &'a Bytes,
    length: u32,
    /// The next byte of `bytes` to copy.
    next: u32,
}

impl<'a> BytesReader<'a> {
    /// From the array's first byte, buffered.
    pub fn new(bytes: &'a Bytes) -> BufReader<BytesReader<'a>> {
        let reader = BytesReader {
            bytes,
            length: bytes.length(),
            next: 0,
        };
        BufReader::with_capacity(SLICE_BYTES as usize, reader)
    }
}

impl Read for BytesReader<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let wanted = u32::try_from(out.len())
            .unwrap_or(u32::MAX)
            .min(SLICE_BYTES);
        let end = self.next.saturating_add(wanted).min(self.length);
        if end <= self.next {
            return Ok(0);
        }
        let slice = self.bytes.slice_to_vec(self.next, end);
        let count = slice.len().min(out.len());
        if let (Some(target), Some(source)) = (out.get_mut(..count), slice.get(..count)) {
            target.copy_from_slice(source);
        }
        self.next = self.next.saturating_add(count as u32);
        Ok(count)
    }
}
