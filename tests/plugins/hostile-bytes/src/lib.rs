//! A plugin library as a careless C author might write it: it fills the C ABI's table by
//! hand instead of using `export_plugin!`, so nothing stops it from answering with bytes
//! Dateline must refuse. An enricher; what it does to a record depends on its body:
//!
//! - `BADUTF8`: the answer's record carries a string that is not UTF-8;
//! - `OUTSIDE`: the answer's record has a quote that ends past the body;
//! - `NOISE`: the answer is not a message at all;
//! - anything else: a well-formed answer that sets `extra.hostile = "fine"`.
//!
//! Dateline must fail only the record concerned, name the plugin, and write the rest.

use std::ffi::c_void;
use std::ptr;

use dateline_plugin::abi::{Bytes, Header, MAGIC, VTableV1};
use dateline_plugin::protocol::{ABI_VERSION, Hello, Item, Request, Response};
use dateline_plugin::{Document, Kind, Quote, QuoteKind, wire};

extern "C" fn info() -> Bytes {
    let hello = Hello {
        dateline_plugin: ABI_VERSION,
        name: "hostile-bytes".into(),
        version: "0.1.0".into(),
        kind: Kind::Enrich,
        description: "answers with bytes Dateline must refuse".into(),
        requires: vec!["body".into()],
        provides: vec!["extra".into(), "quotes".into()],
        config_keys: Default::default(),
    };
    Bytes::from_vec(wire::encode(&hello).expect("encodes"))
}

extern "C" fn validate(_request: *const u8, _len: usize) -> Bytes {
    Bytes::from_vec(wire::encode(&Response::default()).expect("encodes"))
}

extern "C" fn create(_request: *const u8, _len: usize, response: *mut Bytes) -> *mut c_void {
    // SAFETY: the host passes a valid out-pointer.
    unsafe { *response = Bytes::from_vec(wire::encode(&Response::default()).expect("encodes")) };
    // Any non-null pointer will do: the instance holds no state.
    ptr::NonNull::<u8>::dangling().as_ptr().cast()
}

/// The marker a record's answer carries where its bytes will be broken.
const MARKER: &[u8] = b"BROKEN-UTF8-HERE";

extern "C" fn call(_instance: *mut c_void, request: *const u8, len: usize) -> Bytes {
    // SAFETY: the host passes `len` readable bytes.
    let request = unsafe { std::slice::from_raw_parts(request, len) };
    let Ok(Request::Enrich { records }) = wire::decode::<Request>(request) else {
        return Bytes::from_vec(wire::encode(&Response::failed("enrich only")).expect("encodes"));
    };
    if records.iter().any(|r| r.body.contains("NOISE")) {
        return Bytes::from_vec(vec![0xc1, 0xff, 0x00, 0x13, 0x37]);
    }
    let items = records.into_iter().map(answer).collect();
    let mut bytes = wire::encode(&Response {
        items,
        ..Response::default()
    })
    .expect("encodes");
    // Break the marker's bytes in place: the MessagePack string keeps its length but is no
    // longer UTF-8.
    while let Some(at) = bytes.windows(MARKER.len()).position(|w| w == MARKER) {
        bytes[at] = 0xff;
        bytes[at + 1] = 0xfe;
    }
    Bytes::from_vec(bytes)
}

fn answer(record: Document) -> Item {
    let mut out = Document::new(record.source.clone());
    if record.body.contains("BADUTF8") {
        out.extra
            .insert("hostile".into(), String::from_utf8_lossy(MARKER).into());
    } else if record.body.contains("OUTSIDE") {
        let end = record.body.chars().count() + 10;
        out.quotes.push(Quote {
            start: 0,
            end,
            text: "far".into(),
            field: None,
            speaker: None,
            speaker_text: None,
            cue: None,
            kind: QuoteKind::Direct,
        });
    } else {
        out.extra.insert("hostile".into(), "fine".into());
    }
    Item::Record(Box::new(out))
}

extern "C" fn free_bytes(bytes: Bytes) {
    // SAFETY: every buffer handed out came from `Bytes::from_vec` in this library.
    drop(unsafe { bytes.into_vec() });
}

extern "C" fn destroy(_instance: *mut c_void) {}

extern "C" fn last_error() -> Bytes {
    Bytes::from_vec(Vec::new())
}

static VTABLE: VTableV1 = VTableV1 {
    info,
    validate,
    create,
    call,
    free_bytes,
    destroy,
    last_error,
};

static HEADER: Header = Header {
    magic: MAGIC,
    abi_version: ABI_VERSION,
    vtable: &VTABLE as *const VTableV1 as *const c_void,
};

/// The entry point Dateline looks for.
#[unsafe(no_mangle)]
pub extern "C" fn dateline_plugin_entry() -> *const Header {
    &HEADER
}
