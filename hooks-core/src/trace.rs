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

use crate::{HookContext, HookError, WriteKind};

/// The span of one hook call, `hooks_orm.hook`; nothing without the
/// `tracing` feature.
///
/// Generated code holds it across the call: entered around a sync hook
/// ([`enter`](Self::enter)); an `async` hook's future is
/// [`instrument`](Self::instrument)ed, and the span entered again for its
/// outcome, so a hook error's event lies inside it either way.
#[derive(Clone)]
pub struct HookSpan {
    /// `None` when no subscriber wants it: then nothing is built, entered
    /// or dropped.
    #[cfg(feature = "tracing")]
    span: Option<tracing::Span>,
}

/// A [`HookSpan`] or [`WriteSpan`], entered until dropped; never held across an `.await`.
pub struct Entered<'a> {
    #[cfg(feature = "tracing")]
    _entered: Option<tracing::span::Entered<'a>>,
    #[cfg(not(feature = "tracing"))]
    _span: PhantomData<&'a ()>,
}

impl HookSpan {
    /// `hooks_orm.hook{hook, event, entity}`, a child of the current span.
    #[inline(always)]
    pub fn new(hook: &'static str, cx: &HookContext<'_>) -> HookSpan {
        #[cfg(feature = "tracing")]
        {
            HookSpan {
                span: wanted(tracing::Level::DEBUG).then(|| {
                    tracing::debug_span!(
                        target: "hooks_orm",
                        "hooks_orm.hook",
                        hook,
                        event = cx.event().as_str(),
                        entity = cx.entity(),
                    )
                }),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (hook, cx);
            HookSpan {}
        }
    }

    /// Enters the span until the guard drops.
    #[inline(always)]
    pub fn enter(this: &HookSpan) -> Entered<'_> {
        #[cfg(feature = "tracing")]
        {
            Entered {
                _entered: this.span.as_ref().map(tracing::Span::enter),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = this;
            Entered { _span: PhantomData }
        }
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
        span: Option<tracing::Span>,
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
        let _entered = this.span.as_ref().map(tracing::Span::enter);
        this.future.poll(cx)
    }
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
#[inline]
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
    /// `None` when no subscriber wants it.
    #[cfg(feature = "tracing")]
    span: Option<tracing::Span>,
}

impl WriteSpan {
    /// SeaORM's door: one of `ActiveModelBehavior`'s four calls, `phase`
    /// (`"before_save"`, `"after_save"`, `"before_delete"`, `"after_delete"`).
    #[inline(always)]
    pub fn seaorm(entity: &'static str, kind: WriteKind, phase: &'static str) -> WriteSpan {
        #[cfg(feature = "tracing")]
        {
            WriteSpan {
                span: wanted(tracing::Level::INFO).then(|| {
                    tracing::info_span!(
                        target: "hooks_orm",
                        "hooks_orm.write",
                        door = "seaorm",
                        entity,
                        kind = kind.as_str(),
                        phase,
                        key = tracing::field::Empty,
                    )
                }),
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
                span: wanted(tracing::Level::INFO).then(|| {
                    tracing::info_span!(
                        target: "hooks_orm",
                        "hooks_orm.write",
                        door = "hooked",
                        entity,
                        kind = kind.as_str(),
                        key = tracing::field::Empty,
                    )
                }),
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
                span: wanted(tracing::Level::INFO).then(|| {
                    tracing::info_span!(
                        target: "hooks_orm",
                        "hooks_orm.write",
                        door = "bulk",
                        entity,
                        kind = kind.as_str(),
                        rows = tracing::field::Empty,
                    )
                }),
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
        if let Some(span) = &self.span
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
        if let Some(span) = &self.span {
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
                _entered: self.span.as_ref().map(tracing::Span::enter),
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
