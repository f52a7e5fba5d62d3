//! Loading a plugin library (host side): checks, the C calls, and a [`Factory`] over them.

use std::collections::BTreeMap;
use std::ffi::c_void;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dateline_core::error::{PathError, chain};
use dateline_core::{Factory, Host, Instance, PluginError, PluginInfo};
use sha2::Digest;

use crate::abi::{Bytes, ENTRY_SYMBOL, Entry, Header, MAGIC, VTableV1};
use crate::client::{self, Transport};
use crate::protocol::{ABI_VERSION, Hello, Request, Response};

/// A loaded plugin library. Libraries are loaded once and never unloaded: code of a
/// plugin may still be referenced (by a thread-local destructor, say) until exit.
pub struct LibraryPlugin {
    path: PathBuf,
    vtable: &'static VTableV1,
    hello: Hello,
}

impl std::fmt::Debug for LibraryPlugin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LibraryPlugin")
            .field("path", &self.path)
            .field("hello", &self.hello)
            .finish()
    }
}

/// The SHA-256 of a file, as lowercase hex.
pub fn sha256_hex(path: &Path) -> std::io::Result<String> {
    sha256_of(&mut std::fs::File::open(path)?)
}

/// The SHA-256 of an open file's bytes from its start, as lowercase hex.
fn sha256_of(file: &mut std::fs::File) -> std::io::Result<String> {
    use std::io::{Read, Seek};
    file.rewind()?;
    let mut hasher = sha2::Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// The name to load an open file by: on Linux its descriptor's `/proc` entry, so that
/// what is loaded is the very file that was checked, even if the path is replaced in
/// between; elsewhere the path itself.
fn load_name(file: &std::fs::File, path: &Path) -> PathBuf {
    use std::os::fd::AsRawFd;
    let by_descriptor = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
    if by_descriptor.exists() {
        by_descriptor
    } else {
        path.to_path_buf()
    }
}

/// Why a plugin library was not loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The path names no file.
    #[error("cannot find plugin library {}", .path.display())]
    NotFound {
        /// The path as the pipeline gives it.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file or its directory cannot be read.
    #[error(transparent)]
    Unreadable(#[from] PathError),
    /// Anyone could replace the code: the file or its directory is writable by all.
    #[error(
        "refusing to load {}: {what} ({}) is writable by anyone, so anyone could replace the code",
        .path.display(),
        .checked.display()
    )]
    WritableByAnyone {
        /// The library.
        path: PathBuf,
        /// "its directory" or "the file".
        what: &'static str,
        /// The path found writable.
        checked: PathBuf,
    },
    /// The file is not the one the pipeline pins.
    #[error(
        "refusing to load {}: its SHA-256 is {actual}{when}, but the pipeline pins {expected}",
        .path.display()
    )]
    NotPinned {
        /// The library.
        path: PathBuf,
        /// Its SHA-256.
        actual: String,
        /// The pin.
        expected: String,
        /// "" before loading, or that it changed while it was loaded.
        when: &'static str,
    },
    /// The dynamic loader refused it.
    #[error("cannot load {}", .path.display())]
    Dlopen {
        /// The library.
        path: PathBuf,
        /// The loader's error.
        #[source]
        source: libloading::Error,
    },
    /// It is a library, but not a Dateline plugin.
    #[error("{} is not a Dateline plugin: {why}", .path.display())]
    NotAPlugin {
        /// The library.
        path: PathBuf,
        /// What is missing.
        why: &'static str,
    },
    /// It was built for another version of the plugin ABI.
    #[error(
        "{} was built for Dateline plugin ABI version {version}, but this Dateline speaks ABI version {ABI_VERSION}: rebuild it against a dateline-plugin of ABI {ABI_VERSION}",
        .path.display()
    )]
    OtherAbi {
        /// The library.
        path: PathBuf,
        /// The version its header gives.
        version: u32,
    },
    /// Its self-description cannot be read.
    #[error("{}: its self-description is not valid", .path.display())]
    BadHello {
        /// The library.
        path: PathBuf,
        /// Why.
        #[source]
        source: crate::wire::WireError,
    },
    /// Its self-description names another protocol version than its header.
    #[error(
        "{} describes itself as ABI version {version}, this Dateline speaks {ABI_VERSION}",
        .path.display()
    )]
    HelloAbi {
        /// The library.
        path: PathBuf,
        /// The version it describes itself with.
        version: u32,
    },
}

impl LibraryPlugin {
    /// Loads and checks a plugin library: its directory and file are not writable by
    /// anyone, its SHA-256 matches `sha256` when given, it exports the Dateline entry, and
    /// it speaks this ABI version.
    pub fn load(path: &Path, sha256: Option<&str>) -> Result<LibraryPlugin, LoadError> {
        let path = path.canonicalize().map_err(|source| LoadError::NotFound {
            path: path.to_path_buf(),
            source,
        })?;
        check_permissions(&path)?;
        let unreadable = |source| LoadError::from(PathError::on("read", &path)(source));
        let mut file = std::fs::File::open(&path).map_err(unreadable)?;
        let pinned = |file: &mut std::fs::File, when: &'static str| -> Result<(), LoadError> {
            let Some(expected) = sha256 else {
                return Ok(());
            };
            let actual = sha256_of(file).map_err(unreadable)?;
            if actual.eq_ignore_ascii_case(expected.trim()) {
                return Ok(());
            }
            Err(LoadError::NotPinned {
                path: path.clone(),
                actual,
                expected: expected.to_string(),
                when,
            })
        };
        pinned(&mut file, "")?;
        // SAFETY: loading runs the library's initializers; the pipeline names this library
        // explicitly (and may pin its hash), which is the trust decision. What is loaded is
        // the file just hashed (by its descriptor), not whatever the path names by now.
        let library =
            unsafe { libloading::Library::new(load_name(&file, &path)) }.map_err(|source| {
                LoadError::Dlopen {
                    path: path.clone(),
                    source,
                }
            })?;
        // A file changed in place while it was being loaded is caught here: its
        // initializers have run, but none of its plugin functions is ever called.
        pinned(&mut file, " once loaded (it changed while it was loaded)")?;
        let library: &'static libloading::Library = Box::leak(Box::new(library));
        let vtable = vtable_of(library, &path)?;
        let hello_bytes = take(vtable, (vtable.info)());
        let hello: Hello =
            crate::wire::decode(&hello_bytes).map_err(|source| LoadError::BadHello {
                path: path.clone(),
                source,
            })?;
        if hello.dateline_plugin != ABI_VERSION {
            return Err(LoadError::HelloAbi {
                path,
                version: hello.dateline_plugin,
            });
        }
        Ok(LibraryPlugin {
            path,
            vtable,
            hello,
        })
    }

    /// The library file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The plugin's self-description.
    pub fn hello(&self) -> &Hello {
        &self.hello
    }
}

/// Refuses a library that anyone could replace: the file or its directory writable by all.
fn check_permissions(path: &Path) -> Result<(), LoadError> {
    let dir = path.parent().unwrap_or(Path::new("/"));
    for (what, checked) in [("its directory", dir), ("the file", path)] {
        let mode = std::fs::metadata(checked)
            .map_err(PathError::on("read", checked))?
            .permissions()
            .mode();
        if mode & 0o002 != 0 {
            return Err(LoadError::WritableByAnyone {
                path: path.to_path_buf(),
                what,
                checked: checked.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// The table of a loaded library's plugin functions, after its entry's header is checked.
fn vtable_of(
    library: &'static libloading::Library,
    path: &Path,
) -> Result<&'static VTableV1, LoadError> {
    let not_a_plugin = |why| LoadError::NotAPlugin {
        path: path.to_path_buf(),
        why,
    };
    // SAFETY: the symbol's type is fixed by the ABI.
    let entry = unsafe { library.get::<Entry>(ENTRY_SYMBOL) }.map_err(|_| {
        not_a_plugin(
            "it exports no `dateline_plugin_entry` (build it with `dateline_plugin::export_plugin!`)",
        )
    })?;
    // SAFETY: calling the entry of a library that exports it; it returns static data.
    let header: *const Header = unsafe { entry() };
    if header.is_null() {
        return Err(not_a_plugin("its entry returned nothing"));
    }
    // SAFETY: the header's first fields are stable across every ABI version.
    let (magic, version, vtable) =
        unsafe { ((*header).magic, (*header).abi_version, (*header).vtable) };
    if magic != MAGIC {
        return Err(not_a_plugin("its entry has the wrong signature"));
    }
    if version != ABI_VERSION {
        return Err(LoadError::OtherAbi {
            path: path.to_path_buf(),
            version,
        });
    }
    // SAFETY: for ABI version 1 the header points at a static VTableV1.
    Ok(unsafe { &*(vtable as *const VTableV1) })
}

/// Copies a buffer the plugin returned and hands it back for freeing.
fn take(vtable: &VTableV1, bytes: Bytes) -> Vec<u8> {
    let copy = if bytes.ptr.is_null() {
        Vec::new()
    } else {
        // SAFETY: the plugin returned `len` initialized bytes at `ptr`.
        unsafe { std::slice::from_raw_parts(bytes.ptr, bytes.len) }.to_vec()
    };
    (vtable.free_bytes)(bytes);
    copy
}

fn response(bytes: &[u8]) -> Result<Response, PluginError> {
    crate::wire::decode(bytes).map_err(|e| PluginError::new(chain(&e)))
}

fn request(message: &Request) -> Result<Vec<u8>, PluginError> {
    crate::wire::encode(message).map_err(|e| PluginError::new(chain(&e)))
}

impl Factory for LibraryPlugin {
    fn info(&self) -> PluginInfo {
        self.hello.info()
    }

    fn config_keys(&self) -> BTreeMap<String, serde_json::Value> {
        self.hello.config_keys.clone()
    }

    fn validate(&self, config: &serde_json::Value) -> Result<(), PluginError> {
        let request = request(&Request::Validate {
            config: config.clone(),
        })?;
        let answer = take(
            self.vtable,
            (self.vtable.validate)(request.as_ptr(), request.len()),
        );
        match response(&answer)?.error {
            Some(e) => Err(PluginError::new(e)),
            None => Ok(()),
        }
    }

    fn build(&self, config: serde_json::Value, host: &dyn Host) -> Result<Instance, PluginError> {
        let request = request(&Request::Configure {
            config,
            host: client::host_info(host),
        })?;
        let mut out = Bytes {
            ptr: std::ptr::null_mut(),
            len: 0,
            cap: 0,
        };
        let instance = (self.vtable.create)(request.as_ptr(), request.len(), &mut out);
        let answer = response(&take(self.vtable, out))?;
        if instance.is_null() {
            let last = String::from_utf8_lossy(&take(self.vtable, (self.vtable.last_error)()))
                .into_owned();
            return Err(PluginError::new(answer.error.unwrap_or(last)));
        }
        let transport = Arc::new(LibraryTransport {
            vtable: self.vtable,
            instance,
        });
        client::adopt_staged(host, &answer.staged)?;
        Ok(client::instance(&self.hello, transport))
    }
}

/// Calls into one instance of a library plugin.
struct LibraryTransport {
    vtable: &'static VTableV1,
    instance: *mut c_void,
}

// SAFETY: the ABI requires `call` to be callable from several threads for parsers and
// enrichers (their Rust types are Send + Sync), and the runner calls a sink from one
// thread at a time.
unsafe impl Send for LibraryTransport {}
// SAFETY: as above.
unsafe impl Sync for LibraryTransport {}

impl Transport for LibraryTransport {
    fn call(&self, message: &Request) -> Result<Response, PluginError> {
        let request = request(message)?;
        let answer = take(
            self.vtable,
            (self.vtable.call)(self.instance, request.as_ptr(), request.len()),
        );
        response(&answer)
    }
}

impl Drop for LibraryTransport {
    fn drop(&mut self) {
        (self.vtable.destroy)(self.instance);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_loaded_is_the_file_that_was_hashed_even_if_the_path_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("libplugin.so");
        std::fs::write(&path, b"the checked bytes").unwrap();
        let mut file = std::fs::File::open(&path).unwrap();
        let checked = sha256_of(&mut file).unwrap();
        assert_eq!(checked, sha256_hex(&path).unwrap());

        // Someone swaps the path between the check and the load.
        let other = dir.path().join("swap");
        std::fs::write(&other, b"other bytes").unwrap();
        std::fs::rename(&other, &path).unwrap();

        let name = load_name(&file, &path);
        assert_ne!(name, path, "loaded by descriptor where the platform allows");
        assert_eq!(std::fs::read(&name).unwrap(), b"the checked bytes");
        assert_eq!(sha256_of(&mut file).unwrap(), checked);
        assert_ne!(sha256_hex(&path).unwrap(), checked);
    }
}
