//! The C ABI between Dateline and a plugin library.
//!
//! A library exports one symbol, [`ENTRY_SYMBOL`], a function returning a pointer to a
//! [`Header`]. The header's layout never changes: a magic number and the ABI version,
//! which the host checks before it looks at anything else. For version 1 the header
//! points at a [`VTableV1`]. Every function exchanges messages of [`crate::protocol`],
//! encoded as MessagePack (see [`crate::wire`]), as [`Bytes`]: the host passes pointers to its own buffers, the
//! plugin returns buffers it allocated, and the host hands them back to the plugin's
//! `free_bytes` (each side frees only what it allocated: their allocators differ).
//! No Rust type or trait object crosses; every panic is caught on the plugin side.

use std::ffi::c_void;

/// "DATELINE" as a little-endian u64: the first field of every header.
pub const MAGIC: u64 = u64::from_le_bytes(*b"DATELINE");

/// The exported symbol (a nul-terminated C name).
pub const ENTRY_SYMBOL: &[u8] = b"dateline_plugin_entry\0";

/// The type of [`ENTRY_SYMBOL`].
pub type Entry = unsafe extern "C" fn() -> *const Header;

/// The stable front of every plugin library.
#[repr(C)]
pub struct Header {
    /// [`MAGIC`].
    pub magic: u64,
    /// The ABI version of the table `vtable` points at.
    pub abi_version: u32,
    /// A `*const VTableV1` when `abi_version` is 1.
    pub vtable: *const c_void,
}

// SAFETY: the header is immutable static data.
unsafe impl Sync for Header {}

/// A buffer allocated by the plugin, returned to it for freeing.
#[repr(C)]
pub struct Bytes {
    /// Start of the bytes.
    pub ptr: *mut u8,
    /// Length.
    pub len: usize,
    /// Capacity (the plugin needs it to free).
    pub cap: usize,
}

impl Bytes {
    /// Hands a vector over the boundary.
    pub fn from_vec(bytes: Vec<u8>) -> Bytes {
        let mut bytes = std::mem::ManuallyDrop::new(bytes);
        Bytes {
            ptr: bytes.as_mut_ptr(),
            len: bytes.len(),
            cap: bytes.capacity(),
        }
    }

    /// Takes back a buffer this side allocated.
    ///
    /// # Safety
    /// `self` must come from [`Bytes::from_vec`] in the same library, and be used once.
    pub unsafe fn into_vec(self) -> Vec<u8> {
        // SAFETY: the caller guarantees the parts came from a Vec of this allocator.
        unsafe { Vec::from_raw_parts(self.ptr, self.len, self.cap) }
    }
}

/// The functions of ABI version 1. All take and return [`crate::protocol`] messages in
/// MessagePack ([`crate::wire`]).
#[repr(C)]
pub struct VTableV1 {
    /// The plugin's [`crate::protocol::Hello`].
    pub info: extern "C" fn() -> Bytes,
    /// Answers a `validate` request.
    pub validate: extern "C" fn(request: *const u8, len: usize) -> Bytes,
    /// Builds an instance from a `configure` request; writes the response to `response`.
    /// Returns null on failure (the response and `last_error` say why).
    pub create: extern "C" fn(request: *const u8, len: usize, response: *mut Bytes) -> *mut c_void,
    /// Answers one request (a batch of records) with a response. Safe to call from several
    /// threads at once for parsers and enrichers; a sink's calls come one at a time.
    pub call: extern "C" fn(instance: *mut c_void, request: *const u8, len: usize) -> Bytes,
    /// Frees a buffer the plugin returned.
    pub free_bytes: extern "C" fn(bytes: Bytes),
    /// Destroys an instance.
    pub destroy: extern "C" fn(instance: *mut c_void),
    /// The message of the last failed `create` on this thread (empty if none).
    pub last_error: extern "C" fn() -> Bytes,
}
