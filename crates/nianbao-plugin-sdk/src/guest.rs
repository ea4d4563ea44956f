//! The plugin side of the ABI: what [`crate::export_plugin!`] wires an exporter into.
//!
//! Every function here runs its body under `catch_unwind`, so a panicking exporter becomes
//! [`STATUS_PANIC`] with its message instead of aborting the host.
#![allow(unsafe_code)] // the FFI boundary: raw pointers from the host, buffers handed back

use std::mem::ManuallyDrop;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use nianbao_core::{DOCUMENT_SCHEMA_VERSION, Exporter, INTERCHANGE_SCHEMA_VERSION};

use crate::abi::{Buffer, ExportRequest, PluginInfo, STATUS_ERROR, STATUS_OK, STATUS_PANIC};

/// The description of `exporter` as the host receives it.
pub fn info(exporter: &dyn Exporter) -> PluginInfo {
    PluginInfo {
        id: exporter.id().to_owned(),
        extension: exporter.extension().to_owned(),
        media_type: exporter.media_type().to_owned(),
        description: exporter.description().to_owned(),
        version: exporter.version().to_owned(),
        options: exporter.options(),
        sdk_version: env!("CARGO_PKG_VERSION").to_owned(),
        document_schema: DOCUMENT_SCHEMA_VERSION,
        interchange_schema: INTERCHANGE_SCHEMA_VERSION,
    }
}

/// Runs a request given as JSON bytes: the whole plugin-side `export`, minus the FFI.
pub fn export_json(exporter: &dyn Exporter, request: &[u8]) -> Result<Vec<u8>, String> {
    let request: ExportRequest<'_> = serde_json::from_slice(request)
        .map_err(|error| format!("the plugin cannot read the host's request: {error}"))?;
    let input = &request.input;
    if input.schema_version != INTERCHANGE_SCHEMA_VERSION
        || input.document.schema_version != DOCUMENT_SCHEMA_VERSION
    {
        return Err(format!(
            "the host sends interchange schema {} with document schema {}, this plugin was built for {} and {}",
            input.schema_version,
            input.document.schema_version,
            INTERCHANGE_SCHEMA_VERSION,
            DOCUMENT_SCHEMA_VERSION
        ));
    }
    for table in input.document.tables() {
        table
            .validate()
            .map_err(|error| format!("the host sent a malformed table: {error}"))?;
    }
    exporter
        .export(input.input(), &request.options)
        .map_err(|error| error.to_string())
}

/// Runs `body` under `catch_unwind` and hands its bytes (or its message) to the host in `out`.
///
/// # Safety
/// `out` must be valid for writes of one [`Buffer`].
unsafe fn respond(out: *mut Buffer, body: impl FnOnce() -> Result<Vec<u8>, String>) -> i32 {
    static QUIET: Once = Once::new();
    // The plugin has its own copy of std and so its own panic hook: silence it, since the
    // message goes back to the host, which reports it once.
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let (status, bytes) = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(bytes)) => (STATUS_OK, bytes),
        Ok(Err(message)) => (STATUS_ERROR, message.into_bytes()),
        Err(payload) => {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned());
            (STATUS_PANIC, message.into_bytes())
        }
    };
    let mut bytes = ManuallyDrop::new(bytes);
    let buffer = Buffer {
        ptr: bytes.as_mut_ptr(),
        len: bytes.len(),
        capacity: bytes.capacity(),
    };
    // SAFETY: the caller guarantees `out` is writable.
    unsafe { out.write(buffer) };
    status
}

/// `describe` of the table.
///
/// # Safety
/// `out` must be valid for writes of one [`Buffer`].
pub unsafe fn describe(exporter: &dyn Exporter, out: *mut Buffer) -> i32 {
    // SAFETY: forwarded from the caller.
    unsafe {
        respond(out, || {
            serde_json::to_vec(&info(exporter))
                .map_err(|error| format!("cannot describe the plugin: {error}"))
        })
    }
}

/// `export` of the table.
///
/// # Safety
/// `request` must point to `request_len` readable bytes for the duration of the call, and
/// `out` must be valid for writes of one [`Buffer`].
pub unsafe fn export(
    exporter: &dyn Exporter,
    request: *const u8,
    request_len: usize,
    out: *mut Buffer,
) -> i32 {
    // SAFETY: the host lends `request_len` bytes at `request` for this call.
    let request = if request.is_null() {
        &[][..]
    } else {
        unsafe { std::slice::from_raw_parts(request, request_len) }
    };
    // SAFETY: forwarded from the caller.
    unsafe { respond(out, || export_json(exporter, request)) }
}

/// `free` of the table: takes back a buffer this plugin filled.
///
/// # Safety
/// `buffer` must come from [`describe`] or [`export`] of this plugin and be freed only once.
pub unsafe extern "C" fn free(buffer: Buffer) {
    if !buffer.ptr.is_null() {
        // SAFETY: the buffer was a Vec<u8> of this allocator, given up in `respond`.
        drop(unsafe { Vec::from_raw_parts(buffer.ptr, buffer.len, buffer.capacity) });
    }
}
