//! The reading-time plugin as a separate program: JSON lines on stdin and stdout.
//!
//! ```toml
//! [[plugin]]
//! command = ["target/release/reading-time-stdio"]
//! ```

fn main() {
    dateline_plugin::serve_stdio(dateline_plugin::enricher::<
        dateline_example_reading_time::ReadingTime,
    >());
}
