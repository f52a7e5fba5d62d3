//! A library built "for another Dateline": its entry returns a header of ABI version 2.
//! The header layout (magic, version, table) is the part every version shares.

use std::ffi::c_void;

/// The header of every Dateline plugin library.
#[repr(C)]
pub struct Header {
    magic: u64,
    abi_version: u32,
    vtable: *const c_void,
}

// SAFETY: immutable static data.
unsafe impl Sync for Header {}

static HEADER: Header = Header {
    magic: u64::from_le_bytes(*b"DATELINE"),
    abi_version: 2,
    vtable: std::ptr::null(),
};

/// The entry point, as a plugin of ABI version 2 would export it.
#[unsafe(no_mangle)]
pub extern "C" fn dateline_plugin_entry() -> *const Header {
    &HEADER
}
