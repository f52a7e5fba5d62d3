//! The plugins a run can use, by kind and name.

use std::sync::Arc;

use dateline_core::{Factory, Kind, PluginInfo};

/// Where a plugin comes from, as `dateline plugins` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PluginOrigin {
    /// Compiled into this binary.
    BuiltIn,
    /// A library loaded by path.
    Library(std::path::PathBuf),
    /// A separate program.
    Command(Vec<String>),
}

impl std::fmt::Display for PluginOrigin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PluginOrigin::BuiltIn => f.write_str("built-in"),
            PluginOrigin::Library(path) => write!(f, "library {}", path.display()),
            PluginOrigin::Command(command) => write!(f, "command {}", command.join(" ")),
        }
    }
}

#[derive(Clone)]
struct Registered {
    factory: Arc<dyn Factory>,
    info: PluginInfo,
    origin: PluginOrigin,
}

/// Every plugin a pipeline may name. A plugin is known by its kind and name, so a
/// parser and a sink may share a name (`jsonl` reads and writes).
///
/// ```
/// use dateline_runner::Registry;
///
/// let registry = Registry::new();
/// assert!(registry.plugins().is_empty());
/// ```
#[derive(Default, Clone)]
pub struct Registry {
    plugins: Vec<Registered>,
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a built-in plugin.
    ///
    /// # Panics
    /// When a plugin of the same kind and name is already registered: built-ins are a fixed
    /// list, so that is a programming error.
    pub fn with(mut self, factory: Box<dyn Factory>) -> Self {
        let info = factory.info();
        assert!(
            self.get(info.kind, &info.name).is_none(),
            "two {} plugins named {}",
            info.kind,
            info.name
        );
        self.plugins.push(Registered {
            factory: Arc::from(factory),
            info,
            origin: PluginOrigin::BuiltIn,
        });
        self
    }

    /// Adds a third-party plugin; an error when its kind and name are taken.
    pub fn add(
        &mut self,
        factory: std::sync::Arc<dyn Factory>,
        origin: PluginOrigin,
    ) -> Result<(), String> {
        let info = factory.info();
        if let Some(other) = self
            .plugins
            .iter()
            .find(|p| p.info.kind == info.kind && p.info.name == info.name)
        {
            let article = if info.kind == Kind::Enrich { "an" } else { "a" };
            return Err(format!(
                "{article} {} plugin named `{}` is already registered ({}); plugin names must be unique per kind",
                info.kind, info.name, other.origin
            ));
        }
        self.plugins.push(Registered {
            factory,
            info,
            origin,
        });
        Ok(())
    }

    /// The factory of the `kind` plugin called `name`.
    pub fn get(&self, kind: Kind, name: &str) -> Option<Arc<dyn Factory>> {
        self.plugins
            .iter()
            .find(|p| p.info.kind == kind && p.info.name == name)
            .map(|p| p.factory.clone())
    }

    /// The kinds a name is registered under (for "`x` is a sink plugin" hints).
    pub fn kinds_of(&self, name: &str) -> Vec<Kind> {
        self.plugins
            .iter()
            .filter(|p| p.info.name == name)
            .map(|p| p.info.kind)
            .collect()
    }

    /// Names of the plugins of one kind.
    pub fn names(&self, kind: Kind) -> impl Iterator<Item = &str> {
        self.plugins
            .iter()
            .filter(move |p| p.info.kind == kind)
            .map(|p| p.info.name.as_str())
    }

    /// Every plugin with its origin, sorted by kind then name.
    pub fn plugins(&self) -> Vec<(PluginInfo, PluginOrigin)> {
        let mut all: Vec<_> = self
            .plugins
            .iter()
            .map(|p| (p.info.clone(), p.origin.clone()))
            .collect();
        all.sort_by_key(|(info, _)| (info.kind as u8, info.name.clone()));
        all
    }
}
