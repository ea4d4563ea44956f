//! The frames the tool and a plugin host exchange.
//!
//! A frame is a 24-byte header, then `len` bytes of payload:
//!
//! | bytes | field |
//! |---|---|
//! | 0..4 | magic `NBH1` |
//! | 4..8 | `kind`, little-endian `u32`: a request kind, or the status of an answer |
//! | 8..16 | `id`, little-endian `u64`: an answer carries the id of its request |
//! | 16..24 | `len`, little-endian `u64` |
//!
//! The tool sends [`LOAD`] once, first, with [`LoadRequest`] as JSON; the host answers with the
//! status and bytes of the plugin's `describe`, or [`LOAD_FAILED`] and a
//! [`crate::library::LoadProblem`] as JSON. Then the tool sends [`EXPORT`] frames whose payload
//! is the plugin's export request, byte for byte what an in-process plugin receives; the host
//! runs each on a thread of its own and answers in any order, with the plugin's status
//! (`STATUS_OK`, `STATUS_ERROR`, `STATUS_PANIC`, or whatever else it returned) and bytes, or
//! [`TOO_LARGE`] and the size the plugin returned. The magic catches a plugin that writes into
//! the channel.

use std::io::{self, Read, Write};

use serde::{Deserialize, Serialize};

/// The version of this protocol; a host that speaks another refuses the [`LOAD`].
pub(crate) const PROTOCOL_VERSION: u32 = 1;

/// The first four bytes of every frame.
const MAGIC: [u8; 4] = *b"NBH1";
/// Size of a frame header.
const HEADER: usize = 24;

/// Request: load the library and describe the plugin.
pub(crate) const LOAD: u32 = 1;
/// Request: export; the payload is the plugin's JSON request.
pub(crate) const EXPORT: u32 = 2;

/// Answer: the library cannot be used; the payload is a `LoadProblem` as JSON.
pub(crate) const LOAD_FAILED: u32 = 0x1000;
/// Answer: the plugin returned more than the output limit; the payload is the size it
/// returned, a little-endian `u64`.
pub(crate) const TOO_LARGE: u32 = 0x1001;
/// Answer: the host could not do what was asked; the payload is a UTF-8 message.
pub(crate) const HOST_ERROR: u32 = 0x1002;

/// The payload of [`LOAD`].
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct LoadRequest {
    /// [`PROTOCOL_VERSION`] of the tool.
    pub protocol: u32,
    /// The largest output the host passes on; larger ones are answered with [`TOO_LARGE`].
    pub output_limit: u64,
}

/// A frame's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    /// Request kind or answer status.
    pub kind: u32,
    /// The request's id.
    pub id: u64,
    /// Length of the payload.
    pub len: u64,
}

/// Writes one frame. The caller holds the writer alone for the call, so frames never
/// interleave.
pub(crate) fn write_frame(
    writer: &mut impl Write,
    kind: u32,
    id: u64,
    payload: &[u8],
) -> io::Result<()> {
    let mut header = [0u8; HEADER];
    header[..4].copy_from_slice(&MAGIC);
    header[4..8].copy_from_slice(&kind.to_le_bytes());
    header[8..16].copy_from_slice(&id.to_le_bytes());
    header[16..].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    writer.write_all(&header)?;
    writer.write_all(payload)?;
    writer.flush()
}

/// Reads a frame's header; `None` at the end of the stream before a header starts.
pub(crate) fn read_header(reader: &mut impl Read) -> io::Result<Option<Header>> {
    let mut header = [0u8; HEADER];
    let mut filled = 0;
    while filled < HEADER {
        match reader.read(&mut header[filled..]) {
            Ok(0) if filled == 0 => return Ok(None),
            Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => filled += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    if header[..4] != MAGIC {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "a frame starts with {:?} instead of {:?}",
                String::from_utf8_lossy(&header[..4]),
                String::from_utf8_lossy(&MAGIC)
            ),
        ));
    }
    let word = |range: std::ops::Range<usize>| {
        let mut bytes = [0u8; 8];
        bytes[..range.len()].copy_from_slice(&header[range]);
        u64::from_le_bytes(bytes)
    };
    Ok(Some(Header {
        kind: word(4..8) as u32,
        id: word(8..16),
        len: word(16..24),
    }))
}

/// Reads a payload of `len` bytes.
pub(crate) fn read_payload(reader: &mut impl Read, len: u64) -> io::Result<Vec<u8>> {
    let len = usize::try_from(len).map_err(|_| io::Error::from(io::ErrorKind::OutOfMemory))?;
    let mut payload = vec![0u8; len];
    reader.read_exact(&mut payload)?;
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_reads_back_as_written() {
        let mut wire = Vec::new();
        write_frame(&mut wire, EXPORT, 7, b"{\"input\":1}").expect("written");
        write_frame(&mut wire, TOO_LARGE, u64::MAX, &[]).expect("written");
        let mut reader = &wire[..];
        let first = read_header(&mut reader).expect("read").expect("a frame");
        assert_eq!(
            first,
            Header {
                kind: EXPORT,
                id: 7,
                len: 11
            }
        );
        assert_eq!(
            read_payload(&mut reader, first.len).expect("payload"),
            b"{\"input\":1}"
        );
        let second = read_header(&mut reader).expect("read").expect("a frame");
        assert_eq!(
            (second.kind, second.id, second.len),
            (TOO_LARGE, u64::MAX, 0)
        );
        assert!(read_header(&mut reader).expect("clean end").is_none());
    }

    #[test]
    fn text_in_the_channel_is_caught_by_the_magic() {
        let mut reader = &b"hello from the plugin's stdout\n"[..];
        let error = read_header(&mut reader).expect_err("not a frame");
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert!(error.to_string().contains("\"hell\""), "{error}");
    }

    #[test]
    fn a_header_cut_short_is_an_error_not_an_end() {
        let mut reader = &b"NBH1\x02\0"[..];
        let error = read_header(&mut reader).expect_err("cut short");
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }
}
