//! The three macros, from tokens in to tokens out. Each stage lives in its
//! own file: `ast` (parse), `check` (validate), `codegen` (emit).

use darling::Error;
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use syn::{Data, DeriveInput, Fields, ImplItem, Item, ItemImpl, Type};

use crate::ast::event_of;
use crate::{check, codegen};

/// `#[derive(Hooked)]` on the entity's `Model`.
pub(crate) fn derive_hooked(input: DeriveInput) -> TokenStream {
    // `#[sea_orm::model]` (SeaORM's dense format) copies the derives of `Model`
    // onto the `ModelEx` it generates; the hooks belong to `Model` alone.
    if input.ident == "ModelEx" {
        return TokenStream::new();
    }
    let shape = "`#[derive(Hooked)]` goes on the entity's `Model` struct, the one with \
                 `#[derive(DeriveEntityModel)]` and a named field per column";
    let err = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(_) => None,
            Fields::Unnamed(fields) => {
                Some(Error::custom(format!("{shape}; this is a tuple struct")).with_span(fields))
            }
            Fields::Unit => Some(
                Error::custom(format!("{shape}; this struct has no fields"))
                    .with_span(&input.ident),
            ),
        },
        Data::Enum(data) => {
            Some(Error::custom(format!("{shape}, not on an enum")).with_span(&data.enum_token))
        }
        Data::Union(data) => {
            Some(Error::custom(format!("{shape}, not on a union")).with_span(&data.union_token))
        }
    };
    let err = err.or_else(|| {
        (!input.generics.params.is_empty()).then(|| {
            Error::custom(format!("{shape}; an entity `Model` cannot be generic"))
                .with_span(&input.generics)
        })
    });
    match err {
        Some(err) => err.write_errors(),
        None => codegen::behavior_impl(&input.ident),
    }
}

/// `#[hooks] impl Model { ... }`.
pub(crate) fn hooks(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Error::accumulator();
    if !args.is_empty() {
        errors.push(Error::custom("`#[hooks]` takes no arguments").with_span(&args));
    }
    let mut item = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Impl(item)) => item,
        Ok(other) => {
            let err = Error::custom(
                "`#[hooks]` goes on the inherent impl block of a `#[derive(Hooked)]` entity: \
                 `#[hooks] impl Model { ... }`",
            )
            .with_span(&item_head(&other));
            let mut out = errors
                .finish()
                .err()
                .map(Error::write_errors)
                .unwrap_or_default();
            out.extend(err.write_errors());
            out.extend(input);
            return out;
        }
        Err(err) => {
            let mut out = err.to_compile_error();
            out.extend(input);
            return out;
        }
    };

    let generated = match errors.handle(check::check(&item)) {
        Some(model) => codegen::hooks_impl(&model),
        // A stub impl keeps `#[derive(Hooked)]` from adding "no `#[hooks]`
        // block" to the errors, where the block is plainly meant for the
        // entity: an inherent impl, or a trait impl on a type named `Model`.
        None if item.generics.params.is_empty()
            && (item.trait_.is_none() || names_model(&item.self_ty)) =>
        {
            codegen::fallback_impl(&item.self_ty)
        }
        None => TokenStream::new(),
    };
    let errors = errors.finish().err().map(Error::write_errors);
    strip_event_attributes(&mut item);
    quote! {
        #item
        #generated
        #errors
    }
}

/// An event attribute that `#[hooks]` did not remove: it is not inside a hooks block.
pub(crate) fn misplaced_event(event: &str, item: TokenStream) -> TokenStream {
    let hook = fn_name(&item).map_or_else(String::new, |name| format!("hook `{name}`: "));
    let err = syn::Error::new(
        Span::call_site(),
        format!(
            "{hook}`#[{event}]` only works on a fn inside a `#[hooks] impl Model {{ ... }}` block; \
             add `#[hooks]` to the impl block"
        ),
    );
    let mut out = err.to_compile_error();
    out.extend(item);
    out
}

/// The name after the first `fn` keyword, without parsing the item.
fn fn_name(item: &TokenStream) -> Option<proc_macro2::Ident> {
    let mut tokens = item.clone().into_iter();
    tokens.find(|t| matches!(t, TokenTree::Ident(i) if i == "fn"))?;
    match tokens.next()? {
        TokenTree::Ident(name) => Some(name),
        _ => None,
    }
}

/// Whether `ty` is a path ending in `Model`: `Model`, `user::Model`.
fn names_model(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "Model"))
}

fn strip_event_attributes(item: &mut ItemImpl) {
    for impl_item in &mut item.items {
        if let ImplItem::Fn(func) = impl_item {
            func.attrs.retain(|attr| event_of(attr).is_none());
        }
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
