//! Framing WARC records out of a raw byte stream, gzip members and all.

use std::io::{BufRead, BufReader, Read};

use dateline_core::{PluginError, RawPart};
use flate2::bufread::GzDecoder;

/// Counts the bytes consumed from the raw input, so errors can name file offsets.
struct Counting<R> {
    inner: R,
    position: u64,
}

impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amount: usize) {
        self.position += amount as u64;
        self.inner.consume(amount);
    }
}

/// One WARC record's header and block.
struct Record {
    headers: Vec<String>,
    block: Vec<u8>,
}

/// What reading one record from a stream gave.
enum Read1 {
    Record(Record),
    End,
    /// A malformed or truncated record.
    Bad(String),
}

/// Reads one record from a decompressed stream.
fn read_record(reader: &mut dyn BufRead, max_block: u64) -> std::io::Result<Read1> {
    let mut line = String::new();
    // Blank lines between records.
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(Read1::End);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    if !line.starts_with("WARC/") {
        let shown: String = line.trim().chars().take(40).collect();
        return Ok(Read1::Bad(format!(
            "expected a WARC/1.x header line, found {shown:?}"
        )));
    }
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 {
            return Ok(Read1::Bad(
                "truncated record: the file ends inside its header".into(),
            ));
        }
        let header = header.trim_end_matches(['\r', '\n']).to_string();
        if header.is_empty() {
            break;
        }
        headers.push(header);
    }
    let length = headers
        .iter()
        .find_map(|h| {
            let (name, value) = h.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<u64>().ok())?
        })
        .ok_or_else(|| std::io::Error::other("no valid Content-Length"));
    let length = match length {
        Ok(length) => length,
        Err(_) => return Ok(Read1::Bad("the record has no valid Content-Length".into())),
    };
    if length > max_block {
        let skipped = std::io::copy(&mut reader.take(length), &mut std::io::sink())?;
        let mut message = format!(
            "the record's block is {length} bytes, more than max_record_bytes ({max_block})"
        );
        if skipped < length {
            message.push_str("; and the file ends inside it");
        }
        return Ok(Read1::Bad(message));
    }
    let mut block = Vec::with_capacity(length as usize);
    let read = reader.take(length).read_to_end(&mut block)?;
    if (read as u64) < length {
        return Ok(Read1::Bad(format!(
            "truncated record: its Content-Length is {length} but only {read} bytes follow"
        )));
    }
    Ok(Read1::Record(Record { headers, block }))
}

type Raw<'a> = Counting<Box<dyn BufRead + Send + 'a>>;

/// Skips the blank lines that end a record.
fn skip_separators(reader: &mut dyn BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        let blank = buffer
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .count();
        if blank == 0 {
            return Ok(());
        }
        reader.consume(blank);
    }
}

/// Where framing stands.
enum State<'a> {
    /// Between gzip members, or reading a plain archive.
    Raw(Raw<'a>),
    /// Inside the gzip member that starts at `offset`.
    Member {
        reader: Box<BufReader<GzDecoder<Raw<'a>>>>,
        offset: u64,
        records: u32,
    },
    Done,
}

/// The records of one archive, in order, framed one at a time.
pub struct Records<'a> {
    state: State<'a>,
    max_block: u64,
    /// Whether the archive is gzip-compressed; decided by its first bytes.
    gzip: Option<bool>,
    index: u32,
}

impl<'a> Records<'a> {
    /// Frames an archive read from `input` (raw, not decompressed).
    pub fn new(input: Box<dyn BufRead + Send + 'a>, max_block: u64) -> Self {
        Records {
            state: State::Raw(Counting {
                inner: input,
                position: 0,
            }),
            max_block,
            gzip: None,
            index: 0,
        }
    }

    fn part(&mut self, record: Record, offset: u64) -> RawPart {
        let mut meta = crate::header_map(&record.headers);
        meta.retain(|name, _| name.starts_with("warc-") || name == "content-type");
        self.index += 1;
        RawPart {
            index: self.index - 1,
            offset,
            line: None,
            bytes: record.block,
            meta,
        }
    }

    /// Framing after a failed member goes on at the next gzip member header.
    fn resync_gzip(mut raw: Raw<'a>) -> State<'a> {
        loop {
            let buffer = match raw.fill_buf() {
                Ok(buffer) if !buffer.is_empty() => buffer,
                _ => return State::Done,
            };
            // A member starts with 1f 8b 08 (deflate).
            if let Some(at) = buffer.windows(3).position(|w| w == [0x1f, 0x8b, 0x08]) {
                raw.consume(at);
                return State::Raw(raw);
            }
            let skip = buffer.len().saturating_sub(2).max(1).min(buffer.len());
            raw.consume(skip);
        }
    }

    /// Framing after a malformed plain record goes on at the next `WARC/` line.
    fn resync_plain(mut raw: Raw<'a>) -> State<'a> {
        loop {
            match raw.fill_buf() {
                Ok(buffer) if !buffer.is_empty() => {
                    if buffer.starts_with(b"WARC/") {
                        return State::Raw(raw);
                    }
                }
                _ => return State::Done,
            }
            let mut skipped = Vec::new();
            if raw.read_until(b'\n', &mut skipped).unwrap_or(0) == 0 {
                return State::Done;
            }
        }
    }

    fn next_gzip(&mut self) -> Option<Result<RawPart, PluginError>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Raw(mut raw) => {
                    match raw.fill_buf() {
                        Ok([]) => return None,
                        Ok(_) => {}
                        Err(e) => return Some(Err(PluginError::from(e).at(raw.position, None))),
                    }
                    let offset = raw.position;
                    self.state = State::Member {
                        reader: Box::new(BufReader::new(GzDecoder::new(raw))),
                        offset,
                        records: 0,
                    };
                }
                State::Member {
                    mut reader,
                    offset,
                    records,
                } => match read_record(&mut reader, self.max_block) {
                    Ok(Read1::Record(record)) => {
                        // A member that ends with this record is decoded to its end first,
                        // so its checksum vouches for the record before it is handed on.
                        let ended = skip_separators(&mut reader).and_then(|()| {
                            let next = reader.fill_buf()?;
                            if next.is_empty() {
                                Ok(true)
                            } else if next.starts_with(b"WARC/") {
                                Ok(false)
                            } else {
                                // Neither the member's end nor another record: garbled data.
                                Err(std::io::Error::other("garbled data after the record"))
                            }
                        });
                        match ended {
                            Err(e) => {
                                self.state = Self::resync_gzip(reader.into_inner().into_inner());
                                let message = format!(
                                    "corrupt gzip member: {e}; framing resumes at the next member"
                                );
                                return Some(Err(PluginError::new(message).at(offset, None)));
                            }
                            Ok(true) => self.state = State::Raw(reader.into_inner().into_inner()),
                            Ok(false) => {
                                self.state = State::Member {
                                    reader,
                                    offset,
                                    records: records + 1,
                                }
                            }
                        }
                        return Some(Ok(self.part(record, offset)));
                    }
                    Ok(Read1::End) => {
                        let raw = reader.into_inner().into_inner();
                        if records == 0 && raw.position == offset {
                            return Some(Err(
                                PluginError::new("not a gzip member").at(offset, None)
                            ));
                        }
                        self.state = State::Raw(raw);
                    }
                    Ok(Read1::Bad(message)) => {
                        self.state = Self::resync_gzip(reader.into_inner().into_inner());
                        return Some(Err(PluginError::new(message).at(offset, None)));
                    }
                    Err(e) => {
                        self.state = Self::resync_gzip(reader.into_inner().into_inner());
                        let message =
                            format!("corrupt gzip member: {e}; framing resumes at the next member");
                        return Some(Err(PluginError::new(message).at(offset, None)));
                    }
                },
            }
        }
    }

    fn next_plain(&mut self) -> Option<Result<RawPart, PluginError>> {
        let State::Raw(mut raw) = std::mem::replace(&mut self.state, State::Done) else {
            return None;
        };
        // Blank lines before a record do not belong to it.
        loop {
            match raw.fill_buf() {
                Ok([]) => return None,
                Ok(buffer) if buffer[0] == b'\r' || buffer[0] == b'\n' => raw.consume(1),
                Ok(_) => break,
                Err(e) => return Some(Err(PluginError::from(e).at(raw.position, None))),
            }
        }
        let offset = raw.position;
        match read_record(&mut raw, self.max_block) {
            Ok(Read1::Record(record)) => {
                self.state = State::Raw(raw);
                Some(Ok(self.part(record, offset)))
            }
            Ok(Read1::End) => None,
            Ok(Read1::Bad(message)) => {
                self.state = Self::resync_plain(raw);
                Some(Err(PluginError::new(message).at(offset, None)))
            }
            Err(e) => Some(Err(PluginError::from(e).at(offset, None))),
        }
    }
}

impl Iterator for Records<'_> {
    type Item = Result<RawPart, PluginError>;

    fn next(&mut self) -> Option<Self::Item> {
        let gzip = match (self.gzip, &mut self.state) {
            (Some(gzip), _) => gzip,
            (None, State::Raw(raw)) => {
                let gzip = matches!(raw.fill_buf(), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
                self.gzip = Some(gzip);
                gzip
            }
            (None, _) => return None,
        };
        if gzip {
            self.next_gzip()
        } else {
            self.next_plain()
        }
    }
}
