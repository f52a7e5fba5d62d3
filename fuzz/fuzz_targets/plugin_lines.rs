#![no_main]
//! Arbitrary bytes through Dateline's `plugin_lines` target (see dateline-fuzzing).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| dateline_fuzzing::Target::PluginLines.run(bytes));
