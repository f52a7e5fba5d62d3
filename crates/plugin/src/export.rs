//! What [`crate::export_plugin!`] expands to: the plugin side of the C ABI.

use std::cell::RefCell;
use std::ffi::c_void;
use std::marker::PhantomData;
use std::sync::OnceLock;

use dateline_core::{Enrich, Factory, Parse, Plugin, Sink};

use crate::abi::{Bytes, Header, MAGIC, VTableV1};
use crate::protocol::{ABI_VERSION, Request, Response};
use crate::serve::{self, Served, catch};
use crate::wire;
use dateline_core::error::chain;

static FACTORY: OnceLock<Box<dyn Factory>> = OnceLock::new();

thread_local! {
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
}

static VTABLE: VTableV1 = VTableV1 {
    info: abi_info,
    validate: abi_validate,
    create: abi_create,
    call: abi_call,
    free_bytes: abi_free_bytes,
    destroy: abi_destroy,
    last_error: abi_last_error,
};

static HEADER: Header = Header {
    magic: MAGIC,
    abi_version: ABI_VERSION,
    vtable: &VTABLE as *const VTableV1 as *const c_void,
};

/// Registers the library's plugin (once) and returns the header; called by the exported entry.
pub fn header(factory: impl FnOnce() -> Box<dyn Factory>) -> *const Header {
    FACTORY.get_or_init(factory);
    &HEADER
}

fn factory() -> &'static dyn Factory {
    FACTORY
        .get()
        .expect("the entry point registers the plugin first")
        .as_ref()
}

fn json_bytes(value: &impl serde::Serialize) -> Bytes {
    Bytes::from_vec(
        wire::encode(value).unwrap_or_else(|e| {
            wire::encode(&Response::failed(chain(&e))).expect("a failure encodes")
        }),
    )
}

/// Reads a request the host passed.
///
/// # Safety
/// `ptr` must point at `len` readable bytes.
unsafe fn request(ptr: *const u8, len: usize) -> Result<Request, String> {
    // SAFETY: the host passes a live buffer of `len` bytes for the duration of the call.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    wire::decode(bytes).map_err(|e| chain(&e))
}

extern "C" fn abi_info() -> Bytes {
    match catch(|| serve::hello(factory())) {
        Ok(hello) => json_bytes(&hello),
        Err(panic) => json_bytes(&Response::failed(panic)),
    }
}

extern "C" fn abi_validate(ptr: *const u8, len: usize) -> Bytes {
    // SAFETY: see `request`.
    let response = match unsafe { request(ptr, len) } {
        Ok(request) => {
            catch(|| serve::validate(factory(), request)).unwrap_or_else(Response::failed)
        }
        Err(e) => Response::failed(e),
    };
    json_bytes(&response)
}

extern "C" fn abi_create(ptr: *const u8, len: usize, out: *mut Bytes) -> *mut c_void {
    // SAFETY: see `request`.
    let (served, response) = match unsafe { request(ptr, len) } {
        Ok(request) => catch(|| serve::configure(factory(), request))
            .unwrap_or_else(|p| (None, Response::failed(p))),
        Err(e) => (None, Response::failed(e)),
    };
    if let Some(error) = &response.error {
        LAST_ERROR.with(|last| *last.borrow_mut() = error.clone());
    }
    if !out.is_null() {
        // SAFETY: the host passes a pointer to a writable Bytes slot.
        unsafe { out.write(json_bytes(&response)) };
    }
    match served {
        Some(served) => Box::into_raw(Box::new(served)) as *mut c_void,
        None => std::ptr::null_mut(),
    }
}

extern "C" fn abi_call(instance: *mut c_void, ptr: *const u8, len: usize) -> Bytes {
    if instance.is_null() {
        return json_bytes(&Response::failed("no instance"));
    }
    // SAFETY: `instance` came from `abi_create` and is not destroyed while calls run.
    let served = unsafe { &*(instance as *const Served) };
    // SAFETY: see `request`.
    let response = match unsafe { request(ptr, len) } {
        Ok(request) => served.handle(request),
        Err(e) => Response::failed(e),
    };
    json_bytes(&response)
}

extern "C" fn abi_free_bytes(bytes: Bytes) {
    // SAFETY: the host returns buffers this library allocated, once each.
    drop(unsafe { bytes.into_vec() });
}

extern "C" fn abi_destroy(instance: *mut c_void) {
    if !instance.is_null() {
        // SAFETY: `instance` came from `abi_create`; the host destroys it once.
        let _ = catch(|| drop(unsafe { Box::from_raw(instance as *mut Served) }));
    }
}

extern "C" fn abi_last_error() -> Bytes {
    Bytes::from_vec(LAST_ERROR.with(|last| last.borrow().clone().into_bytes()))
}

/// Picks the factory for a plugin type by the role it implements (autoref specialization:
/// the first impl whose bounds hold wins, so `export_plugin!(T)` needs no role argument).
#[doc(hidden)]
pub struct Probe<T>(PhantomData<fn() -> T>);

impl<T> Probe<T> {
    #[doc(hidden)]
    pub const fn new() -> Self {
        Probe(PhantomData)
    }
}

impl<T> Default for Probe<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[doc(hidden)]
pub trait AsEnricher {
    fn factory(&self) -> Box<dyn Factory>;
}
impl<T: Plugin + Enrich + 'static> AsEnricher for &&Probe<T> {
    fn factory(&self) -> Box<dyn Factory> {
        dateline_core::enricher::<T>()
    }
}

#[doc(hidden)]
pub trait AsParser {
    fn factory(&self) -> Box<dyn Factory>;
}
impl<T: Plugin + Parse + 'static> AsParser for &Probe<T> {
    fn factory(&self) -> Box<dyn Factory> {
        dateline_core::parser::<T>()
    }
}

#[doc(hidden)]
pub trait AsSink {
    fn factory(&self) -> Box<dyn Factory>;
}
impl<T: Plugin + Sink + 'static> AsSink for Probe<T> {
    fn factory(&self) -> Box<dyn Factory> {
        dateline_core::sink::<T>()
    }
}

/// Exports a plugin type from a `cdylib` crate so that Dateline can load it by path.
///
/// The type implements [`Plugin`] and one of [`Parse`], [`Enrich`] or [`Sink`]; the
/// macro works out which. One plugin per library.
///
/// ```ignore
/// dateline_plugin::export_plugin!(ReadingTime);
/// ```
#[macro_export]
macro_rules! export_plugin {
    ($plugin:ty) => {
        /// The Dateline plugin entry point.
        #[unsafe(no_mangle)]
        pub extern "C" fn dateline_plugin_entry() -> *const $crate::abi::Header {
            #[allow(unused_imports)]
            use $crate::export::{AsEnricher as _, AsParser as _, AsSink as _};
            $crate::export::header(|| (&&&$crate::export::Probe::<$plugin>::new()).factory())
        }
    };
}
