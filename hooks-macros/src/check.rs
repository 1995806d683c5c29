//! Validate: what is legal. Turns the parsed hooks into a model of the entity's
//! hook chain, with every signature mistake reported at its token. Codegen
//! trusts this model and checks nothing.

use std::fmt::Display;

use darling::Error;
use darling::error::Accumulator;
use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{
    FnArg, GenericArgument, GenericParam, Ident, ItemImpl, PathArguments, Receiver, ReceiverKind,
    ReturnType, Safety, Type, TypeReference,
};

use crate::ast::{HookDecl, hook_decls};
use crate::events::{Event, Slot};

/// The hooks of one entity, ready for codegen.
pub(crate) struct HooksModel<'a> {
    pub self_ty: &'a Type,
    /// Ordered as they run: by event, then `priority`, then declaration order.
    pub hooks: Vec<Hook<'a>>,
}

pub(crate) struct Hook<'a> {
    pub ident: &'a Ident,
    pub event: Event,
    pub is_async: bool,
    pub args: Vec<Arg<'a>>,
    /// `None` when the hook returns `()`.
    pub output: Option<&'a Type>,
}

/// One parameter of a hook: which slot of the event it takes.
pub(crate) struct Arg<'a> {
    pub slot: Slot,
    /// The referenced type (`T` of `&T` / `&mut T`); `None` for `&self`.
    pub ty: Option<&'a Type>,
}

/// Which hooks of the entity take the row as it was before an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OldRow {
    Unused,
    BeforeUpdate,
    AfterUpdate,
}

impl<'a> HooksModel<'a> {
    pub(crate) fn hooks_of(&self, event: Event) -> impl Iterator<Item = &Hook<'a>> {
        self.hooks.iter().filter(move |h| h.event == event)
    }

    pub(crate) fn old_row(&self) -> OldRow {
        let takes_old = |event| {
            self.hooks_of(event)
                .any(|h| h.args.iter().any(|a| a.slot == Slot::OldRow))
        };
        if takes_old(Event::AfterUpdate) {
            OldRow::AfterUpdate
        } else if takes_old(Event::BeforeUpdate) {
            OldRow::BeforeUpdate
        } else {
            OldRow::Unused
        }
    }
}

/// Checks a `#[hooks]` block, reporting every mistake at once.
pub(crate) fn check<'a>(item: &'a ItemImpl) -> darling::Result<HooksModel<'a>> {
    let mut errors = Error::accumulator();
    if let Some((path, _)) = &item.trait_ {
        errors.push(
            Error::custom(
                "`#[hooks]` goes on the entity's inherent impl, `#[hooks] impl Model { ... }`, \
                 not on a trait impl",
            )
            .with_span(path),
        );
    }
    if !item.generics.params.is_empty() {
        errors.push(
            Error::custom(
                "a `#[hooks]` block cannot be generic: write `#[hooks] impl Model { ... }`",
            )
            .with_span(&item.generics.params),
        );
    }

    let decls = hook_decls(item, &mut errors);
    report_repeated_events(&decls, &mut errors);
    let mut hooks: Vec<(usize, i32, Hook<'a>)> = decls
        .iter()
        .filter_map(|decl| {
            let hook = errors.handle(check_hook(decl))?;
            Some((decl.position, decl.options.priority.0, hook))
        })
        .collect();

    errors.finish()?;
    hooks.sort_by_key(|(position, priority, hook)| (hook.event as u8, *priority, *position));
    Ok(HooksModel {
        self_ty: &item.self_ty,
        hooks: hooks.into_iter().map(|(_, _, hook)| hook).collect(),
    })
}

fn report_repeated_events(decls: &[HookDecl<'_>], errors: &mut Accumulator) {
    for (i, decl) in decls.iter().enumerate() {
        let repeated = decls[..i]
            .iter()
            .any(|d| d.position == decl.position && d.event == decl.event);
        if repeated {
            errors.push(
                Error::custom(format!(
                    "`{}` is already a `{}` hook; remove this attribute",
                    decl.func.sig.ident,
                    decl.event.name()
                ))
                .with_span(decl.attr.path()),
            );
        }
    }
}

/// How a parameter looks, before it is matched to a slot.
enum Shape<'a> {
    SelfRef,
    Mut(&'a TypeReference),
    Ref(&'a TypeReference),
    Context(&'a Type),
}

fn check_hook<'a>(decl: &HookDecl<'a>) -> darling::Result<Hook<'a>> {
    let sig = &decl.func.sig;
    let event = decl.event;
    let fail = |node: &dyn ToTokens, what: &dyn Display| {
        Error::custom(format!("hook `{}`: {what}", sig.ident)).with_span(&node.to_token_stream())
    };
    let mut errors = Error::accumulator();

    if let Safety::Unsafe(token) = &sig.safety {
        errors.push(fail(token, &"a hook cannot be an `unsafe fn`"));
    }
    if let Some(abi) = &sig.abi {
        errors.push(fail(abi, &"a hook cannot have an `extern` ABI"));
    }
    if let Some(param) = sig
        .generics
        .params
        .iter()
        .find(|p| !matches!(p, GenericParam::Lifetime(_)))
    {
        errors.push(fail(
            param,
            &"a hook cannot be generic over types or constants; it runs for this entity only",
        ));
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(fail(variadic, &"a hook cannot be variadic"));
    }

    let slots = event.slots();
    let mut next = 0;
    let mut args = Vec::new();
    for input in &sig.inputs {
        let Some(shape) = errors.handle(shape_of(input, event, &fail)) else {
            continue;
        };
        let fits = |slot: Slot| match shape {
            Shape::SelfRef => slot == Slot::Row,
            Shape::Ref(_) => matches!(slot, Slot::Row | Slot::OldRow),
            Shape::Mut(_) => slot == Slot::Change,
            Shape::Context(_) => slot == Slot::Context,
        };
        match slots[next..].iter().position(|s| fits(*s)) {
            Some(offset) => {
                let slot = slots[next + offset];
                next += offset + 1;
                let ty = match shape {
                    Shape::SelfRef => None,
                    Shape::Mut(r) | Shape::Ref(r) => Some(&*r.elem),
                    Shape::Context(ty) => Some(ty),
                };
                args.push(Arg { slot, ty });
            }
            None => {
                let too_many = sig.inputs.len() > slots.len();
                let taken: Vec<Slot> = args.iter().map(|a| a.slot).collect();
                let (node, why) = misfit(event, input, &shape, too_many, &taken, next, &fits);
                errors.push(fail(&node, &why));
            }
        }
    }

    let output = match &sig.output {
        ReturnType::Default => None,
        ReturnType::Type(_, ty) if is_unit(ty) => None,
        ReturnType::Type(_, ty) => {
            if event != Event::BeforeDelete && mentions_deletion(ty) {
                errors.push(fail(
                    ty,
                    &format_args!(
                        "only `before_delete` hooks can keep the row with `HookResult<Deletion>`; \
                         `{}` hooks return nothing or `HookResult`",
                        event.name(),
                    ),
                ));
            }
            Some(&**ty)
        }
    };

    errors.finish_with(Hook {
        ident: &sig.ident,
        event,
        is_async: sig.asyncness.is_some(),
        args,
        output,
    })
}

fn shape_of<'a>(
    input: &'a FnArg,
    event: Event,
    fail: &dyn Fn(&dyn ToTokens, &dyn Display) -> Error,
) -> darling::Result<Shape<'a>> {
    let expects = event.expects();
    match input {
        FnArg::Receiver(receiver) => receiver_shape(receiver, event, fail),
        FnArg::Typed(pat) => match &*pat.ty {
            Type::Reference(r) if r.mutability.is_some() => Ok(Shape::Mut(r)),
            Type::Reference(r) if is_context(&r.elem) => Ok(Shape::Context(&r.elem)),
            Type::Reference(r) => Ok(Shape::Ref(r)),
            ty if is_context(ty) => Err(fail(
                ty,
                &format_args!("take the context by reference, `&HookContext`; {expects}"),
            )),
            ty => Err(fail(
                ty,
                &format_args!("hook parameters are references, not values; {expects}"),
            )),
        },
    }
}

fn receiver_shape<'a>(
    receiver: &Receiver,
    event: Event,
    fail: &dyn Fn(&dyn ToTokens, &dyn Display) -> Error,
) -> darling::Result<Shape<'a>> {
    let expects = event.expects();
    let self_token = &receiver.self_token;
    if !event.has_slot(Slot::Row) {
        return Err(fail(
            self_token,
            &format_args!(
                "`{}` hooks run before the row exists as a `Model`, so they have no `self`; {expects}",
                event.name()
            ),
        ));
    }
    match &receiver.kind {
        ReceiverKind::Value => Err(fail(
            self_token,
            &format_args!(
                "`self` by value would take the row from the write; borrow it as `&self`. {expects}"
            ),
        )),
        ReceiverKind::Reference(_, _, Some(mut_token)) => Err(fail(
            mut_token,
            &format_args!(
                "`&mut self`: `{}` hooks cannot change the row; take `&self`, or change values \
                 in a `before_*` hook with `&mut ActiveModel`. {expects}",
                event.name()
            ),
        )),
        ReceiverKind::Reference(_, _, None) => Ok(Shape::SelfRef),
        _ => Err(fail(
            self_token,
            &format_args!("write the row as `&self`; {expects}"),
        )),
    }
}

/// Why a parameter fits no remaining slot, in the user's words, and the token
/// to point at.
fn misfit(
    event: Event,
    input: &FnArg,
    shape: &Shape<'_>,
    too_many: bool,
    taken: &[Slot],
    next: usize,
    fits: &dyn Fn(Slot) -> bool,
) -> (TokenStream, String) {
    let expects = event.expects();
    let name = event.name();
    let whole = input.to_token_stream();
    // The three mistakes of `&` and `mut`, each pointed at the token to change.
    let remove_mut = |r: &TypeReference| {
        let why = format!(
            "`{name}` hooks get the row as `&Model`, which they cannot change; \
             remove the `mut`. {expects}"
        );
        (r.mutability.to_token_stream(), why)
    };
    let add_mut = |r: &TypeReference| {
        let why = format!(
            "`{name}` hooks change the values through `&mut ActiveModel`; \
             add the `mut`. {expects}"
        );
        (r.elem.to_token_stream(), why)
    };
    let no_model_yet = |r: &TypeReference| {
        let why = format!(
            "`{name}` hooks run before the row exists as a `Model`; they get the \
             values as `&mut ActiveModel`. {expects}"
        );
        (r.elem.to_token_stream(), why)
    };
    // What the parameter's type says about the mistake comes first: the
    // order does not matter for a parameter that fits no slot of the event.
    match shape {
        Shape::Mut(r) if names(&r.elem, &["Model", "Self"]) && !event.has_slot(Slot::Change) => {
            return remove_mut(r);
        }
        Shape::Mut(r) if names(&r.elem, &["Model", "Self"]) && event.has_slot(Slot::OldRow) => {
            return (
                r.mutability.to_token_stream(),
                format!(
                    "`{name}` hooks change the values through `&mut ActiveModel`; the row \
                     as stored is `&Model`, which they cannot change: remove the `mut`. {expects}"
                ),
            );
        }
        Shape::Mut(r) if names(&r.elem, &["Model", "Self"]) => return no_model_yet(r),
        Shape::Mut(r) if names(&r.elem, &["ActiveModel"]) && !event.has_slot(Slot::Change) => {
            return (
                r.mutability.to_token_stream(),
                format!(
                    "`{name}` hooks cannot change the values, so they take no \
                     `&mut ActiveModel`; change values in a `before_save`, `before_create` or \
                     `before_update` hook. {expects}"
                ),
            );
        }
        Shape::Ref(r) if names(&r.elem, &["ActiveModel"]) && event.has_slot(Slot::Change) => {
            return add_mut(r);
        }
        Shape::Ref(r)
            if names(&r.elem, &["Model", "Self"])
                && !event.has_slot(Slot::Row)
                && !event.has_slot(Slot::OldRow) =>
        {
            return no_model_yet(r);
        }
        _ => {}
    }
    if too_many {
        return (whole, format!("too many parameters; {expects}"));
    }
    let slots = event.slots();
    if let Some(skipped) = slots[..next]
        .iter()
        .find(|s| fits(**s) && !taken.contains(s))
    {
        let before = taken.last().map_or("", |s| event.describe(*s));
        return (
            whole,
            format!(
                "this parameter is out of order: {} comes before {before}; {expects}",
                event.describe(*skipped)
            ),
        );
    }
    if let Some(repeated) = slots[..next].iter().find(|s| fits(**s)) {
        return (
            whole,
            format!(
                "{} is already taken by an earlier parameter; {expects}",
                event.describe(*repeated)
            ),
        );
    }
    match shape {
        Shape::Mut(r) => remove_mut(r),
        Shape::Ref(r) if event.has_slot(Slot::Change) => add_mut(r),
        _ => (whole, expects),
    }
}

/// `HookContext` or `HookContext<'_>`, by any path.
fn is_context(ty: &Type) -> bool {
    names(ty, &["HookContext"])
}

/// Whether `ty` is a path whose last segment is one of `idents`.
fn names(ty: &Type, idents: &[&str]) -> bool {
    match ty {
        Type::Path(p) if p.qself.is_none() => p
            .path
            .segments
            .last()
            .is_some_and(|s| idents.iter().any(|i| s.ident == i)),
        Type::Group(g) => names(&g.elem, idents),
        Type::Paren(p) => names(&p.elem, idents),
        _ => false,
    }
}

fn is_unit(ty: &Type) -> bool {
    matches!(ty, Type::Tuple(t) if t.elems.is_empty())
}

/// `HookResult<Deletion>` or `Result<Deletion, _>`.
fn mentions_deletion(ty: &Type) -> bool {
    let Type::Path(p) = ty else { return false };
    let Some(last) = p.path.segments.last() else {
        return false;
    };
    if last.ident != "HookResult" && last.ident != "Result" {
        return false;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return false;
    };
    matches!(args.args.first(), Some(GenericArgument::Type(t)) if names(t, &["Deletion"]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn check_str(item: &ItemImpl) -> Result<Vec<String>, String> {
        match check(item) {
            Ok(model) => Ok(model
                .hooks
                .iter()
                .map(|h| {
                    let slots: Vec<String> =
                        h.args.iter().map(|a| format!("{:?}", a.slot)).collect();
                    format!("{}:{}({})", h.event.name(), h.ident, slots.join(","))
                })
                .collect()),
            Err(e) => Err(e
                .into_iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")),
        }
    }

    #[test]
    fn orders_by_event_then_priority_then_declaration() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[after_save] fn z(&self) {}
                #[before_delete] fn b(&self) {}
                #[before_delete(priority = -10)] fn a(&self) {}
                #[before_delete] fn c(model: &Model, cx: &HookContext<'_>) {}
                #[before_save(priority = 5)] fn s(am: &mut ActiveModel) {}
            }
        };
        assert_eq!(
            check_str(&item).unwrap(),
            [
                "before_save:s(Change)",
                "after_save:z(Row)",
                "before_delete:a(Row)",
                "before_delete:b(Row)",
                "before_delete:c(Row,Context)",
            ]
        );
    }

    #[test]
    fn assigns_update_slots_by_position() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[before_update] fn a(am: &mut ActiveModel, old: &Model, cx: &HookContext) {}
                #[before_update] fn b(old: &Model) {}
                #[after_update] fn c(&self, old: &Model) {}
                #[after_update] fn d(new: &Self) {}
                #[after_update] async fn e(cx: &HookContext<'_>) {}
            }
        };
        assert_eq!(
            check_str(&item).unwrap(),
            [
                "before_update:a(Change,OldRow,Context)",
                "before_update:b(OldRow)",
                "after_update:c(Row,OldRow)",
                "after_update:d(Row)",
                "after_update:e(Context)",
            ]
        );
    }

    #[test]
    fn old_row_is_needed_only_when_a_hook_takes_it() {
        let without: ItemImpl = parse_quote! {
            impl Model {
                #[before_update] fn a(am: &mut ActiveModel) {}
                #[after_update] fn b(&self) {}
            }
        };
        let before: ItemImpl = parse_quote! {
            impl Model { #[before_update] fn a(am: &mut ActiveModel, old: &Model) {} }
        };
        let after: ItemImpl = parse_quote! {
            impl Model { #[after_update] fn a(&self, old: &Model) {} }
        };
        let old_row = |item: &ItemImpl| check(item).map(|m| m.old_row()).ok().unwrap();
        assert_eq!(old_row(&without), OldRow::Unused);
        assert_eq!(old_row(&before), OldRow::BeforeUpdate);
        assert_eq!(old_row(&after), OldRow::AfterUpdate);
    }

    #[test]
    fn reports_every_mistake_at_once() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[before_create] fn a(am: &ActiveModel) {}
                #[after_create] fn b(&mut self) {}
                #[after_save] fn c(self) {}
                #[before_save] fn d(&self) {}
                #[after_delete] fn e(&self, cx: &HookContext, extra: &Model) {}
                #[after_update] fn f(&self) -> HookResult<Deletion> { todo!() }
                #[before_update] fn g(cx: &HookContext, am: &mut ActiveModel) {}
            }
        };
        let err = check_str(&item).unwrap_err();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 7, "{err}");
        assert!(lines[0].starts_with("hook `a`: `before_create` hooks change the values"));
        assert!(lines[1].starts_with("hook `b`: `&mut self`"));
        assert!(lines[2].starts_with("hook `c`: `self` by value"));
        assert!(lines[3].starts_with("hook `d`: `before_save` hooks run before the row exists"));
        assert!(lines[4].starts_with("hook `e`: too many parameters"));
        assert!(lines[5].starts_with("hook `f`: only `before_delete` hooks can keep the row"));
        assert!(lines[6].starts_with("hook `g`: this parameter is out of order"));
    }

    #[test]
    fn says_what_is_wrong_with_a_misfit_parameter() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[before_create] fn a(am: &mut ActiveModel, row: &mut Model) {}
                #[before_update] fn b(am: &mut ActiveModel, old: &mut Model) {}
                #[after_save] fn c(am: &mut ActiveModel) {}
                #[before_update] fn d(am: &mut ActiveModel, again: &mut ActiveModel) {}
                #[after_update] fn e(cx: &HookContext, row: &Model) {}
                #[before_save] fn f(row: &Model) {}
            }
        };
        let err = check_str(&item).unwrap_err();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 6, "{err}");
        assert!(lines[0].starts_with("hook `a`: `before_create` hooks run before the row exists"));
        assert!(lines[1].contains("which they cannot change: remove the `mut`"));
        assert!(lines[2].starts_with("hook `c`: `after_save` hooks cannot change the values"));
        assert!(
            lines[3]
                .starts_with("hook `d`: `&mut ActiveModel` (the pending change) is already taken")
        );
        assert!(lines[4].starts_with(
            "hook `e`: this parameter is out of order: `&Model` or `&self` (the row now) \
             comes before `&HookContext`"
        ));
        assert!(lines[5].starts_with("hook `f`: `before_save` hooks run before the row exists"));
    }

    #[test]
    fn rejects_trait_impls_and_repeated_events() {
        let item: ItemImpl = parse_quote! {
            impl Trait for Model {
                #[before_create] #[before_create] fn a() {}
            }
        };
        let err = check_str(&item).unwrap_err();
        assert!(err.contains("not on a trait impl"), "{err}");
        assert!(
            err.contains("`a` is already a `before_create` hook"),
            "{err}"
        );
    }
}
