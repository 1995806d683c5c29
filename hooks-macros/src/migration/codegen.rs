//! Emit: what `#[migration_hooks]` generates, from the checked model; it
//! validates nothing. Runtime items are reached through
//! `::hooks_orm::__private::migration` (or the `crate = ...` path).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, Ident, ImplItem, ItemImpl};

use super::ast::{PhasePaths, is_hook};
use super::check::{Hook, Model};
use super::phase::Phase;
use crate::ast::strip_misplaced;
use crate::codegen::respan;

fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// `impl MigrationHooks for Migrator`: one method per phase that has hooks,
/// each a sequence of direct calls, in order.
pub(crate) fn hooks_impl(model: &Model<'_>, p: &TokenStream, cfgs: &[Attribute]) -> TokenStream {
    let self_ty = model.self_ty;
    let state = match model.state {
        Some(state) => quote_spanned!(state.span()=> #state),
        None => quote!(()),
    };
    let info = local("__hooks_info");
    let cx = local("__hooks_cx");
    let methods = Phase::ALL
        .into_iter()
        .filter(|phase| model.hooks_of(*phase).next().is_some())
        .map(|phase| {
            let method = Ident::new(phase.name(), Span::call_site());
            let info_ty = Ident::new(phase.info(), Span::call_site());
            let calls = model.hooks_of(phase).map(|hook| call(hook, p, &info, &cx));
            quote! {
                #[allow(unused_variables, unused_braces, deprecated)]
                fn #method(
                    #info: &#p::#info_ty,
                    #cx: &mut #p::MigrationContext<'_, Self::State>,
                ) -> impl ::core::future::Future<Output = #p::PhaseResult> + ::core::marker::Send {
                    async move {
                        #(#calls)*
                        ::core::result::Result::Ok(())
                    }
                }
            }
        });
    // A fn of each local's name hides a unit struct or const of that name in
    // the user's module, which would turn the parameter into a pattern.
    let shadows =
        [&info, &cx].map(|local| quote!(#[allow(dead_code, non_snake_case)] fn #local() {}));
    quote! {
        #(#cfgs)*
        const _: () = {
            #(#shadows)*

            #[automatically_derived]
            impl #p::MigrationHooks for #self_ty {
                type State = #state;
                #(#methods)*
            }
        };
    }
}

/// One hook's call: its arguments through the checking traits, its result
/// through `Output`, its error named after it.
fn call(hook: &Hook<'_>, p: &TokenStream, info: &Ident, cx: &Ident) -> TokenStream {
    let ident = hook.ident;
    let check = Ident::new(hook.phase.info_check(), Span::call_site());
    let mut args = Vec::new();
    if let Some(ty) = hook.info {
        let span = ty.span();
        let p = respan(p.clone(), span);
        args.push(quote_spanned!(span=> <#ty as #p::#check>::cast(#info)));
    }
    if let Some(ty) = hook.context {
        let span = ty.span();
        let p = respan(p.clone(), span);
        args.push(quote_spanned!(span=> <#ty as #p::ContextParam<'_, Self::State>>::cast(#cx)));
    }
    // Spanned at the hook's name: an error about the call itself (an async
    // hook whose future is not `Send`) points at the hook.
    let span = ident.span();
    let call = quote_spanned!(span=> Self::#ident(#(#args),*));
    let call = if hook.is_async {
        let p = respan(p.clone(), span);
        quote_spanned!(span=> #p::send_hook(#call).await)
    } else {
        call
    };
    let cfg = hook.cfg.attribute();
    // A hook that returns `()` cannot fail; `let ()` also keeps a
    // `#[must_use]` on the hook from warning about this call.
    let Some(output) = hook.output else {
        return quote! {
            #cfg
            {
                let () = #call;
            }
        };
    };
    // A wrong return type fails the `Output` bound; the braces around the
    // call carry the span of the return type, so the error is reported there.
    let span = output.span();
    let checked_p = respan(p.clone(), span);
    let result = quote_spanned!(span=> #checked_p::Output::into_result({ #call }));
    let variant = Ident::new(hook.phase.variant(), Span::call_site());
    let name = &hook.name;
    quote! {
        #cfg
        {
            #p::raised(#result, #p::MigrationPhase::#variant, #name, #info)?;
        }
    }
}

/// The user's block, split in two: the trait impl keeps what is not a hook
/// and, when `overrides`, gains the `MigratorTrait` methods that run the
/// hooks; the hooks move, without their phase attributes, to an inherent
/// impl of the migrator, where they stay callable as `Migrator::hook(...)`.
pub(crate) fn split(
    mut item: ItemImpl,
    paths: &PhasePaths<'_>,
    p: &TokenStream,
    overrides: bool,
) -> TokenStream {
    let (hooks, kept): (Vec<ImplItem>, Vec<ImplItem>) = item
        .items
        .drain(..)
        .partition(|impl_item| matches!(impl_item, ImplItem::Fn(func) if is_hook(func, paths)));
    item.items = kept;
    let cfgs: Vec<&Attribute> = item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .collect();
    let mut inherent = ItemImpl {
        attrs: cfgs.into_iter().cloned().collect(),
        unsafety: None,
        trait_: None,
        items: hooks,
        ..item.clone()
    };
    strip_misplaced(&mut inherent, paths);
    if item.trait_.is_none() {
        // Not a trait impl (an error said so): the hooks stay where they were.
        item.items.append(&mut inherent.items);
        return quote!(#item);
    }
    if overrides {
        let db = local("__hooks_db");
        let steps = local("__hooks_steps");
        let c = local("__HooksC");
        let header = |name: &str| {
            let name = Ident::new(name, Span::call_site());
            quote!(#name)
        };
        let (up, down, fresh, refresh, reset) = (
            header("up"),
            header("down"),
            header("fresh"),
            header("refresh"),
            header("reset"),
        );
        let result = quote!(::core::result::Result<(), #p::DbErr>);
        let bound = quote!(where #c: #p::IntoSchemaManagerConnection<'__hooks_c>);
        item.items.extend([
            syn::parse_quote! {
                async fn #up<'__hooks_c, #c>(#db: #c, #steps: ::core::option::Option<u32>) -> #result #bound {
                    #p::up::<Self>(#db, #steps).await
                }
            },
            syn::parse_quote! {
                async fn #down<'__hooks_c, #c>(#db: #c, #steps: ::core::option::Option<u32>) -> #result #bound {
                    #p::down::<Self>(#db, #steps).await
                }
            },
            syn::parse_quote! {
                async fn #fresh<'__hooks_c, #c>(#db: #c) -> #result #bound {
                    #p::fresh::<Self>(#db).await
                }
            },
            syn::parse_quote! {
                async fn #refresh<'__hooks_c, #c>(#db: #c) -> #result #bound {
                    #p::refresh::<Self>(#db).await
                }
            },
            syn::parse_quote! {
                async fn #reset<'__hooks_c, #c>(#db: #c) -> #result #bound {
                    #p::reset::<Self>(#db).await
                }
            },
        ]);
    }
    // `MigratorTrait` is an `#[async_trait]` trait: its async fns, the ones
    // written here and any the user wrote, need the attribute, once.
    let has_async_trait = item.attrs.iter().any(|a| {
        a.path()
            .segments
            .last()
            .is_some_and(|s| s.ident == "async_trait")
    });
    if !has_async_trait {
        item.attrs.push(syn::parse_quote!(#[#p::async_trait]));
    }
    if inherent.items.is_empty() {
        return quote!(#item);
    }
    quote! {
        #item
        #inherent
    }
}
