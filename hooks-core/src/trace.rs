//! The spans and events of the hook dispatch, compiled in by the `tracing`
//! feature (on by default in `hooks-orm`) and compiled out without it.
//!
//! Not public API: the glue and the operations of `hooks-orm` open the write
//! spans, and the code `#[hooks]` generates opens a [`HookSpan`] around each
//! hook call. The feature is decided here, in this crate, so generated code
//! never names a feature (it would be one of the user's crate).
//!
//! What a subscriber sees (target `hooks_orm` for spans):
//! - `hooks_orm.write` (`INFO`): one write, fields `door` (`"seaorm"`,
//!   `"hooked"`, `"bulk"`), `entity`, `kind` (`"create"`, `"update"`,
//!   `"delete"`), and `phase` (SeaORM's door), `key` (single rows, when
//!   known) or `rows` (bulk).
//! - `hooks_orm.hook` (`DEBUG`): one hook call, fields `hook`, `event`, `entity`.
//! - an event at `WARN`, target `hooks_orm::hook_error`, for each hook error
//!   that goes back to the caller, inside the hook's span: fields `hook`,
//!   `event`, `entity`, `kind` (of error), `error`.
//!
//! With no subscriber, or a level filter that leaves them out, a span costs
//! a load and a compare (`tracing`'s global level filter) and is `None`:
//! nothing is built, entered, recorded, formatted or dropped.

use std::future::Future;
#[cfg(not(feature = "tracing"))]
use std::marker::PhantomData;
#[cfg(feature = "tracing")]
use std::mem::ManuallyDrop;

use crate::{HookError, HookEvent, WriteKind};

/// The span of one hook call, `hooks_orm.hook`; nothing without the
/// `tracing` feature.
///
/// A sync hook's call and outcome [`run`](Self::run) in a span of their
/// own. An `async` hook's future is [`instrument`](Self::instrument)ed with
/// one, and its outcome handled [`within`](Self::within) it, so a hook
/// error's event lies inside the span either way.
#[derive(Clone)]
pub struct HookSpan {
    #[cfg(feature = "tracing")]
    span: MaybeSpan,
}

/// A [`WriteSpan`], entered until dropped; never held across an `.await`.
pub struct Entered<'a> {
    #[cfg(feature = "tracing")]
    _entered: Option<tracing::span::Entered<'a>>,
    #[cfg(not(feature = "tracing"))]
    _span: PhantomData<&'a ()>,
}

impl HookSpan {
    /// `hooks_orm.hook{hook, event, entity}`, a child of the current span.
    ///
    /// Takes the context's event and entity, not the context: a reference
    /// to it would keep the context in memory where the hooks themselves do
    /// not read it.
    #[inline(always)]
    pub fn new(hook: &'static str, event: HookEvent, entity: &'static str) -> HookSpan {
        #[cfg(feature = "tracing")]
        {
            HookSpan {
                span: MaybeSpan::new(tracing::Level::DEBUG, || hook_span(hook, event, entity)),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (hook, event, entity);
            HookSpan {}
        }
    }

    /// `f()` in a new span `hooks_orm.hook{hook, event, entity}`: a sync
    /// hook's call and its outcome. With no subscriber that wants the span,
    /// just `f()`, after one check of the level: no span, and nothing to
    /// test on the way out.
    #[inline(always)]
    pub fn run<T>(
        hook: &'static str,
        event: HookEvent,
        entity: &'static str,
        f: impl FnOnce() -> T,
    ) -> T {
        #[cfg(feature = "tracing")]
        if wanted(tracing::Level::DEBUG) {
            return hook_span(hook, event, entity).in_scope(f);
        }
        #[cfg(not(feature = "tracing"))]
        let _ = (hook, event, entity);
        f()
    }

    /// `f()` inside the span (an `async` hook's outcome, after its
    /// instrumented future).
    #[inline(always)]
    pub fn within<T>(this: &HookSpan, f: impl FnOnce() -> T) -> T {
        #[cfg(feature = "tracing")]
        let _entered = this.span.get().map(tracing::Span::enter);
        #[cfg(not(feature = "tracing"))]
        let _ = this;
        f()
    }

    /// `future`, entering the span each time it is polled.
    #[inline(always)]
    pub fn instrument<F: Future>(
        this: &HookSpan,
        future: F,
    ) -> impl Future<Output = F::Output> + use<F> {
        #[cfg(feature = "tracing")]
        {
            Instrumented {
                future,
                span: this.span.clone(),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = this;
            future
        }
    }
}

#[cfg(feature = "tracing")]
pin_project_lite::pin_project! {
    /// A future that enters its span, if it has one, each time it is polled:
    /// `tracing::Instrumented` without the span when nobody wants it.
    struct Instrumented<F> {
        #[pin]
        future: F,
        span: MaybeSpan,
    }
}

#[cfg(feature = "tracing")]
impl<F: Future> Future for Instrumented<F> {
    type Output = F::Output;

    #[inline(always)]
    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        let this = self.project();
        let _entered = this.span.get().map(tracing::Span::enter);
        this.future.poll(cx)
    }
}

/// A span, if a subscriber wants it (`None` otherwise: nothing is built,
/// entered or dropped). Boxed, so that a disabled span is one null word to
/// store, move and test, not `Span`'s 40 bytes; the box is only allocated
/// for a span that a subscriber wants, which costs far more than that.
/// Dropping a `None` is one test where it drops: `Option`'s own drop glue
/// is a call, because `Span`'s drop is large.
#[cfg(feature = "tracing")]
struct MaybeSpan(ManuallyDrop<Option<Box<tracing::Span>>>);

#[cfg(feature = "tracing")]
impl MaybeSpan {
    /// `make()` if a subscriber may want a span of `level`.
    #[inline(always)]
    fn new(level: tracing::Level, make: impl FnOnce() -> Box<tracing::Span>) -> MaybeSpan {
        MaybeSpan(ManuallyDrop::new(wanted(level).then(make)))
    }

    #[inline(always)]
    fn get(&self) -> Option<&tracing::Span> {
        self.0.as_deref()
    }
}

#[cfg(feature = "tracing")]
impl Clone for MaybeSpan {
    #[inline(always)]
    fn clone(&self) -> MaybeSpan {
        MaybeSpan(ManuallyDrop::new(self.get().map(clone_span)))
    }
}

#[cfg(feature = "tracing")]
impl Drop for MaybeSpan {
    #[inline(always)]
    fn drop(&mut self) {
        if self.0.is_some() {
            close_span(&mut self.0);
        }
    }
}

/// [`MaybeSpan`]'s `Clone` of a span that exists, out of line.
#[cfg(feature = "tracing")]
#[inline(never)]
fn clone_span(span: &tracing::Span) -> Box<tracing::Span> {
    Box::new(span.clone())
}

/// [`MaybeSpan`]'s `Drop` of a span that exists, out of line.
#[cfg(feature = "tracing")]
#[inline(never)]
fn close_span(span: &mut Option<Box<tracing::Span>>) {
    drop(span.take());
}

/// The span makers, out of line: the dispatch inlines the level check and
/// calls these only when a subscriber may want the span.
#[cfg(feature = "tracing")]
#[inline(never)]
fn hook_span(hook: &'static str, event: HookEvent, entity: &'static str) -> Box<tracing::Span> {
    Box::new(tracing::debug_span!(
        target: "hooks_orm",
        "hooks_orm.hook",
        hook,
        event = event.as_str(),
        entity,
    ))
}

#[cfg(feature = "tracing")]
#[inline(never)]
fn seaorm_span(entity: &'static str, kind: WriteKind, phase: &'static str) -> Box<tracing::Span> {
    Box::new(tracing::info_span!(
        target: "hooks_orm",
        "hooks_orm.write",
        door = "seaorm",
        entity,
        kind = kind.as_str(),
        phase,
        key = tracing::field::Empty,
    ))
}

#[cfg(feature = "tracing")]
#[inline(never)]
fn hooked_span(entity: &'static str, kind: WriteKind) -> Box<tracing::Span> {
    Box::new(tracing::info_span!(
        target: "hooks_orm",
        "hooks_orm.write",
        door = "hooked",
        entity,
        kind = kind.as_str(),
        key = tracing::field::Empty,
    ))
}

#[cfg(feature = "tracing")]
#[inline(never)]
fn bulk_span(entity: &'static str, kind: WriteKind) -> Box<tracing::Span> {
    Box::new(tracing::info_span!(
        target: "hooks_orm",
        "hooks_orm.write",
        door = "bulk",
        entity,
        kind = kind.as_str(),
        rows = tracing::field::Empty,
    ))
}

/// Whether a subscriber may want a span of `level`. With none (or a filter
/// that leaves it out), the span macros would still build a disabled span
/// for tracing's `log` fallback (the `log` feature of `tracing`, which
/// SeaORM's dependencies turn on), which records and formats its fields for
/// nobody on every call, enter, exit and drop; no span at all does none of that.
#[cfg(feature = "tracing")]
#[inline(always)]
fn wanted(level: tracing::Level) -> bool {
    level <= tracing::level_filters::STATIC_MAX_LEVEL
        && level <= tracing::level_filters::LevelFilter::current()
}

/// The event of a hook error that goes back to the caller: `WARN`, target
/// `hooks_orm::hook_error`. `WARN`, not `ERROR`: the caller gets the error
/// and decides what it is (a validation error is an answer, not a fault);
/// an `on_error = "log"` hook's error, which nobody else sees, is logged at
/// `ERROR` under the same target.
#[inline(always)]
pub(crate) fn hook_failed(err: &HookError) {
    #[cfg(feature = "tracing")]
    tracing::warn!(
        target: "hooks_orm::hook_error",
        hook = err.hook().unwrap_or("?"),
        event = err.event().map_or("?", |event| event.as_str()),
        entity = err.entity().unwrap_or("?"),
        kind = err.kind_name(),
        error = %err,
        "hook failed, and the write with it"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = err;
}

/// The span of one write (or, on SeaORM's door, of one of SeaORM's calls
/// into the glue), `hooks_orm.write`; nothing without the `tracing` feature.
#[derive(Clone)]
pub struct WriteSpan {
    #[cfg(feature = "tracing")]
    span: MaybeSpan,
}

impl WriteSpan {
    /// SeaORM's door: one of `ActiveModelBehavior`'s four calls, `phase`
    /// (`"before_save"`, `"after_save"`, `"before_delete"`, `"after_delete"`).
    #[inline(always)]
    pub fn seaorm(entity: &'static str, kind: WriteKind, phase: &'static str) -> WriteSpan {
        #[cfg(feature = "tracing")]
        {
            WriteSpan {
                span: MaybeSpan::new(tracing::Level::INFO, || seaorm_span(entity, kind, phase)),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (entity, kind, phase);
            WriteSpan {}
        }
    }

    /// A hooked operation on one row (`insert_hooked`, ...).
    #[inline(always)]
    pub fn hooked(entity: &'static str, kind: WriteKind) -> WriteSpan {
        #[cfg(feature = "tracing")]
        {
            WriteSpan {
                span: MaybeSpan::new(tracing::Level::INFO, || hooked_span(entity, kind)),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (entity, kind);
            WriteSpan {}
        }
    }

    /// A hooked bulk operation (`insert_many_hooked`, ...).
    #[inline(always)]
    pub fn bulk(entity: &'static str, kind: WriteKind) -> WriteSpan {
        #[cfg(feature = "tracing")]
        {
            WriteSpan {
                span: MaybeSpan::new(tracing::Level::INFO, || bulk_span(entity, kind)),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (entity, kind);
            WriteSpan {}
        }
    }

    /// Records the row's primary key (`id=7`), if the span is enabled and
    /// `key` finds one: nothing is computed for a disabled span.
    #[inline(always)]
    pub fn record_key(&self, key: impl FnOnce() -> Option<String>) {
        #[cfg(feature = "tracing")]
        if let Some(span) = self.span.get()
            && !span.is_disabled()
            && let Some(key) = key()
        {
            span.record("key", key);
        }
        #[cfg(not(feature = "tracing"))]
        let _ = key;
    }

    /// Records how many rows a bulk write touches.
    #[inline(always)]
    pub fn record_rows(&self, rows: usize) {
        #[cfg(feature = "tracing")]
        if let Some(span) = self.span.get() {
            span.record("rows", rows);
        }
        #[cfg(not(feature = "tracing"))]
        let _ = rows;
    }

    /// Enters the span until the guard drops.
    #[inline(always)]
    pub fn enter(&self) -> Entered<'_> {
        #[cfg(feature = "tracing")]
        {
            Entered {
                _entered: self.span.get().map(tracing::Span::enter),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            Entered { _span: PhantomData }
        }
    }

    /// `future`, entering the span each time it is polled.
    #[inline(always)]
    pub fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> + use<F> {
        #[cfg(feature = "tracing")]
        {
            Instrumented {
                future,
                span: self.span.clone(),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            future
        }
    }
}
