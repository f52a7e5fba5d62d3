//! Progress on stderr: a bar on a terminal, a status line every few seconds otherwise.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use dateline_runner::{Observer, Progress};
use indicatif::{ProgressBar, ProgressStyle};

const LINE_EVERY: Duration = Duration::from_secs(5);

/// Reports a run's progress and warnings on stderr.
pub struct ProgressReporter {
    bar: Option<ProgressBar>,
    quiet: bool,
    last_line: Mutex<Instant>,
}

impl ProgressReporter {
    /// A reporter; `quiet` silences everything but errors.
    pub fn new(quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} inputs  {msg}",
                )
                .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        ProgressReporter {
            bar,
            quiet,
            last_line: Mutex::new(Instant::now()),
        }
    }

    /// Clears the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn status(p: &Progress) -> String {
    let secs = p.elapsed.as_secs_f64().max(1e-9);
    format!(
        "{} records ({} written, {} dead-lettered, {} skipped), {:.0} records/s, {:.1} MB/s",
        p.read,
        p.written,
        p.dead_lettered,
        p.skipped,
        p.read as f64 / secs,
        p.bytes_read as f64 / 1e6 / secs
    )
}

impl Observer for ProgressReporter {
    fn warning(&self, message: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("warning: {message}")),
            None => eprintln!("warning: {message}"),
        }
    }

    fn progress(&self, p: &Progress) {
        if self.quiet {
            return;
        }
        if let Some(bar) = &self.bar {
            bar.set_length(p.inputs_total as u64);
            bar.set_position(p.inputs_done as u64);
            bar.set_message(status(p));
            return;
        }
        let mut last = self.last_line.lock().expect("not poisoned");
        if last.elapsed() >= LINE_EVERY {
            *last = Instant::now();
            eprintln!(
                "[{:.0}s] {}/{} inputs, {}",
                p.elapsed.as_secs_f64(),
                p.inputs_done,
                p.inputs_total,
                status(p)
            );
        }
    }
}
