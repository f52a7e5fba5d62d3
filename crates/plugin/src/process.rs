//! Plugins as separate programs (host side): JSON lines over stdin and stdout.
//!
//! A crash or a hang fails only the batch in flight (its records are dead-lettered by
//! the runner); the process is restarted, up to `max_restarts` times, and the run goes
//! on. Each worker's stderr is passed through to Dateline's, each line labelled.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError};
use dateline_core::{Factory, Host, Instance, Kind, PluginError, PluginInfo};
use serde_json::Value;

use crate::client::{self, Transport};
use crate::protocol::{ABI_VERSION, Hello, Request, Response};

/// How a plugin program is run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessOptions {
    /// The program and its arguments.
    pub command: Vec<String>,
    /// Its working directory (the pipeline's directory).
    pub cwd: PathBuf,
    /// Worker processes for parsers and enrichers (sinks always get one).
    pub workers: usize,
    /// How long one request may take before the process is considered hung.
    pub timeout: Duration,
    /// How many times, in all, crashed or hung workers are restarted.
    pub max_restarts: u32,
    /// The longest line a program may answer with; a longer one fails the request and
    /// the worker, so a runaway program cannot exhaust the host's memory.
    pub max_answer_bytes: usize,
}

/// The default of [`ProcessOptions::max_answer_bytes`].
pub const DEFAULT_MAX_ANSWER_BYTES: usize = 256 << 20;

/// How much of one stderr line is passed through; the rest is dropped.
const STDERR_LINE_BYTES: usize = 16 << 10;

/// Reads the next line (without its line break) into `line`, keeping at most `cap` bytes
/// of it: the rest is read and dropped, so the pipe keeps draining. `Ok(None)` at the end
/// of input; `Ok(Some(false))` when the line was cut.
fn read_capped_line(
    reader: &mut impl BufRead,
    cap: usize,
    line: &mut Vec<u8>,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let (mut whole, mut any) = (true, false);
    loop {
        let buffer = match reader.fill_buf() {
            Ok(buffer) => buffer,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buffer.is_empty() {
            return Ok(any.then_some(whole));
        }
        any = true;
        let newline = buffer.iter().position(|&b| b == b'\n');
        let content = &buffer[..newline.unwrap_or(buffer.len())];
        let kept = content.len().min(cap - line.len());
        line.extend_from_slice(&content[..kept]);
        whole &= kept == content.len();
        let used = newline.map_or(buffer.len(), |at| at + 1);
        reader.consume(used);
        if newline.is_some() {
            return Ok(Some(whole));
        }
    }
}

/// Why a plugin program could not be started as a plugin.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// `command` names no program.
    #[error("`command` is empty")]
    EmptyCommand,
    /// The program (or a thread reading it) could not be started.
    #[error("cannot start `{command}`")]
    Spawn {
        /// The command line.
        command: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// No handshake came within the timeout.
    #[error("`{command}` said nothing within {timeout:?}")]
    Silent {
        /// The command line.
        command: String,
        /// How long it was given.
        timeout: Duration,
    },
    /// The program ended before its handshake.
    #[error("`{command}` exited before its handshake ({status})")]
    Exited {
        /// The command line.
        command: String,
        /// How it ended.
        status: String,
    },
    /// Its first line is not a line of text.
    #[error("`{command}` is not a Dateline plugin program: {why}")]
    NotAPlugin {
        /// The command line.
        command: String,
        /// What its first line is.
        why: String,
    },
    /// Its first line is not a handshake.
    #[error(
        "`{command}` is not a Dateline plugin program: its first line is not a handshake: {first}"
    )]
    NoHandshake {
        /// The command line.
        command: String,
        /// The line's first 120 characters.
        first: String,
        /// Why it is not one.
        #[source]
        source: serde_json::Error,
    },
    /// It speaks another version of the protocol.
    #[error(
        "`{command}` speaks Dateline plugin protocol version {version}, this Dateline speaks version {ABI_VERSION}"
    )]
    OtherProtocol {
        /// The command line.
        command: String,
        /// Its version.
        version: u32,
    },
}

/// A plugin program, described by its handshake.
pub struct ProcessPlugin {
    options: ProcessOptions,
    hello: Hello,
}

struct Worker {
    child: Child,
    /// `None` once closed, which asks the program to end.
    stdin: Option<ChildStdin>,
    /// The program's stdout, line by line; `Err` for a line that is not one (too long, not
    /// UTF-8), after which nothing more is read.
    lines: Receiver<Result<String, String>>,
}

enum Failure {
    Hung,
    Exited(String),
    Garbled(String),
}

impl Worker {
    /// Starts the program and reads its handshake.
    fn spawn(options: &ProcessOptions, label: &str) -> Result<(Worker, Hello), StartError> {
        let mut worker = Worker::start(options, label)?;
        match worker.handshake(options) {
            Ok(hello) => Ok((worker, hello)),
            Err(error) => {
                worker.kill();
                Err(error)
            }
        }
    }

    /// Starts the program with a thread reading its answers and one passing its stderr on.
    fn start(options: &ProcessOptions, label: &str) -> Result<Worker, StartError> {
        let command = options.command.join(" ");
        let (program, args) = options
            .command
            .split_first()
            .ok_or(StartError::EmptyCommand)?;
        let cannot_start = |source| StartError::Spawn {
            command: command.clone(),
            source,
        };
        let mut child = Command::new(program)
            .args(args)
            .current_dir(&options.cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(cannot_start)?;
        let stdin = child.stdin.take().expect("piped");
        let stdout = child.stdout.take().expect("piped");
        let stderr = child.stderr.take().expect("piped");
        let (tx, lines) = crossbeam_channel::unbounded();
        let cap = options.max_answer_bytes.max(1);
        std::thread::Builder::new()
            .name(format!("{label}-out"))
            .spawn(move || {
                let mut reader = BufReader::new(stdout);
                let mut line = Vec::new();
                while let Ok(Some(whole)) = read_capped_line(&mut reader, cap, &mut line) {
                    let sent = if !whole {
                        Err(format!("a line longer than max_answer_bytes ({cap} bytes)"))
                    } else {
                        String::from_utf8(std::mem::take(&mut line))
                            .map_err(|e| format!("a line that is not UTF-8 ({e})"))
                    };
                    let last = sent.is_err();
                    if tx.send(sent).is_err() || last {
                        break;
                    }
                }
            })
            .map_err(cannot_start)?;
        let tag = label.to_string();
        // Every byte of stderr is drained, whatever it holds: a program blocked on a full
        // stderr pipe would look hung.
        std::thread::Builder::new()
            .name(format!("{label}-err"))
            .spawn(move || {
                let mut reader = BufReader::new(stderr);
                let mut line = Vec::new();
                while let Ok(Some(whole)) =
                    read_capped_line(&mut reader, STDERR_LINE_BYTES, &mut line)
                {
                    let cut = if whole { "" } else { " [line cut]" };
                    eprintln!("[{tag}] {}{cut}", String::from_utf8_lossy(&line));
                }
            })
            .map_err(cannot_start)?;
        Ok(Worker {
            child,
            stdin: Some(stdin),
            lines,
        })
    }

    /// The program's first line: its self-description, of this protocol version.
    fn handshake(&mut self, options: &ProcessOptions) -> Result<Hello, StartError> {
        let command = options.command.join(" ");
        let first = match self.lines.recv_timeout(options.timeout) {
            Ok(Ok(line)) => line,
            Ok(Err(why)) => {
                return Err(StartError::NotAPlugin {
                    command,
                    why: format!("its first line is {why}"),
                });
            }
            Err(RecvTimeoutError::Timeout) => {
                return Err(StartError::Silent {
                    command,
                    timeout: options.timeout,
                });
            }
            Err(RecvTimeoutError::Disconnected) => {
                return Err(StartError::Exited {
                    command,
                    status: self.exit_status(),
                });
            }
        };
        let hello: Hello =
            serde_json::from_str(&first).map_err(|source| StartError::NoHandshake {
                command: command.clone(),
                first: first.chars().take(120).collect(),
                source,
            })?;
        if hello.dateline_plugin != ABI_VERSION {
            return Err(StartError::OtherProtocol {
                command,
                version: hello.dateline_plugin,
            });
        }
        Ok(hello)
    }

    fn exchange(
        &mut self,
        id: u64,
        request: &Request,
        timeout: Duration,
    ) -> Result<Response, Failure> {
        let mut message = serde_json::to_value(request).expect("requests serialize");
        message["id"] = id.into();
        let mut line = message.to_string();
        line.push('\n');
        let sent = match self.stdin.as_mut() {
            Some(stdin) => stdin
                .write_all(line.as_bytes())
                .and_then(|()| stdin.flush())
                .is_ok(),
            None => false,
        };
        if !sent {
            return Err(Failure::Exited(self.exit_status()));
        }
        match self.lines.recv_timeout(timeout) {
            Ok(Err(why)) => Err(Failure::Garbled(format!("an answer that is {why}"))),
            Ok(Ok(line)) => {
                let response: Response = serde_json::from_str(&line).map_err(|e| {
                    Failure::Garbled(format!("an answer that is not a response ({e})"))
                })?;
                // One request is in flight per worker (a worker that times out is killed),
                // so an answer to another is a broken plugin, not a late one.
                match response.id {
                    Some(answered) if answered == id => Ok(response),
                    answered => Err(Failure::Garbled(format!(
                        "an answer to request {} while request {id} was awaited",
                        answered.map_or("without an id".to_string(), |a| a.to_string())
                    ))),
                }
            }
            Err(RecvTimeoutError::Timeout) => Err(Failure::Hung),
            Err(RecvTimeoutError::Disconnected) => Err(Failure::Exited(self.exit_status())),
        }
    }

    fn exit_status(&mut self) -> String {
        for _ in 0..50 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.to_string();
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        "still running".to_string()
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl ProcessPlugin {
    /// Starts the program once to read its handshake.
    pub fn start(options: ProcessOptions) -> Result<ProcessPlugin, StartError> {
        let (mut worker, hello) = Worker::spawn(&options, "plugin")?;
        worker.kill();
        Ok(ProcessPlugin { options, hello })
    }

    /// The plugin's self-description.
    pub fn hello(&self) -> &Hello {
        &self.hello
    }

    /// The command line.
    pub fn command(&self) -> &[String] {
        &self.options.command
    }
}

impl Factory for ProcessPlugin {
    fn info(&self) -> PluginInfo {
        self.hello.info()
    }

    fn config_keys(&self) -> BTreeMap<String, Value> {
        self.hello.config_keys.clone()
    }

    fn validate(&self, config: &Value) -> Result<(), PluginError> {
        let label = format!("{} check", self.hello.name);
        let (mut worker, _) = Worker::spawn(&self.options, &label)
            .map_err(|e| PluginError::new(dateline_core::error::chain(&e)))?;
        let answer = worker.exchange(
            1,
            &Request::Validate {
                config: config.clone(),
            },
            self.options.timeout,
        );
        worker.kill();
        match answer {
            Ok(Response { error: Some(e), .. }) => Err(PluginError::new(e)),
            Ok(_) => Ok(()),
            Err(_) => Err(PluginError::new(
                "the plugin program did not answer `validate`",
            )),
        }
    }

    fn build(&self, config: Value, host: &dyn Host) -> Result<Instance, PluginError> {
        let configure = Request::Configure {
            config,
            host: client::host_info(host),
        };
        let workers = if self.hello.kind == Kind::Sink {
            1
        } else {
            self.options.workers.max(1)
        };
        let transport = ProcessTransport {
            name: self.hello.name.clone(),
            options: self.options.clone(),
            configure,
            pool: Mutex::new(Pool {
                idle: Vec::new(),
                live: 0,
            }),
            available: Condvar::new(),
            next_id: AtomicU64::new(1),
            restarts: AtomicU32::new(0),
            spawned: AtomicU32::new(0),
        };
        let mut staged = Vec::new();
        for _ in 0..workers {
            let (worker, response) = transport.start_worker().map_err(PluginError::new)?;
            staged = response.staged;
            let mut pool = transport.pool.lock().expect("not poisoned");
            pool.idle.push(worker);
            pool.live += 1;
        }
        client::adopt_staged(host, &staged)?;
        Ok(client::instance(&self.hello, Arc::new(transport)))
    }
}

struct Pool {
    idle: Vec<Worker>,
    live: usize,
}

/// A pool of configured plugin processes.
struct ProcessTransport {
    name: String,
    options: ProcessOptions,
    configure: Request,
    pool: Mutex<Pool>,
    available: Condvar,
    next_id: AtomicU64,
    restarts: AtomicU32,
    spawned: AtomicU32,
}

impl ProcessTransport {
    fn start_worker(&self) -> Result<(Worker, Response), String> {
        let number = self.spawned.fetch_add(1, Ordering::Relaxed) + 1;
        let label = format!("{} #{number}", self.name);
        let (mut worker, _) =
            Worker::spawn(&self.options, &label).map_err(|e| dateline_core::error::chain(&e))?;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        match worker.exchange(id, &self.configure, self.options.timeout) {
            Ok(Response { error: Some(e), .. }) => {
                worker.kill();
                Err(format!("{}: configuration refused: {e}", self.name))
            }
            Ok(response) => Ok((worker, response)),
            Err(_) => {
                worker.kill();
                Err(format!(
                    "{}: the plugin program did not answer `configure`",
                    self.name
                ))
            }
        }
    }

    fn checkout(&self) -> Result<Worker, String> {
        let mut pool = self.pool.lock().expect("not poisoned");
        loop {
            if let Some(worker) = pool.idle.pop() {
                return Ok(worker);
            }
            if pool.live == 0 {
                return Err(format!(
                    "{}: no plugin process is left (restarted {} times, max_restarts is {})",
                    self.name,
                    self.restarts.load(Ordering::Relaxed),
                    self.options.max_restarts
                ));
            }
            pool = self.available.wait(pool).expect("not poisoned");
        }
    }

    fn checkin(&self, worker: Option<Worker>) {
        let mut pool = self.pool.lock().expect("not poisoned");
        match worker {
            Some(worker) => pool.idle.push(worker),
            None => pool.live -= 1,
        }
        self.available.notify_one();
    }

    /// Replaces a failed worker when the restart budget allows.
    fn replace(&self) -> String {
        let restarts = self.restarts.fetch_add(1, Ordering::Relaxed) + 1;
        if restarts > self.options.max_restarts {
            self.checkin(None);
            return format!(
                "not restarted: max_restarts ({}) reached",
                self.options.max_restarts
            );
        }
        match self.start_worker() {
            Ok((worker, _)) => {
                self.checkin(Some(worker));
                format!(
                    "restarted ({restarts} of {} restarts)",
                    self.options.max_restarts
                )
            }
            Err(e) => {
                self.checkin(None);
                format!("restart failed: {e}")
            }
        }
    }
}

impl Transport for ProcessTransport {
    fn call(&self, request: &Request) -> Result<Response, PluginError> {
        let mut worker = self.checkout().map_err(PluginError::new)?;
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        match worker.exchange(id, request, self.options.timeout) {
            Ok(response) => {
                self.checkin(Some(worker));
                Ok(response)
            }
            Err(failure) => {
                let what = match failure {
                    Failure::Hung => format!(
                        "gave no answer within {:?} and was killed",
                        self.options.timeout
                    ),
                    Failure::Exited(status) => format!("exited ({status})"),
                    Failure::Garbled(why) => format!("sent {why} and was killed"),
                };
                worker.kill();
                let restart = self.replace();
                Err(PluginError::new(format!(
                    "plugin process `{}` {what} while handling this batch; {restart}",
                    self.name
                )))
            }
        }
    }
}

impl Drop for ProcessTransport {
    fn drop(&mut self) {
        let pool = self.pool.get_mut().expect("not poisoned");
        for mut worker in pool.idle.drain(..) {
            // Closing stdin asks the program to end; it gets a moment before being killed.
            worker.stdin = None;
            worker.exit_status();
            worker.kill();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], cap: usize) -> Vec<(Vec<u8>, bool)> {
        // A tiny buffer, so that lines span many reads.
        let mut reader = BufReader::with_capacity(3, input);
        let mut line = Vec::new();
        let mut out = Vec::new();
        while let Some(whole) = read_capped_line(&mut reader, cap, &mut line).unwrap() {
            out.push((line.clone(), whole));
        }
        out
    }

    #[test]
    fn lines_are_read_whole_up_to_the_cap_and_cut_past_it_without_losing_the_next() {
        assert_eq!(
            lines(b"one\ntwo\n\nlast", 8),
            vec![
                (b"one".to_vec(), true),
                (b"two".to_vec(), true),
                (b"".to_vec(), true),
                (b"last".to_vec(), true),
            ]
        );
        assert_eq!(
            lines(b"0123456789abcdef\nnext\n", 8),
            vec![(b"01234567".to_vec(), false), (b"next".to_vec(), true)]
        );
        assert_eq!(lines(b"12345678\n", 8), vec![(b"12345678".to_vec(), true)]);
        assert_eq!(lines(b"", 8), vec![]);
        assert_eq!(
            lines(b"\xff\xfe\n", 8),
            vec![(b"\xff\xfe".to_vec(), true)],
            "bytes are bytes here"
        );
    }
}
