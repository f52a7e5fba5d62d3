//! A misbehaving plugin for Dateline's tests: it panics on every record whose body
//! mentions "PANIC", and fails cleanly on "FAIL".

use dateline_plugin::{Document, Enrich, Host, Kind, NoConfig, Plugin, PluginError, PluginInfo};

/// The plugin.
pub struct Panicky;

impl Plugin for Panicky {
    type Config = NoConfig;

    fn info() -> PluginInfo {
        PluginInfo {
            name: "panicky".into(),
            version: "0.1.0".into(),
            kind: Kind::Enrich,
            description: "panics on PANIC".into(),
            requires: vec!["body".into()],
            provides: vec!["extra".into()],
        }
    }

    fn new(_: NoConfig, _: &dyn Host) -> Result<Self, PluginError> {
        Ok(Panicky)
    }
}

impl Enrich for Panicky {
    fn enrich(&self, doc: &mut Document) -> Result<(), PluginError> {
        if doc.body.contains("PANIC") {
            panic!("the body says PANIC");
        }
        if doc.body.contains("FAIL") {
            return Err(PluginError::new("the body says FAIL"));
        }
        doc.extra.insert("panicky".into(), "calm".into());
        Ok(())
    }

    // One record per call, so that a panic fails only its own record.
    fn batch_size(&self) -> usize {
        1
    }
}

dateline_plugin::export_plugin!(Panicky);
