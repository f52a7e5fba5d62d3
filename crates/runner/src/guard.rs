//! Plugin calls that cannot take the run down: a panic becomes an error message.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    static IN_PLUGIN: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs (once) a panic hook that keeps plugin panics off stderr: their message
/// goes into the dead-letter record instead. Panics elsewhere print as usual.
fn install_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if IN_PLUGIN.with(Cell::get) {
                let message = payload_message(info.payload());
                let located = match info.location() {
                    Some(at) => format!("{message} (at {}:{})", at.file(), at.line()),
                    None => message,
                };
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(located));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with a non-text payload".to_string()
    }
}

/// A plugin call that panicked, with the panic's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("panicked: {message}")]
pub struct Panic {
    /// What the panic said (and where, when the hook saw it).
    pub message: String,
}

/// Runs a plugin call; a panic inside it is returned as a [`Panic`].
pub fn call<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    install_hook();
    let was = IN_PLUGIN.with(|flag| flag.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    IN_PLUGIN.with(|flag| flag.set(was));
    result.map_err(|payload| {
        let message = LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| payload_message(payload.as_ref()));
        Panic { message }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_with_its_message() {
        let result: Result<(), Panic> = call(|| panic!("bad record {}", 7));
        let message = result.unwrap_err().to_string();
        assert!(message.starts_with("panicked: bad record 7"), "{message}");
        assert_eq!(call(|| 5).unwrap(), 5);
    }
}
