//! The macros, from tokens in to tokens out. Each stage lives in its own
//! file: `ast` (parse), `check` (validate), `codegen` (emit).

use darling::error::Accumulator;
use darling::{Error, FromMeta, ast::NestedMeta};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::{Attribute, Data, DeriveInput, Fields, ImplItem, Item, ItemImpl, Type, parse_quote};

use crate::ast::{
    CfgError, CrateOption, EventPaths, HooksOptions, says_inline, scan, strip_misplaced,
};
use crate::{bypass, check, codegen, columns};

/// `#[derive(Hooked)]` on the entity's `Model`.
pub(crate) fn derive_hooked(input: DeriveInput) -> TokenStream {
    // `#[sea_orm::model]` (SeaORM's dense format) copies the derives of `Model`
    // onto the `ModelEx` it generates; the hooks belong to `Model` alone.
    if input.ident == "ModelEx" {
        return TokenStream::new();
    }
    let mut errors = Error::accumulator();
    // A bad option value is reported with the generated impls still in
    // place, so that it is the only error.
    let (option, bypass, option_errors) = bypass::options_of(&input.attrs);
    let shape = "`#[derive(Hooked)]` goes on the entity's `Model` struct, the one with \
                 `#[derive(DeriveEntityModel)]` and a named field per column";
    match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(_) => {}
            Fields::Unnamed(fields) => errors
                .push(Error::custom(format!("{shape}; this is a tuple struct")).with_span(fields)),
            Fields::Unit => errors.push(
                Error::custom(format!("{shape}; this struct has no fields"))
                    .with_span(&input.ident),
            ),
        },
        Data::Enum(data) => errors
            .push(Error::custom(format!("{shape}, not on an enum")).with_span(&data.enum_token)),
        Data::Union(data) => errors
            .push(Error::custom(format!("{shape}, not on a union")).with_span(&data.union_token)),
    }
    if !input.generics.params.is_empty() {
        errors.push(
            Error::custom(format!("{shape}; an entity `Model` cannot be generic"))
                .with_span(&input.generics),
        );
    }
    match errors.finish() {
        Err(err) => err.write_errors(),
        Ok(()) => {
            let p = option.private();
            let fields: Vec<&syn::Field> = match &input.data {
                Data::Struct(data) => data.fields.iter().collect(),
                _ => Vec::new(),
            };
            let mut out = codegen::behavior_impl(&input.ident, &p);
            out.extend(columns::has_column_impls(&input.ident, &fields, &p));
            out.extend(bypass::shadowing_impl(bypass, &p));
            out.extend(option_errors.map(Error::write_errors));
            out
        }
    }
}

/// `#[hooks] impl Model { ... }`.
pub(crate) fn hooks(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Error::accumulator();
    let options = NestedMeta::parse_meta_list(args.clone())
        .map_err(Error::from)
        .and_then(|list| HooksOptions::from_list(&list))
        .map_err(|err| {
            let usage = "`#[hooks]` takes `sets(..)`, the hook sets to attach \
                         (`#[hooks(sets(Timestamps, SoftDelete))]`), and `crate = \"path\"` \
                         where `hooks-orm` is a renamed dependency";
            let message = err.to_string();
            match (err.has_span(), message.contains("Did you mean")) {
                (true, true) => Error::custom(format!("{message} {usage}")).with_span(&err.span()),
                (true, false) => Error::custom(usage).with_span(&err.span()),
                (false, _) => Error::custom(usage).with_span(&args),
            }
        });
    let options = errors.handle(options).unwrap_or_default();
    let sets: Vec<syn::Path> = options.sets.as_deref().cloned().unwrap_or_default();
    let option = options.crate_option();
    let paths = EventPaths::new(&option);
    let p = option.private();
    let (mut item, mut errors) = match impl_block(
        input,
        errors,
        "`#[hooks]` goes on the inherent impl block of a `#[derive(Hooked)]` entity: \
         `#[hooks] impl Model { ... }`",
    ) {
        Ok(parsed) => parsed,
        Err(out) => return out,
    };
    if let Some(again) = item.attrs.iter().find(|a| is_hooks_attribute(a)) {
        errors.push(
            Error::custom("`#[hooks]` is written twice on this block; remove this one")
                .with_span(again.path()),
        );
    }
    item.attrs.retain(|a| !is_hooks_attribute(a));

    // SeaORM names the entity `Entity`, beside its `Model`: `impl Entity` is
    // always this mistake. Said here once, with a stub for the model, so the
    // type checker has nothing to add.
    if let Some(model) = model_beside_entity(&item.self_ty) {
        errors.push(Error::from(syn::Error::new_spanned(
            &item.self_ty,
            "`#[hooks]` goes on `impl Model`, not `impl Entity`: hooks get the model's \
             rows and values; write `#[hooks] impl Model { ... }`",
        )));
        let mut out = written(errors);
        strip_misplaced(&mut item, &paths);
        out.extend(codegen::fallback_impl(&model, &p));
        out.extend(item.into_token_stream());
        return out;
    }

    let mut checked = check::check(&item, &paths, check::Mode::Entity);
    if let Some(model) = &mut checked.model {
        model.sets = sets;
    }
    let generated = match &checked.model {
        Some(model) => codegen::hooks_impl(model, &p),
        // A stub impl keeps `#[derive(Hooked)]` from adding "no `#[hooks]`
        // block" to the errors, where the block is plainly meant for the
        // entity: an inherent impl, or a trait impl of the entity's model.
        None if item.generics.params.is_empty() => codegen::fallback_impl(&item.self_ty, &p),
        None => TokenStream::new(),
    };
    if let Some(block_errors) = checked.block_errors {
        errors.push(block_errors);
    }
    let hook_errors = checked.hook_errors;
    block_output(item, generated, hook_errors, errors, &paths, &p)
}

/// The item of an attribute macro that goes on an impl block, or, for any
/// other item, the output: the errors so far, `misplaced` at the item, and
/// the item as it was. The accumulator is finished on every path: darling
/// panics if one is dropped unfinished.
fn impl_block(
    input: TokenStream,
    mut errors: Accumulator,
    misplaced: &str,
) -> Result<(ItemImpl, Accumulator), TokenStream> {
    let parse_error = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Impl(item)) => return Ok((item, errors)),
        Ok(other) => {
            errors.push(Error::custom(misplaced).with_span(&item_head(&other)));
            None
        }
        Err(err) => Some(err.to_compile_error()),
    };
    let mut out = written(errors);
    out.extend(parse_error);
    out.extend(input);
    Err(out)
}

/// What `#[hooks]` and `#[hook_set]` emit for a block: the block without its
/// event attributes, the generated impl, and the errors, each hook's under
/// its `cfg`.
fn block_output(
    mut item: ItemImpl,
    generated: TokenStream,
    hook_errors: Vec<CfgError>,
    errors: Accumulator,
    paths: &EventPaths<'_>,
    p: &TokenStream,
) -> TokenStream {
    let hook_errors = codegen::hook_errors(hook_errors);
    let errors = written(errors);
    inline_hooks(&mut item, paths);
    strip_misplaced(&mut item, paths);
    mark_attribute_macros(&mut item, p);
    quote! {
        #item
        #generated
        #hook_errors
        #errors
    }
}

/// `#[inline]` on each hook fn that says nothing about inlining itself.
/// Hand-written `ActiveModelBehavior` has the hook's logic in its body;
/// the generated dispatch calls the hook fn instead, and without the hint
/// rustc keeps a small hook as a call of its own, with what it calls (a
/// `trim`, say) out of line too. A hint only: a hook called elsewhere as
/// well is still an ordinary fn.
fn inline_hooks(item: &mut ItemImpl, paths: &EventPaths<'_>) {
    for impl_item in &mut item.items {
        let ImplItem::Fn(func) = impl_item else {
            continue;
        };
        if !says_inline(&func.attrs) && !scan(&func.attrs, paths).1.is_empty() {
            func.attrs.push(parse_quote!(#[inline]));
        }
    }
}

/// The errors gathered so far, as `compile_error!`s.
pub(crate) fn written(errors: darling::error::Accumulator) -> TokenStream {
    errors
        .finish()
        .err()
        .map(Error::write_errors)
        .unwrap_or_default()
}

/// `#[hook_set] impl Set { ... }`: hooks written once, generic over the
/// model, for `#[hooks(sets(Set))]` to attach to entities.
pub(crate) fn hook_set(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Error::accumulator();
    let option = NestedMeta::parse_meta_list(args.clone())
        .map_err(Error::from)
        .and_then(|list| CrateOption::from_list(&list))
        .map_err(|_| {
            Error::custom(
                "`#[hook_set]` takes no arguments, except `crate = \"path\"` where \
                 `hooks-orm` is a renamed dependency",
            )
            .with_span(&args)
        });
    let option = errors.handle(option).unwrap_or_default();
    let paths = EventPaths::new(&option);
    let p = option.private();
    let (item, mut errors) = match impl_block(
        input,
        errors,
        "`#[hook_set]` goes on the impl block of the set's type: \
         `pub struct Timestamps; #[hook_set] impl Timestamps { ... }`",
    ) {
        Ok(parsed) => parsed,
        Err(out) => return out,
    };
    let checked = check::check(&item, &paths, check::Mode::Set);
    let generated = match &checked.model {
        Some(model) => codegen::set_impl(model, &p),
        None => TokenStream::new(),
    };
    if let Some(block_errors) = checked.block_errors {
        errors.push(block_errors);
    }
    let hook_errors = checked.hook_errors;
    block_output(item, generated, hook_errors, errors, &paths, &p)
}

/// For a self type that is a path ending in `Entity`, the same path ending in `Model`.
fn model_beside_entity(ty: &Type) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if path.qself.is_some() || last.ident != "Entity" || !last.arguments.is_none() {
        return None;
    }
    let mut model = path.clone();
    let last = model.path.segments.last_mut()?;
    last.ident = syn::Ident::new("Model", last.ident.span());
    Some(Type::Path(model))
}

/// `#[hooks]` or `#[hooks_orm::hooks]` (or any path ending in `hooks`): the
/// macro itself, written again on the block it is expanding.
fn is_hooks_attribute(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "hooks")
}

/// Attributes the compiler knows: no macro of ours hides behind them.
const BUILTIN_ATTRIBUTES: &[&str] = &[
    "allow",
    "cfg",
    "cfg_attr",
    "cold",
    "deny",
    "deprecated",
    "doc",
    "expect",
    "forbid",
    "inline",
    "must_use",
    "track_caller",
    "warn",
];

/// Marks the fns of the block that carry an attribute `#[hooks]` did not
/// recognise, so that an event attribute under another name (a renamed import,
/// a re-export) can tell that it sits in a `#[hooks]` block and say so.
fn mark_attribute_macros(item: &mut ItemImpl, p: &TokenStream) {
    for impl_item in &mut item.items {
        let ImplItem::Fn(func) = impl_item else {
            continue;
        };
        let unknown = func.attrs.iter().any(|attr| {
            let path = attr.path();
            let first = path.segments.first().map(|s| s.ident.to_string());
            match first.as_deref() {
                Some("rustfmt" | "clippy" | "diagnostic") if path.segments.len() > 1 => false,
                Some(name) if path.segments.len() == 1 => !BUILTIN_ATTRIBUTES.contains(&name),
                _ => true,
            }
        });
        if unknown {
            func.attrs.push(parse_quote!(#[#p::in_hooks_block]));
        }
    }
}

/// An event attribute that `#[hooks]` did not remove: not inside a hooks
/// block, not on a fn, or written under a name `#[hooks]` does not know.
pub(crate) fn misplaced_event(event: &str, item: TokenStream) -> TokenStream {
    let message = match fn_name(&item) {
        Some(name) if in_hooks_block(&item) => format!(
            "hook `{name}`: this is `#[{event}]` under another name; `#[hooks]` finds event \
             attributes by name, so write `#[{event}]` or `#[hooks_orm::{event}]` here"
        ),
        Some(name) => format!(
            "hook `{name}`: `#[{event}]` only works on a fn inside a `#[hooks] impl Model {{ ... }}` \
             block; add `#[hooks]` to the impl block"
        ),
        None => format!(
            "`#[{event}]` marks a hook, and this is not a fn: hooks are fns inside a \
             `#[hooks] impl Model {{ ... }}` block"
        ),
    };
    let mut out = syn::Error::new(Span::call_site(), message).to_compile_error();
    out.extend(item);
    out
}

/// Whether `#[hooks]` marked this fn (see [`mark_attribute_macros`]).
fn in_hooks_block(item: &TokenStream) -> bool {
    let mut tokens = item.clone().into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                if let Some(TokenTree::Group(group)) = tokens.peek()
                    && group
                        .stream()
                        .into_iter()
                        .any(|t| matches!(t, TokenTree::Ident(i) if i == "in_hooks_block"))
                {
                    return true;
                }
            }
            TokenTree::Ident(i) if i == "fn" => return false,
            _ => {}
        }
    }
    false
}

/// The name after the first `fn` keyword, without parsing the item.
pub(crate) fn fn_name(item: &TokenStream) -> Option<proc_macro2::Ident> {
    let mut tokens = item.clone().into_iter();
    tokens.find(|t| matches!(t, TokenTree::Ident(i) if i == "fn"))?;
    match tokens.next()? {
        TokenTree::Ident(name) => Some(syn::ext::IdentExt::unraw(&name)),
        _ => None,
    }
}

/// The tokens that name an item, to point an error at, e.g. `fn foo` or `struct Model`.
fn item_head(item: &Item) -> TokenStream {
    match item {
        Item::Fn(f) => f.sig.to_token_stream(),
        Item::Struct(s) => {
            let (token, ident) = (&s.struct_token, &s.ident);
            quote!(#token #ident)
        }
        Item::Enum(e) => {
            let (token, ident) = (&e.enum_token, &e.ident);
            quote!(#token #ident)
        }
        Item::Trait(t) => {
            let (token, ident) = (&t.trait_token, &t.ident);
            quote!(#token #ident)
        }
        Item::Mod(m) => {
            let (token, ident) = (&m.mod_token, &m.ident);
            quote!(#token #ident)
        }
        other => other.to_token_stream(),
    }
}
