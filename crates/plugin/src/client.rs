//! The host side of the protocol: Dateline's Parse, Enrich and Sink traits implemented
//! over any [`Transport`] (a loaded library, a pool of plugin processes).

use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::Arc;

use dateline_core::{
    Document, Enrich, Host, Instance, Kind, Parse, ParseContext, Parsed, Parts, PluginError,
    PluginInfo, RawPart, Sink, SinkRecord,
};

use crate::protocol::{self, Hello, HostInfo, Item, Request, Response, WirePart};

/// Records per enrich request.
const ENRICH_BATCH: usize = 64;
/// Records per write request.
const WRITE_BATCH: usize = 256;
/// The largest input a plugin parser is sent in one `split` request.
const MAX_SPLIT_BYTES: u64 = 256 << 20;

/// Carries one request to a built plugin and brings back its response.
pub trait Transport: Send + Sync {
    /// Sends a request. `Err` means the exchange itself failed (the plugin crashed, hung,
    /// or answered garbage); a plugin's own failure is a [`Response`] with an error.
    fn call(&self, request: &Request) -> Result<Response, PluginError>;
}

pub use dateline_core::plugin::staging_suffix;

/// What the plugin is told about the run.
pub fn host_info(host: &dyn Host) -> HostInfo {
    HostInfo {
        reference_time: host.reference_time().map(str::to_string),
        base_dir: host.resolve(".").to_string_lossy().into_owned(),
        staging_suffix: staging_suffix(),
    }
}

/// Registers the outputs a plugin staged with Dateline's host, checking the names agree.
pub fn adopt_staged(host: &dyn Host, staged: &[String]) -> Result<(), PluginError> {
    for path in staged {
        let path = Path::new(path);
        let temp = host.stage_output(path)?;
        let expected = dateline_core::plugin::staged_path(path, &staging_suffix())
            .ok_or_else(|| PluginError::new(format!("{} is not a file path", path.display())))?;
        if temp != expected {
            return Err(PluginError::new(format!(
                "the plugin staged {} but Dateline stages it at {}",
                expected.display(),
                temp.display()
            )));
        }
    }
    Ok(())
}

/// Wraps a configured transport as the instance of the plugin's kind.
pub fn instance(hello: &Hello, transport: Arc<dyn Transport>) -> Instance {
    let info = hello.info();
    match hello.kind {
        Kind::Enrich => Instance::Enrich(Box::new(RemoteEnricher { info, transport })),
        Kind::Parse => Instance::Parse(Box::new(RemoteParser { transport })),
        Kind::Sink => Instance::Sink(Box::new(RemoteSink {
            info,
            transport,
            pending: Vec::new(),
            failed: Vec::new(),
        })),
    }
}

fn check(response: Response, expected: usize) -> Result<Vec<Item>, PluginError> {
    if let Some(error) = response.error {
        return Err(PluginError::new(error));
    }
    if response.items.len() != expected {
        return Err(PluginError::new(format!(
            "the plugin answered {} items for {expected}",
            response.items.len()
        )));
    }
    Ok(response.items)
}

struct RemoteEnricher {
    info: PluginInfo,
    transport: Arc<dyn Transport>,
}

impl Enrich for RemoteEnricher {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        self.enrich_batch(std::slice::from_mut(doc)).remove(0)
    }

    fn enrich_batch(&self, docs: &mut [Document]) -> Vec<Result<(), PluginError>> {
        let records = docs
            .iter()
            .map(|doc| doc.project(&self.info.requires))
            .collect();
        let items = match self
            .transport
            .call(&Request::Enrich { records })
            .and_then(|r| check(r, docs.len()))
        {
            Ok(items) => items,
            Err(e) => {
                return docs.iter().map(|_| Err(e.clone())).collect();
            }
        };
        docs.iter_mut()
            .zip(items)
            .map(|(doc, item)| match item {
                Item::Record(record) => {
                    doc.adopt(*record, &self.info.provides);
                    Ok(())
                }
                Item::Error(e) => Err(PluginError::new(e)),
                other => Err(PluginError::new(format!(
                    "unexpected answer to enrich: {other:?}"
                ))),
            })
            .collect()
    }

    fn batch_size(&self) -> usize {
        ENRICH_BATCH
    }
}

struct RemoteParser {
    transport: Arc<dyn Transport>,
}

impl Parse for RemoteParser {
    fn split<'a>(&'a self, uri: &'a str, input: Box<dyn BufRead + Send + 'a>) -> Parts<'a> {
        let mut bytes = Vec::new();
        if let Err(e) = input.take(MAX_SPLIT_BYTES + 1).read_to_end(&mut bytes) {
            return Box::new(std::iter::once(Err(PluginError::from(e))));
        }
        if bytes.len() as u64 > MAX_SPLIT_BYTES {
            let message = format!(
                "input is larger than {MAX_SPLIT_BYTES} bytes, the most a source plugin is sent"
            );
            return Box::new(std::iter::once(Err(PluginError::new(message))));
        }
        let request = Request::Split {
            uri: uri.to_string(),
            data: protocol::encode_bytes(&bytes),
        };
        let response = match self.transport.call(&request) {
            Ok(response) => response,
            Err(e) => return Box::new(std::iter::once(Err(e))),
        };
        if let Some(error) = response.error {
            return Box::new(std::iter::once(Err(PluginError::new(error))));
        }
        Box::new(response.items.into_iter().map(|item| match item {
            Item::Part(part) => part.decode(),
            Item::Error(e) => Err(PluginError::new(e)),
            other => Err(PluginError::new(format!(
                "unexpected answer to split: {other:?}"
            ))),
        }))
    }

    fn parse(&self, part: &RawPart, ctx: &ParseContext<'_>) -> Result<Parsed, PluginError> {
        let request = Request::Parse {
            uri: ctx.uri.to_string(),
            parts: vec![WirePart::encode(part)],
        };
        let item = self
            .transport
            .call(&request)
            .and_then(|r| check(r, 1))?
            .remove(0);
        match item {
            Item::Record(record) => Ok(Parsed::Document(record)),
            Item::Skip(reason) => Ok(Parsed::Skip(reason)),
            Item::Error(e) => Err(PluginError::new(e)),
            other => Err(PluginError::new(format!(
                "unexpected answer to parse: {other:?}"
            ))),
        }
    }
}

struct RemoteSink {
    info: PluginInfo,
    transport: Arc<dyn Transport>,
    pending: Vec<Document>,
    /// Errors of records already sent; reported on the next write (the batch is gone).
    failed: Vec<String>,
}

impl RemoteSink {
    fn flush(&mut self) -> Result<(), PluginError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let records = std::mem::take(&mut self.pending);
        let count = records.len();
        let items = self
            .transport
            .call(&Request::Write { records })
            .and_then(|r| check(r, count))
            .map_err(|e| PluginError::new(format!("{}: {}", self.info.name, e.message)))?;
        self.failed
            .extend(items.into_iter().filter_map(|item| match item {
                Item::Error(e) => Some(e),
                _ => None,
            }));
        Ok(())
    }
}

impl Sink for RemoteSink {
    fn write(&mut self, record: &SinkRecord<'_>) -> Result<(), PluginError> {
        self.pending.push(record.doc().clone());
        if self.pending.len() >= WRITE_BATCH {
            self.flush()?;
        }
        match self.failed.pop() {
            Some(e) => Err(PluginError::new(format!(
                "an earlier record of this batch failed: {e}"
            ))),
            None => Ok(()),
        }
    }

    fn finish(&mut self) -> Result<(), PluginError> {
        self.flush()?;
        if let Some(e) = self.failed.first() {
            return Err(PluginError::new(format!(
                "{} record(s) failed in the sink, the first: {e}",
                self.failed.len()
            )));
        }
        let response = self.transport.call(&Request::Finish)?;
        match response.error {
            Some(e) => Err(PluginError::new(e)),
            None => Ok(()),
        }
    }
}
