//! hooks-orm's `tracing` spans and events, captured for the tests that check them.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, Once};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// One event of target `hooks_orm*` (or `hooks_tests*`), with its fields as text.
#[derive(Clone, Debug)]
pub struct Captured {
    pub level: Level,
    pub target: String,
    pub fields: BTreeMap<String, String>,
    /// The span the event was emitted in: its explicit parent, else the
    /// span entered on the emitting thread.
    pub parent: Option<u64>,
}

/// One span of target `hooks_orm*` (or `hooks_tests*`), with its fields as
/// text, including those recorded after it was created.
#[derive(Clone, Debug)]
pub struct CapturedSpan {
    pub id: u64,
    pub name: &'static str,
    pub level: Level,
    pub target: String,
    pub fields: BTreeMap<String, String>,
    /// The span it was created in, as for [`Captured::parent`].
    pub parent: Option<u64>,
}

impl CapturedSpan {
    /// The value of field `name`, if it has one.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.get(name).map(String::as_str)
    }
}

static CAPTURED: Mutex<Vec<Captured>> = Mutex::new(Vec::new());
static SPANS: Mutex<Vec<CapturedSpan>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// The spans entered on this thread, innermost last.
    static ENTERED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

/// Records hooks-orm's spans and events. Installed once for the whole test
/// binary (the tests' tasks run on runtime threads, so a thread-local default
/// would miss them); each test picks its own by its unique reason, or by the
/// root span it runs in ([`descends_from`]).
struct Capture;

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
}

fn current() -> Option<u64> {
    ENTERED.with(|entered| entered.borrow().last().copied())
}

impl Subscriber for Capture {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("hooks_orm") || metadata.target().starts_with("hooks_tests")
    }

    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let parent = if attributes.is_contextual() {
            current()
        } else {
            attributes.parent().map(Id::into_u64)
        };
        let mut fields = BTreeMap::new();
        attributes.record(&mut Fields(&mut fields));
        let metadata = attributes.metadata();
        SPANS.lock().unwrap().push(CapturedSpan {
            id,
            name: metadata.name(),
            level: *metadata.level(),
            target: metadata.target().to_owned(),
            fields,
            parent,
        });
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = SPANS.lock().unwrap();
        if let Some(span) = spans.iter_mut().find(|s| s.id == span.into_u64()) {
            values.record(&mut Fields(&mut span.fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        let parent = if event.is_contextual() {
            current()
        } else {
            event.parent().map(Id::into_u64)
        };
        CAPTURED.lock().unwrap().push(Captured {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
            parent,
        });
    }

    fn enter(&self, span: &Id) {
        ENTERED.with(|entered| entered.borrow_mut().push(span.into_u64()));
    }

    fn exit(&self, span: &Id) {
        ENTERED.with(|entered| {
            let mut entered = entered.borrow_mut();
            if let Some(at) = entered.iter().rposition(|id| *id == span.into_u64()) {
                entered.remove(at);
            }
        });
    }
}

/// Installs the capturing subscriber, once for the whole test binary.
pub fn capture() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| tracing::subscriber::set_global_default(Capture).unwrap());
}

/// Every event captured so far, oldest first.
pub fn captured() -> Vec<Captured> {
    CAPTURED.lock().unwrap().clone()
}

/// Every span captured so far, oldest first.
pub fn captured_spans() -> Vec<CapturedSpan> {
    SPANS.lock().unwrap().clone()
}

/// Whether the span `id` is `root` or lies inside it, in `spans`.
pub fn descends_from(spans: &[CapturedSpan], id: u64, root: u64) -> bool {
    let mut at = Some(id);
    while let Some(id) = at {
        if id == root {
            return true;
        }
        at = spans.iter().find(|s| s.id == id).and_then(|s| s.parent);
    }
    false
}
