//! The plugin side of the protocol: a built plugin answering [`Request`]s. Both the C
//! ABI export ([`crate::export_plugin!`]) and [`serve_stdio`] (a plugin as a separate
//! program written in Rust) run on this.

use std::io::{BufRead, Cursor, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use dateline_core::{
    Factory, Host, Instance, Parse, ParseContext, Parsed, PluginError, SinkRecord,
};
use serde_json::Value;

use crate::protocol::{ABI_VERSION, Hello, HostInfo, Item, Request, Response, WirePart};

/// The [`Host`] a plugin sees on the far side of a boundary: it resolves paths and
/// stages outputs by the same convention as Dateline, which renames them at the end.
pub struct RemoteHost {
    info: HostInfo,
    staged: Mutex<Vec<String>>,
}

impl RemoteHost {
    /// A host for what Dateline said of the run.
    pub fn new(info: HostInfo) -> Self {
        RemoteHost {
            info,
            staged: Mutex::new(Vec::new()),
        }
    }

    /// The outputs staged so far (final paths).
    pub fn staged(&self) -> Vec<String> {
        self.staged.lock().expect("not poisoned").clone()
    }
}

impl Host for RemoteHost {
    fn reference_time(&self) -> Option<&str> {
        self.info.reference_time.as_deref()
    }

    fn resolve(&self, path: &str) -> PathBuf {
        let path = Path::new(path);
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            Path::new(&self.info.base_dir).join(path)
        }
    }

    fn stage_output(&self, path: &Path) -> Result<PathBuf, PluginError> {
        let staged = prepare_staged(path, &self.info.staging_suffix)?;
        self.staged
            .lock()
            .expect("not poisoned")
            .push(path.to_string_lossy().into_owned());
        Ok(staged)
    }
}

/// Makes the directory of an output and returns the name to write it under until the run
/// succeeds ([`dateline_core::plugin::staged_path`]); Dateline's own host does the same.
pub fn prepare_staged(path: &Path, suffix: &str) -> Result<PathBuf, PluginError> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| {
        PluginError::new(format!("cannot create directory {}: {e}", parent.display()))
    })?;
    dateline_core::plugin::staged_path(path, suffix)
        .ok_or_else(|| PluginError::new(format!("{} is not a file path", path.display())))
}

/// The self-description of a plugin built by `factory`.
pub fn hello(factory: &dyn Factory) -> Hello {
    let info = factory.info();
    Hello {
        dateline_plugin: ABI_VERSION,
        name: info.name,
        version: info.version,
        kind: info.kind,
        description: info.description,
        requires: info.requires,
        provides: info.provides,
        config_keys: factory.config_keys(),
    }
}

/// A built plugin answering requests.
pub struct Served {
    instance: ServedKind,
    reference_time: Option<String>,
    /// What an enricher sends back of each record.
    provides: Vec<String>,
}

enum ServedKind {
    Parse(Box<dyn Parse>),
    Enrich(Box<dyn dateline_core::Enrich>),
    Sink(Mutex<Box<dyn dateline_core::Sink>>),
}

/// Answers a `validate` request.
pub fn validate(factory: &dyn Factory, request: Request) -> Response {
    match request {
        Request::Validate { config } => match factory.validate(&config) {
            Ok(()) => Response::default(),
            Err(e) => Response::failed(e.to_string()),
        },
        other => Response::failed(format!(
            "expected a validate request, got {}",
            op_name(&other)
        )),
    }
}

/// Builds the plugin from a `configure` request; the response lists staged outputs.
pub fn configure(factory: &dyn Factory, request: Request) -> (Option<Served>, Response) {
    let Request::Configure { config, host } = request else {
        return (
            None,
            Response::failed(format!(
                "expected a configure request, got {}",
                op_name(&request)
            )),
        );
    };
    let reference_time = host.reference_time.clone();
    let provides = factory.info().provides;
    let remote = RemoteHost::new(host);
    let built = match catch(|| factory.build(config, &remote)) {
        Ok(Ok(instance)) => instance,
        Ok(Err(e)) => return (None, Response::failed(e.to_string())),
        Err(panic) => return (None, Response::failed(panic)),
    };
    let instance = match built {
        Instance::Parse(p) => ServedKind::Parse(p),
        Instance::Enrich(e) => ServedKind::Enrich(e),
        Instance::Sink(s) => ServedKind::Sink(Mutex::new(s)),
    };
    let response = Response {
        staged: remote.staged(),
        ..Response::default()
    };
    (
        Some(Served {
            instance,
            reference_time,
            provides,
        }),
        response,
    )
}

fn op_name(request: &Request) -> String {
    serde_json::to_value(request)
        .ok()
        .and_then(|v| v.get("op").and_then(|op| op.as_str()).map(str::to_string))
        .unwrap_or_default()
}

/// Runs `f`, turning a panic into an error message.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with a non-text payload".into());
        format!("panicked: {message}")
    })
}

impl Served {
    /// Answers one request; a panic inside the plugin becomes a failed response.
    pub fn handle(&self, request: Request) -> Response {
        catch(|| self.answer(request)).unwrap_or_else(Response::failed)
    }

    fn answer(&self, request: Request) -> Response {
        let items = match (&self.instance, request) {
            (ServedKind::Enrich(enricher), Request::Enrich { mut records }) => {
                let results = enricher.enrich_batch(&mut records);
                records
                    .into_iter()
                    .zip(results)
                    .map(|(doc, result)| match result {
                        Ok(()) => {
                            // Only what the plugin provides goes back (and any warnings it added).
                            let mut back = doc.project(&self.provides);
                            back.warnings = doc.warnings;
                            Item::Record(Box::new(back))
                        }
                        Err(e) => Item::Error(e.to_string()),
                    })
                    .collect()
            }
            (ServedKind::Parse(parser), Request::Split { uri, data }) => {
                let bytes = match crate::protocol::decode_bytes(&data) {
                    Ok(bytes) => bytes,
                    Err(e) => return Response::failed(e.to_string()),
                };
                let reader: Box<dyn BufRead + Send> = Box::new(Cursor::new(bytes));
                parser
                    .split(&uri, reader)
                    .map(|part| match part {
                        Ok(part) => Item::Part(WirePart::encode(&part)),
                        Err(e) => Item::Error(e.to_string()),
                    })
                    .collect()
            }
            (ServedKind::Parse(parser), Request::Parse { uri, parts }) => {
                let ctx = ParseContext {
                    uri: &uri,
                    reference_time: self.reference_time.as_deref(),
                };
                parts
                    .into_iter()
                    .map(
                        |part| match part.decode().and_then(|p| parser.parse(&p, &ctx)) {
                            Ok(Parsed::Document(doc)) => Item::Record(doc),
                            Ok(Parsed::Skip(reason)) => Item::Skip(reason),
                            Err(e) => Item::Error(e.to_string()),
                        },
                    )
                    .collect()
            }
            (ServedKind::Sink(sink), Request::Write { records }) => {
                let mut sink = sink.lock().unwrap_or_else(|p| p.into_inner());
                records
                    .into_iter()
                    .map(|record| {
                        let json = serde_json::to_string(&record).unwrap_or_default();
                        let doc = OnceLock::from(record);
                        match sink.write(&SinkRecord::new(&json, &doc)) {
                            Ok(()) => Item::Ok(true),
                            Err(e) => Item::Error(e.to_string()),
                        }
                    })
                    .collect()
            }
            (ServedKind::Sink(sink), Request::Finish) => {
                let mut sink = sink.lock().unwrap_or_else(|p| p.into_inner());
                return match sink.finish() {
                    Ok(()) => Response::default(),
                    Err(e) => Response::failed(e.to_string()),
                };
            }
            (_, Request::Finish) => return Response::default(),
            (_, other) => {
                return Response::failed(format!(
                    "this plugin cannot answer `{}`",
                    op_name(&other)
                ));
            }
        };
        Response {
            items,
            ..Response::default()
        }
    }
}

/// Runs a plugin as a separate program speaking JSON lines on stdin and stdout: prints
/// its [`Hello`], then answers requests until stdin closes.
///
/// ```no_run
/// # struct MyEnricher;
/// # impl dateline_plugin::Plugin for MyEnricher {
/// #     type Config = dateline_plugin::NoConfig;
/// #     fn info() -> dateline_plugin::PluginInfo {
/// #         dateline_plugin::PluginInfo {
/// #             name: "my-enricher".into(), version: "0.1.0".into(), kind: dateline_plugin::Kind::Enrich,
/// #             description: String::new(), requires: vec!["body".into()], provides: vec!["extra".into()],
/// #         }
/// #     }
/// #     fn new(_: Self::Config, _: &dyn dateline_plugin::Host) -> Result<Self, dateline_plugin::PluginError> { Ok(MyEnricher) }
/// # }
/// # impl dateline_plugin::Enrich for MyEnricher {
/// #     fn enrich(&self, _: &mut dateline_plugin::Document) -> Result<(), dateline_plugin::PluginError> { Ok(()) }
/// # }
/// fn main() {
///     dateline_plugin::serve_stdio(dateline_plugin::enricher::<MyEnricher>());
/// }
/// ```
pub fn serve_stdio(factory: Box<dyn Factory>) {
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout().lock();

    send(&mut stdout, &hello(factory.as_ref()));
    let mut served: Option<Served> = None;
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(&line) {
            Ok(value) => value,
            Err(e) => {
                send(&mut stdout, &Response::failed(format!("not JSON: {e}")));
                continue;
            }
        };
        let id = value.get("id").and_then(Value::as_u64);
        let mut response = match serde_json::from_value::<Request>(value) {
            Err(e) => Response::failed(format!("not a request: {e}")),
            Ok(request @ Request::Validate { .. }) => validate(factory.as_ref(), request),
            Ok(request @ Request::Configure { .. }) => {
                let (built, response) = configure(factory.as_ref(), request);
                served = built;
                response
            }
            Ok(request) => match &served {
                Some(served) => served.handle(request),
                None => Response::failed("not configured: send `configure` first"),
            },
        };
        response.id = id;
        send(&mut stdout, &response);
    }
}

/// Writes one protocol message as a JSON line and flushes it.
fn send(out: &mut dyn Write, message: &impl serde::Serialize) {
    let mut line = serde_json::to_string(message).expect("protocol messages serialize");
    line.push('\n');
    let _ = out.write_all(line.as_bytes());
    let _ = out.flush();
}
