//! Finding a source's input files and opening them (gzip transparently).

use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One input file of one source.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    /// Index of its `[[source]]`.
    pub source: usize,
    /// The file.
    pub path: PathBuf,
    /// As it goes into records: relative to the pipeline directory when below it, `/`-separated.
    pub uri: String,
    /// Its size in bytes when listed (part of the input list's digest for shard runs).
    pub size: u64,
}

/// Every input of a plan: each source's files in turn, as a run reads them, and a warning
/// for each pattern that matched nothing.
pub fn list(plan: &crate::Plan) -> (Vec<InputFile>, Vec<String>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for (index, source) in plan.sources.iter().enumerate() {
        let (found, missing) = expand(index, &source.paths, &plan.base_dir);
        warnings.extend(missing);
        files.extend(found);
    }
    (files, warnings)
}

/// Expands a source's glob patterns into sorted, de-duplicated files.
///
/// Returns the files and a warning for each pattern that matched none.
pub fn expand(
    source: usize,
    patterns: &[String],
    base_dir: &Path,
) -> (Vec<InputFile>, Vec<String>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    let mut opener = Opener::default();
    for pattern in patterns {
        let full = if Path::new(pattern).is_absolute() {
            PathBuf::from(pattern)
        } else {
            base_dir.join(pattern)
        };
        let full_text = full.to_string_lossy().to_string();
        let mut matched = 0usize;
        match glob::glob(&full_text) {
            Ok(paths) => {
                for entry in paths {
                    match entry {
                        Ok(path) => {
                            // One stat per file: whether it is a directory, and its size.
                            let stat = opener.stat(&path).ok();
                            if stat.is_some_and(|(is_dir, _)| is_dir) {
                                continue;
                            }
                            matched += 1;
                            files.push(InputFile {
                                source,
                                uri: uri_of(&path, base_dir),
                                size: stat.map_or(0, |(_, size)| size),
                                path,
                            });
                        }
                        Err(e) => warnings.push(format!(
                            "source #{}: cannot read {}: {e}",
                            source + 1,
                            e.path().display()
                        )),
                    }
                }
            }
            Err(e) => warnings.push(format!(
                "source #{}: `{pattern}` is not a valid glob: {e}",
                source + 1
            )),
        }
        if matched == 0 {
            warnings.push(format!(
                "source #{}: `{pattern}` matched no file (in {})",
                source + 1,
                base_dir.display()
            ));
        }
    }
    files.sort_by(|a, b| a.uri.cmp(&b.uri));
    files.dedup_by(|a, b| a.path == b.path);
    (files, warnings)
}

fn uri_of(path: &Path, base_dir: &Path) -> String {
    let relative = path.strip_prefix(base_dir).unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    text.strip_prefix("./").map(str::to_string).unwrap_or(text)
}

/// Opens an input for reading, decompressing gzip (by magic bytes, whatever the name)
/// unless `raw` asks for the bytes as stored.
pub fn open(path: &Path, raw: bool) -> std::io::Result<Box<dyn BufRead + Send>> {
    open_watched(&mut Opener::default(), path, raw).map(|(reader, _)| reader)
}

/// Opens and stats files relative to their directory, which it keeps open until a file of
/// another directory comes: inputs come sorted, a directory's files together, so each
/// call walks one component of the path instead of all of them (a tenth of the reader's
/// time on a path of eight). A file with no parent, or in a directory it cannot open, goes
/// by its whole path, with the same result.
#[derive(Default)]
pub struct Opener {
    #[cfg(unix)]
    dir: Option<(PathBuf, std::os::fd::OwnedFd)>,
}

impl Opener {
    /// The open directory of `path`, and its name there.
    #[cfg(unix)]
    fn dir_of<'p>(
        &mut self,
        path: &'p Path,
    ) -> Option<(&std::os::fd::OwnedFd, &'p std::ffi::OsStr)> {
        use rustix::fs::{Mode, OFlags};
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty())?;
        let name = path.file_name()?;
        if self.dir.as_ref().is_none_or(|(open, _)| open != parent) {
            let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC;
            self.dir = rustix::fs::open(parent, flags, Mode::empty())
                .ok()
                .map(|fd| (parent.to_path_buf(), fd));
        }
        self.dir.as_ref().map(|(_, fd)| (fd, name))
    }

    /// Opens `path` for reading, as `File::open` does.
    pub fn open(&mut self, path: &Path) -> std::io::Result<File> {
        #[cfg(unix)]
        if let Some((dir, name)) = self.dir_of(path) {
            use rustix::fs::{Mode, OFlags};
            return rustix::fs::openat(dir, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty())
                .map(File::from)
                .map_err(std::io::Error::from);
        }
        File::open(path)
    }

    /// Whether `path` is a directory, and its size, following symbolic links as
    /// `std::fs::metadata` does.
    pub fn stat(&mut self, path: &Path) -> std::io::Result<(bool, u64)> {
        #[cfg(unix)]
        if let Some((dir, name)) = self.dir_of(path) {
            use rustix::fs::{AtFlags, FileType};
            let stat = rustix::fs::statat(dir, name, AtFlags::empty())?;
            let is_dir = FileType::from_raw_mode(stat.st_mode) == FileType::Directory;
            return Ok((is_dir, u64::try_from(stat.st_size).unwrap_or(0)));
        }
        let metadata = std::fs::metadata(path)?;
        Ok((metadata.is_dir(), metadata.len()))
    }
}

/// An open input's size and modification time as it was opened, to tell after it has been
/// read whether it changed meanwhile (a crawler still appending to it, say).
pub struct Watch {
    file: Arc<File>,
    seen: (u64, Option<std::time::SystemTime>),
}

impl Watch {
    fn state(file: &File) -> std::io::Result<(u64, Option<std::time::SystemTime>)> {
        file.metadata().map(|meta| Watch::state_of(&meta))
    }

    fn state_of(meta: &std::fs::Metadata) -> (u64, Option<std::time::SystemTime>) {
        (meta.len(), meta.modified().ok())
    }

    /// Why the file is no longer what was read, if it changed since it was opened.
    pub fn changed(&self) -> Option<String> {
        let now = Watch::state(&self.file).ok()?;
        if now == self.seen {
            return None;
        }
        Some(if now.0 == self.seen.0 {
            format!("rewritten while it was read ({} bytes)", now.0)
        } else {
            format!(
                "changed while it was read ({} bytes when opened, {} after)",
                self.seen.0, now.0
            )
        })
    }
}

/// [`open`], with a [`Watch`] on the file (the same open file, not the path: a file renamed
/// or removed meanwhile is still the one that was read).
pub fn open_watched(
    opener: &mut Opener,
    path: &Path,
    raw: bool,
) -> std::io::Result<(Box<dyn BufRead + Send>, Watch)> {
    let (reader, watch, _) = open_sized(opener, path)?;
    Ok((open_file(reader, raw)?, watch))
}

/// Opens `path` once for reading and for its watch, with what the open file's stat says.
fn open_sized(
    opener: &mut Opener,
    path: &Path,
) -> std::io::Result<(Sized, Watch, std::fs::Metadata)> {
    let file = Arc::new(opener.open(path)?);
    let meta = file.metadata()?;
    let seen = Watch::state_of(&meta);
    let watch = Watch {
        seen,
        file: file.clone(),
    };
    let reader = Sized {
        file,
        size: seen.0,
        read: 0,
        ended: false,
    };
    Ok((reader, watch, meta))
}

/// The bytes a small input is read in at most: one read for most news pages.
const READ_BUFFER: u64 = 256 << 10;

/// The largest input [`fetch`] reads whole ahead of its turn.
const FETCH_BYTES: u64 = READ_BUFFER;

/// An input opened ahead of its turn with its [`Watch`] (see [`fetch`]).
pub type Fetched = std::io::Result<(Content, Watch)>;

/// What [`fetch`] found: a small regular file's bytes, or an input to be read as it
/// streams (a pipe, a device, a file that outgrew its listed size).
pub struct Content(Fetch);

enum Fetch {
    Bytes(Vec<u8>),
    Stream(Sized),
}

/// Opens an input, as [`open_watched`] would, and reads it whole when it is a regular
/// file of at most [`FETCH_BYTES`], so that another thread can frame it (see
/// [`reader_of`]); anything else is left open to be read as it streams.
pub fn fetch(opener: &mut Opener, path: &Path) -> Fetched {
    let (mut reader, watch, meta) = open_sized(opener, path)?;
    if !meta.is_file() || reader.size > FETCH_BYTES {
        return Ok((Content(Fetch::Stream(reader)), watch));
    }
    // Room for one byte more than the file: its one read comes back short, at its end.
    let capacity = usize::try_from(reader.size).unwrap_or(0).saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    reader.read_to_end(&mut bytes)?;
    Ok((Content(Fetch::Bytes(bytes)), watch))
}

/// A fetched input as [`open`] reads an input: gzip decompressed (by magic bytes)
/// unless `raw` asks for the bytes as stored.
pub fn reader_of(content: Content, raw: bool) -> std::io::Result<Box<dyn BufRead + Send>> {
    match content.0 {
        Fetch::Bytes(bytes) => unpacked(Cursor::new(bytes), raw),
        Fetch::Stream(reader) => open_file(reader, raw),
    }
}

/// An open input read through a shared descriptor (its [`Watch`] holds the other
/// handle, so no descriptor is duplicated), which knows its end without a last read that
/// finds nothing: a read that comes back short having read exactly the size the file had
/// when opened was at the end. A file that grew, or one whose size says nothing (a pipe,
/// `/proc`), is read until a read finds nothing, as any reader would.
struct Sized {
    file: Arc<File>,
    /// The size when opened.
    size: u64,
    /// Bytes read so far.
    read: u64,
    ended: bool,
}

impl Read for Sized {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.ended || buf.is_empty() {
            return Ok(0);
        }
        let n = (&*self.file).read(buf)?;
        self.read += n as u64;
        self.ended = n == 0 || (n < buf.len() && self.read == self.size);
        Ok(n)
    }
}

fn open_file(file: Sized, raw: bool) -> std::io::Result<Box<dyn BufRead + Send>> {
    // One byte more than the file, so that its first read comes back short (its end).
    let capacity = (file.size + 1).clamp(8 << 10, READ_BUFFER) as usize;
    unpacked(BufReader::with_capacity(capacity, file), raw)
}

/// An input's bytes, gzip decompressed (by magic bytes, whatever the name) unless `raw`
/// asks for them as stored.
fn unpacked(
    mut reader: impl BufRead + Send + 'static,
    raw: bool,
) -> std::io::Result<Box<dyn BufRead + Send>> {
    let head = reader.fill_buf()?;
    if !raw && head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            256 << 10,
            flate2::bufread::MultiGzDecoder::new(reader),
        )))
    } else {
        Ok(Box::new(reader))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn gzip_is_read_transparently() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        write_gzip(&path, b"Headline\n\nBody.");
        let mut text = String::new();
        open(&path, false)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "Headline\n\nBody.");
    }

    /// Writes `bytes` gzip-compressed to `path`.
    fn write_gzip(path: &Path, bytes: &[u8]) {
        let mut gz =
            flate2::write::GzEncoder::new(File::create(path).unwrap(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap();
    }

    /// What a fetched input reads as.
    fn fetched_bytes(content: Content, raw: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        reader_of(content, raw)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        bytes
    }

    fn read_whole(path: &Path) -> Vec<u8> {
        let mut bytes = Vec::new();
        open(path, false).unwrap().read_to_end(&mut bytes).unwrap();
        bytes
    }

    /// Sizes about the read buffer's and the size at opening: every byte comes back, and
    /// nothing more.
    #[test]
    fn inputs_are_read_whole_at_every_size() {
        let dir = tempfile::tempdir().unwrap();
        let buffer = READ_BUFFER as usize;
        for size in [
            0,
            1,
            100,
            8191,
            8192,
            8193,
            buffer - 1,
            buffer,
            buffer + 1,
            3 * buffer + 7,
        ] {
            let path = dir.path().join(format!("{size}.txt"));
            let text: Vec<u8> = (0..size).map(|i| b'a' + (i % 23) as u8).collect();
            std::fs::write(&path, &text).unwrap();
            assert_eq!(read_whole(&path), text, "{size} bytes");
        }
    }

    /// An input fetched ahead reads as the same input opened in turn: plain, gzip
    /// (decompressed, or as stored when raw), empty.
    #[test]
    fn a_fetched_input_reads_as_an_opened_one() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        std::fs::write(&plain, "Headline\n\nBody.").unwrap();
        let gzipped = dir.path().join("packed.txt");
        write_gzip(&gzipped, b"Packed headline\n\nPacked body.");
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, "").unwrap();
        let mut opener = Opener::default();
        for path in [&plain, &gzipped, &empty] {
            for raw in [false, true] {
                let (content, watch) = fetch(&mut opener, path).unwrap();
                assert!(matches!(content.0, Fetch::Bytes(_)));
                let fetched = fetched_bytes(content, raw);
                let mut opened = Vec::new();
                open(path, raw).unwrap().read_to_end(&mut opened).unwrap();
                assert_eq!(fetched, opened, "{} raw {raw}", path.display());
                assert!(watch.changed().is_none());
            }
        }
        let (content, _) = fetch(&mut opener, &gzipped).unwrap();
        assert_eq!(
            fetched_bytes(content, false),
            b"Packed headline\n\nPacked body."
        );
        assert!(fetch(&mut opener, &dir.path().join("none.txt")).is_err());
    }

    /// A pipe is not read whole ahead of its turn, whatever its size says: it is left to
    /// stream (a pipe may carry a corpus).
    #[cfg(unix)]
    #[test]
    fn a_pipe_is_fetched_open_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("feed.jsonl");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .unwrap();
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, "line one\nline two\n").unwrap())
        };
        let (content, _) = fetch(&mut Opener::default(), &fifo).unwrap();
        assert!(matches!(content.0, Fetch::Stream(_)));
        let text = fetched_bytes(content, false);
        writer.join().unwrap();
        assert_eq!(text, b"line one\nline two\n");
    }

    /// A file whose size says nothing of its content is read until a read finds nothing
    /// (Linux's `/proc` files say they are empty).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_of_size_zero_is_still_read_to_its_end() {
        let path = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(path).unwrap().len(), 0);
        let bytes = read_whole(path);
        assert!(
            String::from_utf8_lossy(&bytes).contains("Name:"),
            "{bytes:?}"
        );
        let (content, _) = fetch(&mut Opener::default(), path).unwrap();
        let fetched = String::from_utf8(fetched_bytes(content, false)).unwrap();
        assert!(fetched.contains("Name:"), "{fetched:?}");
    }

    /// What a file gains after it was opened is noticed, whether or not it was read.
    #[test]
    fn a_file_that_grows_once_opened_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("growing.txt");
        std::fs::write(&path, "first line\n").unwrap();
        let (mut reader, watch) = open_watched(&mut Opener::default(), &path, false).unwrap();
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        file.write_all(b"appended\n").unwrap();
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        assert!(text.starts_with("first line\n"), "{text:?}");
        let why = watch.changed().expect("the change is seen");
        assert!(why.contains("changed while it was read"), "{why}");
    }

    /// Files opened and stated through one opener, moving between directories and back,
    /// are the files their paths name; links are followed as `std::fs` follows them.
    #[test]
    fn the_opener_finds_what_the_whole_path_names() {
        let dir = tempfile::tempdir().unwrap();
        for (sub, name, text) in [
            ("a", "x.txt", "ax"),
            ("b", "x.txt", "bxx"),
            ("a", "y.txt", "ayyy"),
        ] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            std::fs::write(dir.path().join(sub).join(name), text).unwrap();
        }
        let mut opener = Opener::default();
        for (path, text) in [
            ("a/x.txt", "ax"),
            ("b/x.txt", "bxx"),
            ("a/y.txt", "ayyy"),
            ("a/../b/x.txt", "bxx"),
        ] {
            let path = dir.path().join(path);
            let mut read = String::new();
            opener
                .open(&path)
                .unwrap()
                .read_to_string(&mut read)
                .unwrap();
            assert_eq!(read, text, "{}", path.display());
            assert_eq!(opener.stat(&path).unwrap(), (false, text.len() as u64));
        }
        assert!(opener.stat(&dir.path().join("a")).unwrap().0);
        assert!(opener.stat(&dir.path().join("a/.")).unwrap().0);
        assert!(opener.open(&dir.path().join("a/none.txt")).is_err());
        assert!(opener.stat(&dir.path().join("none/x.txt")).is_err());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("b/x.txt"), dir.path().join("a/link.txt"))
                .unwrap();
            std::os::unix::fs::symlink(dir.path().join("b"), dir.path().join("a/dirlink")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("a/dangling"))
                .unwrap();
            assert_eq!(
                opener.stat(&dir.path().join("a/link.txt")).unwrap(),
                (false, 3)
            );
            assert!(opener.stat(&dir.path().join("a/dirlink")).unwrap().0);
            assert!(opener.stat(&dir.path().join("a/dangling")).is_err());
            let mut read = String::new();
            opener
                .open(&dir.path().join("a/dirlink/x.txt"))
                .unwrap()
                .read_to_string(&mut read)
                .unwrap();
            assert_eq!(read, "bxx");
        }
        // A name with no directory part is opened where the process stands.
        let relative = Path::new("Cargo.toml");
        assert_eq!(
            opener.stat(relative).unwrap().1,
            std::fs::metadata(relative).unwrap().len()
        );
    }

    #[test]
    fn expansion_is_sorted_and_relative() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.txt", "c.md"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let (files, warnings) = expand(0, &["*.txt".into(), "none/*.txt".into()], dir.path());
        let uris: Vec<&str> = files.iter().map(|f| f.uri.as_str()).collect();
        assert_eq!(uris, ["a.txt", "b.txt"]);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }
}
