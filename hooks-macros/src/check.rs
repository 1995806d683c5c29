//! Validate: what is legal. Turns the parsed hooks into a model of the entity's
//! hook chain, with every signature mistake reported at its token. Codegen
//! trusts this model and checks nothing.
//!
//! Parameters are matched to the event's slots by shape and position: `&self`
//! is the row, `&mut T` the `ActiveModel`, `&T` a row or the context. Where a
//! type is spelled `HookContext`, `Model`, `Self` or `ActiveModel`, that
//! narrows the slot and sharpens the advice; any other spelling (an alias, a
//! renamed import) is left to the type checker, through the event's checking
//! traits. Errors about one hook carry the hook's `cfg`, so a hook that is
//! compiled out reports nothing.

use std::fmt::Display;

use darling::Error;
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::{
    FnArg, GenericArgument, GenericParam, Ident, ItemImpl, Path, PathArguments, Receiver,
    ReceiverKind, ReturnType, Safety, Type, TypeReference,
};

use crate::ast::{Cfg, CfgError, EventPaths, HookDecl, OnError, Spanned, hook_decls};
use crate::events::{Event, Slot};

/// What a block of hooks is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// `#[hooks] impl Model`: the entity's own hooks.
    Entity,
    /// `#[hook_set] impl Set`: hooks generic over the entity they are
    /// attached to.
    Set,
}

/// The hooks of one entity, ready for codegen.
pub(crate) struct HooksModel<'a> {
    pub self_ty: &'a Type,
    /// Ordered as they run: by event, then `priority`, then declaration order.
    pub hooks: Vec<Hook<'a>>,
    /// The hook sets attached with `#[hooks(sets(..))]`, in order.
    pub sets: Vec<Path>,
}

pub(crate) struct Hook<'a> {
    pub ident: &'a Ident,
    /// The fn's name without `r#`, for errors and logs.
    pub name: String,
    pub event: Event,
    pub priority: i32,
    /// `on_error = "log"`: the hook's error is logged and the write goes on.
    pub logs_errors: bool,
    /// `if_changed(..)`: the hook runs only when one of these columns is in
    /// the change (`before_*`) or differs from the old row (`after_update`).
    pub if_changed: Vec<Ident>,
    /// `when = ..`: the hook runs only when this predicate (a path or a
    /// closure) holds.
    pub when: Option<syn::Expr>,
    pub is_async: bool,
    /// `None` when the hook returns `()`.
    pub output: Option<&'a Type>,
    /// In a hook set: the hook's type parameter, the model it runs for.
    pub generic: Option<&'a Ident>,
    /// In a hook set: the bounds the hook puts on its type parameter.
    pub bounds: Vec<TokenStream>,
    /// When the hook exists at all.
    pub cfg: Cfg,
    /// The parameter lists the hook can have: one, or one per combination
    /// of its parameters' `cfg`s.
    pub variants: Vec<Variant<'a>>,
}

/// The hook's parameters under one combination of their `cfg`s.
pub(crate) struct Variant<'a> {
    pub cfg: Cfg,
    pub args: Vec<Arg<'a>>,
}

/// One parameter of a hook: what the generated call passes for it.
pub(crate) struct Arg<'a> {
    pub pass: Pass,
    /// The referenced type (`T` of `&T` / `&mut T`); `None` for `&self`.
    pub ty: Option<&'a Type>,
}

/// What a parameter receives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pass {
    Change,
    Row,
    OldRow,
    Context,
    /// `WriteKind`, by value.
    Write,
    /// The last `&T` of a hook that could be the row or the context: the
    /// type decides.
    RowOrContext,
    /// The same for the old row or the context.
    OldRowOrContext,
}

impl Pass {
    fn of(slot: Slot) -> Pass {
        match slot {
            Slot::Change => Pass::Change,
            Slot::Row => Pass::Row,
            Slot::OldRow => Pass::OldRow,
            Slot::Context => Pass::Context,
            Slot::Write => Pass::Write,
        }
    }

    pub(crate) fn may_take_old_row(self) -> bool {
        matches!(self, Pass::OldRow | Pass::OldRowOrContext)
    }
}

impl<'a> HooksModel<'a> {
    pub(crate) fn hooks_of(&self, event: Event) -> impl Iterator<Item = &Hook<'a>> {
        self.hooks.iter().filter(move |h| h.event == event)
    }
}

/// What checking a block found: the model of the hooks that are right (in
/// every `cfg`), the errors about the block as a whole, and the errors about
/// single hooks, each under its hook's `cfg`.
pub(crate) struct Checked<'a> {
    pub model: Option<HooksModel<'a>>,
    pub block_errors: Option<Error>,
    pub hook_errors: Vec<CfgError>,
}

/// Checks a `#[hooks]` block, reporting every mistake at once.
pub(crate) fn check<'a>(item: &'a ItemImpl, paths: &EventPaths<'_>, mode: Mode) -> Checked<'a> {
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

    let mut hook_errors = Vec::new();
    let decls = hook_decls(item, paths, &mut hook_errors);
    report_repeated_events(&decls, &mut hook_errors);
    let mut hooks: Vec<(usize, i32, Hook<'a>)> = decls
        .iter()
        .filter_map(|decl| {
            let hook = check_hook(decl, mode, &mut hook_errors)?;
            Some((decl.position, decl.options.priority.0, hook))
        })
        .collect();
    hooks.sort_by_key(|(position, priority, hook)| (hook.event as u8, *priority, *position));

    let block_errors = errors.finish().err();
    Checked {
        model: block_errors.is_none().then(|| HooksModel {
            self_ty: &item.self_ty,
            hooks: hooks.into_iter().map(|(_, _, hook)| hook).collect(),
            sets: Vec::new(),
        }),
        block_errors,
        hook_errors,
    }
}

fn report_repeated_events(decls: &[HookDecl<'_>], errors: &mut Vec<CfgError>) {
    for (i, decl) in decls.iter().enumerate() {
        let repeated = decls[..i]
            .iter()
            .any(|d| d.position == decl.position && d.event == decl.event);
        if repeated {
            errors.push(CfgError {
                cfg: decl.cfg.clone(),
                error: Error::custom(format!(
                    "`{}` is already a `{}` hook; remove this attribute",
                    decl.func.sig.ident.unraw(),
                    decl.event.name()
                ))
                .with_span(&decl.path),
            });
        }
    }
}

/// How a parameter looks, before it is matched to a slot.
#[derive(Clone, Copy)]
enum Shape<'a> {
    /// `&self`.
    SelfRef,
    /// `&mut T`.
    Mut(&'a TypeReference),
    /// `&Model` or `&Self`.
    Row(&'a TypeReference),
    /// `&HookContext`.
    Context(&'a TypeReference),
    /// `&ActiveModel`: a change that is missing its `mut`.
    SharedChange(&'a TypeReference),
    /// `&T` of any other spelling: a row or the context, as the type says.
    Ref(&'a TypeReference),
    /// `T` by value: only `WriteKind` (`after_commit`, `after_rollback`).
    Value(&'a Type),
}

impl Shape<'_> {
    fn fits(self, slot: Slot) -> bool {
        match self {
            Shape::SelfRef => slot == Slot::Row,
            Shape::Mut(_) => slot == Slot::Change,
            Shape::Row(_) => matches!(slot, Slot::Row | Slot::OldRow),
            Shape::Context(_) => slot == Slot::Context,
            Shape::SharedChange(_) => false,
            Shape::Ref(_) => matches!(slot, Slot::Row | Slot::OldRow | Slot::Context),
            Shape::Value(_) => slot == Slot::Write,
        }
    }
}

/// At most this many parameters of one hook may carry a `cfg`: every
/// combination of them is checked on its own.
const MAX_CFG_PARAMS: usize = 3;

fn check_hook<'a>(
    decl: &HookDecl<'a>,
    mode: Mode,
    all_errors: &mut Vec<CfgError>,
) -> Option<Hook<'a>> {
    let sig = &decl.func.sig;
    let event = decl.event;
    let name = sig.ident.unraw().to_string();
    let fail = |node: &dyn ToTokens, what: &dyn Display| {
        Error::custom(format!("hook `{name}`: {what}")).with_span(&node.to_token_stream())
    };
    let mut errors = Error::accumulator();

    if let Safety::Unsafe(token) = &sig.safety {
        errors.push(fail(token, &"a hook cannot be an `unsafe fn`"));
    }
    if let Some(abi) = &sig.abi {
        errors.push(fail(abi, &"a hook cannot have an `extern` ABI"));
    }
    let mut generic = None;
    let mut bounds = Vec::new();
    for param in sig.generics.params.iter() {
        match (param, mode) {
            (GenericParam::Lifetime(_), _) => {}
            (GenericParam::Type(ty), Mode::Set) if generic.is_none() => {
                generic = Some(&ty.ident);
                let ident = &ty.ident;
                let own = &ty.bounds;
                if !own.is_empty() {
                    bounds.push(quote::quote!(#ident: #own));
                }
            }
            (_, Mode::Set) => errors.push(fail(
                param,
                &"a hook of a hook set has one type parameter, the model it runs for \
                  (`fn stamp<M: ...>(...)`); this is one more",
            )),
            (_, Mode::Entity) => errors.push(fail(
                param,
                &"a hook cannot be generic over types or constants; it runs for this entity only",
            )),
        }
    }
    if let (Some(_), Some(clause)) = (generic, &sig.generics.where_clause) {
        bounds.extend(clause.predicates.iter().map(ToTokens::to_token_stream));
    }
    if mode == Mode::Set
        && let Some(FnArg::Receiver(receiver)) = sig.inputs.first()
    {
        errors.push(fail(
            &receiver.self_token,
            &"a hook of a hook set takes the row as `&M`, its type parameter: `self` would be \
              the set, not the row",
        ));
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(fail(variadic, &"a hook cannot be variadic"));
    }
    let logs_errors = match decl.options.on_error {
        Some(Spanned {
            value: OnError::Log,
            span,
        }) => match event {
            Event::BeforeSave | Event::BeforeCreate | Event::BeforeUpdate | Event::BeforeDelete => {
                errors.push(
                    Error::custom(format!(
                        "hook `{name}`: `on_error = \"log\"` goes on `after_*` hooks; a `{}` \
                         hook's error stops the write before anything is written, and going on \
                         without the hook would write what it refused",
                        event.name()
                    ))
                    .with_span(&span),
                );
                false
            }
            Event::AfterCommit | Event::AfterRollback => {
                errors.push(
                    Error::custom(format!(
                        "hook `{name}`: `{}` hooks' errors are always logged (nothing can undo \
                         the commit or the rollback); remove `on_error`",
                        event.name()
                    ))
                    .with_span(&span),
                );
                false
            }
            _ => true,
        },
        _ => false,
    };

    if let Some(if_changed) = &decl.options.if_changed
        && !event.has_condition_on_columns()
    {
        errors.push(
            Error::custom(format!(
                "hook `{name}`: `if_changed` goes on `before_save`, `before_create` and \
                 `before_update` hooks (a column in the change) and on `after_update` hooks \
                 (a column that differs from the row as it was); this `{}` hook has neither",
                event.name()
            ))
            .with_span(&if_changed.span),
        );
    }

    let shapes: Vec<Option<Shape<'a>>> = sig
        .inputs
        .iter()
        .map(|input| errors.handle(shape_of(input, event, &fail)))
        .collect();
    let conditional: Vec<usize> = (0..shapes.len())
        .filter(|i| !decl.param_cfgs[*i].is_always())
        .collect();
    if conditional.len() > MAX_CFG_PARAMS {
        errors.push(fail(
            &param_name(&sig.inputs[conditional[MAX_CFG_PARAMS]]),
            &format_args!(
                "at most {MAX_CFG_PARAMS} parameters of a hook can carry a `#[cfg]`, \
                 as a hook takes at most {MAX_CFG_PARAMS} parameters"
            ),
        ));
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

    if let Err(error) = errors.finish() {
        all_errors.push(CfgError {
            cfg: decl.cfg.clone(),
            error,
        });
        return None;
    }
    let shapes: Vec<Shape<'a>> = shapes.into_iter().flatten().collect();

    let mut variants = Vec::new();
    for mask in 0..1usize << conditional.len() {
        let present = |i: usize| match conditional.iter().position(|c| *c == i) {
            Some(bit) => mask & (1 << bit) != 0,
            None => true,
        };
        let mut cfg = Cfg::default();
        for (bit, i) in conditional.iter().enumerate() {
            let predicate = decl.param_cfgs[*i].predicate();
            cfg = cfg.with(if mask & (1 << bit) != 0 {
                predicate
            } else {
                quote::quote!(not(#predicate))
            });
        }
        let inputs: Vec<(&FnArg, Shape<'a>)> = sig
            .inputs
            .iter()
            .zip(&shapes)
            .enumerate()
            .filter(|(i, _)| present(*i))
            .map(|(_, (input, shape))| (input, *shape))
            .collect();
        match assign_slots(event, &inputs, &fail) {
            Ok(args) => variants.push(Variant { cfg, args }),
            Err(error) => all_errors.push(CfgError {
                cfg: decl.cfg.and(&cfg),
                error,
            }),
        }
    }

    Some(Hook {
        ident: &sig.ident,
        name,
        event,
        priority: decl.options.priority.0,
        logs_errors,
        if_changed: decl
            .options
            .if_changed
            .as_ref()
            .map(|i| i.columns.clone())
            .unwrap_or_default(),
        when: decl.options.when.as_ref().map(|when| when.0.clone()),
        is_async: sig.asyncness.is_some(),
        generic,
        bounds,
        output,
        cfg: decl.cfg.clone(),
        variants,
    })
}

/// Matches the parameters to the event's slots, in order.
fn assign_slots<'a>(
    event: Event,
    inputs: &[(&FnArg, Shape<'a>)],
    fail: &dyn Fn(&dyn ToTokens, &dyn Display) -> Error,
) -> darling::Result<Vec<Arg<'a>>> {
    let slots = event.slots();
    let mut errors = Error::accumulator();
    let mut next = 0;
    let mut args = Vec::new();
    let mut taken = Vec::new();
    for (input, shape) in inputs {
        let shape = *shape;
        match slots[next..].iter().position(|s| shape.fits(*s)) {
            Some(offset) => {
                let slot = slots[next + offset];
                next += offset + 1;
                taken.push(slot);
                let ty = match shape {
                    Shape::SelfRef => None,
                    Shape::Mut(r)
                    | Shape::Row(r)
                    | Shape::Context(r)
                    | Shape::SharedChange(r)
                    | Shape::Ref(r) => Some(&*r.elem),
                    Shape::Value(ty) => Some(ty),
                };
                args.push((Pass::of(slot), ty, matches!(shape, Shape::Ref(_))));
            }
            None => {
                let too_many = inputs.len() > slots.len();
                let fits = |slot: Slot| shape.fits(slot);
                let (node, why) = misfit(event, input, &shape, too_many, &taken, next, &fits);
                errors.push(fail(&node, &why));
            }
        }
    }
    errors.finish()?;
    // A last `&T` of unknown spelling that took a row slot while the context
    // is still open may be either: the type decides.
    let context_open = !taken.contains(&Slot::Context) && event.has_slot(Slot::Context);
    let last = args.len().wrapping_sub(1);
    Ok(args
        .into_iter()
        .enumerate()
        .map(|(i, (pass, ty, unknown))| {
            let pass = match pass {
                Pass::Row if unknown && i == last && context_open => Pass::RowOrContext,
                Pass::OldRow if unknown && i == last && context_open => Pass::OldRowOrContext,
                pass => pass,
            };
            Arg { pass, ty }
        })
        .collect())
}

fn shape_of<'a>(
    input: &'a FnArg,
    event: Event,
    fail: &dyn Fn(&dyn ToTokens, &dyn Display) -> Error,
) -> darling::Result<Shape<'a>> {
    let expects = event.expects();
    if let Some(lifetime) = static_lifetime(input) {
        return Err(fail(
            &lifetime,
            &format_args!(
                "`'static`: what a hook gets lives only as long as the write; \
                 remove the `'static`. {expects}"
            ),
        ));
    }
    match input {
        FnArg::Receiver(receiver) => receiver_shape(receiver, event, fail),
        FnArg::Typed(pat) => match &*pat.ty {
            Type::Reference(r) if r.mutability.is_some() && names(&r.elem, &["HookContext"]) => {
                Err(fail(
                    &r.mutability,
                    &format_args!(
                        "the hooks of a write share one context: take it as `&HookContext`, \
                         without `mut`. {expects}"
                    ),
                ))
            }
            Type::Reference(r) if r.mutability.is_some() => Ok(Shape::Mut(r)),
            Type::Reference(r) if names(&r.elem, &["WriteKind"]) && event.has_slot(Slot::Write) => {
                Err(fail(
                    &r.and_token,
                    &format_args!(
                        "take `WriteKind` by value, without the `&`: it is `Copy`. {expects}"
                    ),
                ))
            }
            Type::Reference(r) if names(&r.elem, &["HookContext"]) => Ok(Shape::Context(r)),
            Type::Reference(r) if names(&r.elem, &["Model", "Self"]) => Ok(Shape::Row(r)),
            Type::Reference(r) if names(&r.elem, &["ActiveModel"]) => Ok(Shape::SharedChange(r)),
            Type::Reference(r) => Ok(Shape::Ref(r)),
            ty if names(ty, &["HookContext"]) => Err(fail(
                ty,
                &format_args!("take the context by reference, `&HookContext`; {expects}"),
            )),
            ty if event.has_slot(Slot::Write) => Ok(Shape::Value(ty)),
            ty => Err(fail(
                ty,
                &format_args!("hook parameters are references, not values; {expects}"),
            )),
        },
    }
}

/// The first `'static` in a parameter's type.
fn static_lifetime(input: &FnArg) -> Option<TokenStream> {
    let tokens = match input {
        FnArg::Receiver(receiver) => match &receiver.kind {
            ReceiverKind::Reference(_, lifetime, _) => lifetime.to_token_stream(),
            ReceiverKind::Typed(_, ty) => ty.to_token_stream(),
            _ => TokenStream::new(),
        },
        FnArg::Typed(pat) => pat.ty.to_token_stream(),
    };
    find_static(tokens)
}

fn find_static(tokens: TokenStream) -> Option<TokenStream> {
    let mut prev: Option<TokenTree> = None;
    for token in tokens {
        match &token {
            TokenTree::Group(group) => {
                if let Some(found) = find_static(group.stream()) {
                    return Some(found);
                }
            }
            TokenTree::Ident(ident) if ident == "static" => {
                if let Some(TokenTree::Punct(p)) = &prev
                    && p.as_char() == '\''
                {
                    return Some([prev.clone()?, token.clone()].into_iter().collect());
                }
            }
            _ => {}
        }
        prev = Some(token);
    }
    None
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
    let whole = param_name(input);
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
        Shape::Mut(r) if !event.has_slot(Slot::Change) => {
            return (
                r.mutability.to_token_stream(),
                format!(
                    "`{name}` hooks cannot change the values, so they take no `&mut` \
                     parameter; change values in a `before_save`, `before_create` or \
                     `before_update` hook. {expects}"
                ),
            );
        }
        Shape::SharedChange(r) if event.has_slot(Slot::Change) => return add_mut(r),
        Shape::SharedChange(r) => {
            return (
                r.elem.to_token_stream(),
                format!(
                    "`{name}` hooks get the row as `&Model` (or `&self`), not the \
                     `ActiveModel`. {expects}"
                ),
            );
        }
        Shape::Row(r) if !event.has_slot(Slot::Row) && !event.has_slot(Slot::OldRow) => {
            return no_model_yet(r);
        }
        _ => {}
    }
    if too_many {
        return (whole, format!("too many parameters; {expects}"));
    }
    // A `&T` of unknown spelling after the context may be a row or a second
    // context: say what holds for both.
    if taken.contains(&Slot::Context) && matches!(shape, Shape::Ref(_)) {
        return (
            whole,
            format!(
                "`&HookContext` is a hook's last parameter, and this one comes after it; {expects}"
            ),
        );
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
    (whole, expects)
}

/// The parameter's name (or `self`), without its attributes: where an error
/// about the whole parameter points.
fn param_name(input: &FnArg) -> TokenStream {
    match input {
        FnArg::Receiver(receiver) => receiver.self_token.to_token_stream(),
        FnArg::Typed(pat) => pat.pat.to_token_stream(),
    }
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
        let option = crate::ast::CrateOption::default();
        let checked = check(item, &EventPaths::new(&option), Mode::Entity);
        let mut messages: Vec<String> = checked
            .block_errors
            .into_iter()
            .flatten()
            .chain(checked.hook_errors.into_iter().flat_map(|e| e.error))
            .map(|e| e.to_string())
            .collect();
        if !messages.is_empty() {
            return Err(std::mem::take(&mut messages).join("\n"));
        }
        Ok(checked
            .model
            .expect("no errors, so a model")
            .hooks
            .iter()
            .map(|h| {
                let variants: Vec<String> = h
                    .variants
                    .iter()
                    .map(|v| {
                        let passes: Vec<String> =
                            v.args.iter().map(|a| format!("{:?}", a.pass)).collect();
                        passes.join(",")
                    })
                    .collect();
                format!("{}:{}({})", h.event.name(), h.name, variants.join(" | "))
            })
            .collect())
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
    fn the_type_decides_a_last_reference_of_unknown_spelling() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[before_create] fn a(am: &mut ActiveModel, cx: &Ctx) {}
                #[before_create] fn b(cx: &Ctx) {}
                #[after_create] fn c(x: &Ctx) {}
                #[after_create] fn d(row: &User, cx: &Ctx) {}
                #[after_create] fn e(&self, cx: &Ctx) {}
                #[before_update] fn f(am: &mut ActiveModel, x: &Ctx) {}
                #[after_update] fn g(&self, x: &Old) {}
                #[after_update] fn h(&self, old: &Model) {}
                #[after_update] fn i(row: &Model, cx: &HookContext) {}
            }
        };
        assert_eq!(
            check_str(&item).unwrap(),
            [
                "before_create:a(Change,Context)",
                "before_create:b(Context)",
                "after_create:c(RowOrContext)",
                "after_create:d(Row,Context)",
                "after_create:e(Row,Context)",
                "before_update:f(Change,OldRowOrContext)",
                "after_update:g(Row,OldRowOrContext)",
                "after_update:h(Row,OldRow)",
                "after_update:i(Row,Context)",
            ]
        );
    }

    #[test]
    fn a_parameter_under_cfg_makes_one_variant_per_combination() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[after_update]
                fn a(#[cfg(feature = "x")] new: &Model, old: &Model) {}
            }
        };
        // Without `new`, `old` is the first row: the row now.
        assert_eq!(
            check_str(&item).unwrap(),
            ["after_update:a(Row | Row,OldRow)"]
        );
    }

    #[test]
    fn names_raw_identifiers_without_r_hash() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[after_save] fn r#type(&self) {}
                #[after_save] fn r#match(self) {}
            }
        };
        let err = check_str(&item).unwrap_err();
        assert!(err.starts_with("hook `match`: `self` by value"), "{err}");
    }

    #[test]
    fn rejects_static_lifetimes_and_a_mutable_context() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[after_save] fn a(&self, cx: &HookContext<'static>) {}
                #[after_save] fn b(row: &'static Model) {}
                #[before_save] fn c(cx: &mut HookContext) {}
            }
        };
        let err = check_str(&item).unwrap_err();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(lines[0].starts_with("hook `a`: `'static`"), "{err}");
        assert!(lines[1].starts_with("hook `b`: `'static`"), "{err}");
        assert!(
            lines[2].starts_with("hook `c`: the hooks of a write share one context"),
            "{err}"
        );
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
