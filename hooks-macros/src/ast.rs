//! Parse: what a hook is. Finds the event attributes in a `#[hooks]` block and
//! reads their options; says nothing yet about whether a hook's signature fits.

use darling::{Error, FromMeta, Result};
use syn::{Attribute, Expr, ExprLit, ExprUnary, ImplItem, ImplItemFn, ItemImpl, Lit, Meta, UnOp};

use crate::events::Event;

/// One event attribute on one fn of the `#[hooks]` block.
pub(crate) struct HookDecl<'a> {
    pub func: &'a ImplItemFn,
    pub event: Event,
    pub attr: &'a Attribute,
    pub options: EventOptions,
    /// Position of the fn in the block: ties in priority run in declaration order.
    pub position: usize,
}

/// The options of an event attribute: `#[before_delete(priority = -10)]`.
#[derive(Default, FromMeta)]
pub(crate) struct EventOptions {
    #[darling(default)]
    pub priority: Priority,
}

/// `priority = N`: any `i32`, negative ones included (darling's own integers
/// want negative numbers quoted).
#[derive(Clone, Copy, Default)]
pub(crate) struct Priority(pub i32);

impl FromMeta for Priority {
    fn from_expr(expr: &Expr) -> Result<Self> {
        let (negative, lit) = match expr {
            Expr::Lit(ExprLit { lit, .. }) => (false, lit),
            Expr::Unary(ExprUnary {
                op: UnOp::Neg(_),
                expr,
                ..
            }) => match &**expr {
                Expr::Lit(ExprLit { lit, .. }) => (true, lit),
                _ => return Err(not_an_integer().with_span(expr)),
            },
            Expr::Group(group) => return Self::from_expr(&group.expr),
            _ => return Err(not_an_integer().with_span(expr)),
        };
        let Lit::Int(int) = lit else {
            return Err(not_an_integer().with_span(lit));
        };
        let digits = if negative {
            format!("-{}", int.base10_digits())
        } else {
            int.base10_digits().to_owned()
        };
        if !matches!(int.suffix(), "" | "i32") {
            return Err(not_an_integer().with_span(int));
        }
        digits.parse::<i32>().map(Priority).map_err(|_| {
            Error::custom(format!(
                "`priority` must fit in an `i32` ({} to {})",
                i32::MIN,
                i32::MAX
            ))
            .with_span(expr)
        })
    }
}

fn not_an_integer() -> Error {
    Error::custom("`priority` takes an integer, e.g. `priority = -10`; lower runs first")
}

/// Finds every event attribute in the block, in declaration order.
pub(crate) fn hook_decls<'a>(
    item: &'a ItemImpl,
    errors: &mut darling::error::Accumulator,
) -> Vec<HookDecl<'a>> {
    let mut decls = Vec::new();
    for (position, impl_item) in item.items.iter().enumerate() {
        let ImplItem::Fn(func) = impl_item else {
            continue;
        };
        for attr in &func.attrs {
            let Some(event) = event_of(attr) else {
                continue;
            };
            if let Some(options) = errors.handle(event_options(attr)) {
                decls.push(HookDecl {
                    func,
                    event,
                    attr,
                    options,
                    position,
                });
            }
        }
    }
    decls
}

/// The event an attribute names: `#[before_create]` or `#[hooks_orm::before_create]`.
pub(crate) fn event_of(attr: &Attribute) -> Option<Event> {
    let last = attr.path().segments.last()?;
    Event::from_name(&last.ident.to_string())
}

fn event_options(attr: &Attribute) -> Result<EventOptions> {
    match &attr.meta {
        Meta::Path(_) => Ok(EventOptions::default()),
        Meta::List(list) if list.tokens.is_empty() => Ok(EventOptions::default()),
        meta @ Meta::List(_) => EventOptions::from_meta(meta),
        Meta::NameValue(nv) => Err(Error::custom(format!(
            "write options in parentheses: `#[{}(priority = 10)]`",
            attr.path()
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default()
        ))
        .with_span(nv)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn decls(item: &ItemImpl) -> std::result::Result<Vec<(Event, i32, usize)>, Error> {
        let mut errors = Error::accumulator();
        let found = hook_decls(item, &mut errors)
            .into_iter()
            .map(|d| (d.event, d.options.priority.0, d.position))
            .collect();
        errors.finish()?;
        Ok(found)
    }

    #[test]
    fn finds_event_attributes_with_options() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[before_create]
                fn a(am: &mut ActiveModel) {}
                fn helper() {}
                #[hooks_orm::before_delete(priority = -10)]
                fn b(&self) {}
                #[after_save(priority = 7)]
                #[after_create]
                fn c(&self) {}
            }
        };
        assert_eq!(
            decls(&item).unwrap(),
            vec![
                (Event::BeforeCreate, 0, 0),
                (Event::BeforeDelete, -10, 2),
                (Event::AfterSave, 7, 3),
                (Event::AfterCreate, 0, 3),
            ]
        );
    }

    #[test]
    fn rejects_bad_priorities_and_unknown_options() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[before_create(priority = "high")]
                fn a() {}
                #[before_create(priority = 1.5)]
                fn b() {}
                #[before_create(priorty = 1)]
                fn c() {}
                #[before_create(priority = 99999999999)]
                fn d() {}
            }
        };
        let messages: Vec<String> = decls(&item)
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].starts_with("`priority` takes an integer"));
        assert!(messages[1].starts_with("`priority` takes an integer"));
        assert!(messages[2].contains("Did you mean `priority`?"));
        assert!(messages[3].starts_with("`priority` must fit in an `i32`"));
    }
}
