//! Emit: what the macros generate. Works from the checked model and validates
//! nothing. Everything is reached through `::hooks_orm::__private`.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Type};

use crate::check::{Arg, Hook, HooksModel, OldRow};
use crate::events::{Event, Slot};

/// `impl ModelHooks for Model`: one method per event that has hooks, each a
/// sequence of direct calls.
pub(crate) fn hooks_impl(model: &HooksModel<'_>) -> TokenStream {
    let self_ty = model.self_ty;
    let old_row = match model.old_row() {
        OldRow::Unused => quote!(Unused),
        OldRow::BeforeUpdate => quote!(BeforeUpdate),
        OldRow::AfterUpdate => quote!(AfterUpdate),
    };
    let methods = Event::ALL
        .into_iter()
        .filter(|event| model.hooks_of(*event).next().is_some())
        .map(|event| event_method(event, model.hooks_of(event)));
    quote! {
        const _: () = {
            #[automatically_derived]
            impl ::hooks_orm::__private::ModelHooks for #self_ty {
                const OLD_ROW: ::hooks_orm::__private::OldRow = ::hooks_orm::__private::OldRow::#old_row;
                #(#methods)*
            }
        };
    }
}

/// Emitted when the block has errors, so that `#[derive(Hooked)]` does not add
/// "no `#[hooks]` block" to them.
pub(crate) fn fallback_impl(self_ty: &Type) -> TokenStream {
    quote! {
        const _: () = {
            impl ::hooks_orm::__private::ModelHooks for #self_ty {}
        };
    }
}

fn event_method<'a>(event: Event, hooks: impl Iterator<Item = &'a Hook<'a>>) -> TokenStream {
    let method = event.ident(Span::call_site());
    let calls = hooks.map(|hook| hook_call(event, hook));
    let p = quote!(::hooks_orm::__private);
    let cx = quote!(__hooks_cx: &#p::HookContext<'_>);
    let change = quote!(__hooks_am: &mut #p::ActiveModelOf<Self>);
    let row = quote!(__hooks_model: &Self);
    let old = quote!(__hooks_old: ::core::option::Option<&Self>);
    let (params, output, done) = match event {
        Event::BeforeSave | Event::BeforeCreate => (quote!(#change, #cx), quote!(()), quote!(())),
        Event::BeforeUpdate => (quote!(#change, #old, #cx), quote!(()), quote!(())),
        Event::AfterUpdate => (quote!(#row, #old, #cx), quote!(()), quote!(())),
        Event::BeforeDelete => (
            quote!(#row, #cx),
            quote!(#p::DeleteDecision),
            quote!(#p::DeleteDecision::Proceed),
        ),
        Event::AfterCreate | Event::AfterSave | Event::AfterDelete => {
            (quote!(#row, #cx), quote!(()), quote!(()))
        }
    };
    quote! {
        #[allow(unused_variables)]
        async fn #method(#params) -> #p::HookResult<#output> {
            #(#calls)*
            ::core::result::Result::Ok(#done)
        }
    }
}

fn hook_call(event: Event, hook: &Hook<'_>) -> TokenStream {
    let p = quote!(::hooks_orm::__private);
    let ident = hook.ident;
    let name = ident.to_string();
    let marker = event.ident(Span::call_site());
    let checks = quote!(#p::events::#marker);
    let args = hook.args.iter().map(|arg| hook_arg(arg, &checks, &name));
    let call = if hook.is_async {
        quote!(Self::#ident(#(#args),*).await)
    } else {
        quote!(Self::#ident(#(#args),*))
    };
    // A hook that returns `()` cannot fail: it is called as a statement.
    let Some(output) = hook.output else {
        return quote!(#call;);
    };
    // A wrong return type fails the event's `Output` bound. Every token of
    // the check carries the span of the return type, so it is reported there
    // and nowhere else.
    let span = output.span();
    let out = quote_spanned!(span=> __hooks_out);
    let marker = event.ident(span);
    let result = quote_spanned! {span=>
        ::hooks_orm::__private::events::#marker::Output::into_result(#out)
    };
    if event == Event::BeforeDelete {
        quote! {
            let #out = #call;
            if let #p::Deletion::Keep = #p::finish(#result, #name, __hooks_cx)? {
                return ::core::result::Result::Ok(#p::DeleteDecision::KeptBy(#name));
            }
        }
    } else {
        quote! {
            let #out = #call;
            #p::finish(#result, #name, __hooks_cx)?;
        }
    }
}

/// The expression passed for one parameter. Typed parameters go through a
/// checking trait of the event, spanned at the user's type, so a wrong type
/// is reported there with a message about the hook's event.
fn hook_arg(arg: &Arg<'_>, checks: &TokenStream, name: &str) -> TokenStream {
    let p = quote!(::hooks_orm::__private);
    let Some(ty) = arg.ty else {
        return quote!(__hooks_model);
    };
    match arg.slot {
        Slot::Context => quote!(__hooks_cx),
        Slot::Change => quote_spanned! {ty.span()=>
            <#ty as #checks::ChangeParam<#p::ActiveModelOf<Self>>>::cast(&mut *__hooks_am)
        },
        Slot::Row => quote_spanned! {ty.span()=>
            <#ty as #checks::RowParam<Self>>::cast(__hooks_model)
        },
        Slot::OldRow => quote_spanned! {ty.span()=>
            <#ty as #checks::OldRowParam<Self>>::cast(#p::old_row(__hooks_old, #name)?)
        },
    }
}

/// `impl ActiveModelBehavior for ActiveModel`, delegating to the runtime.
pub(crate) fn behavior_impl(model: &Ident) -> TokenStream {
    let p = quote!(::hooks_orm::__private);
    let orm = quote!(#p::sea_orm);
    let bound = quote_spanned!(model.span()=> #model: #p::ModelHooks);
    let result = quote!(::core::result::Result);
    quote! {
        const _: () = {
            #[automatically_derived]
            #[#p::async_trait]
            impl #orm::ActiveModelBehavior for ActiveModel
            where
                #bound,
            {
                async fn before_save<C>(self, db: &C, insert: bool) -> #result<Self, #orm::DbErr>
                where
                    C: #orm::ConnectionTrait,
                {
                    #p::before_save::<#model, C>(self, db, insert).await
                }

                async fn after_save<C>(
                    model: <<Self as #orm::ActiveModelTrait>::Entity as #orm::EntityTrait>::Model,
                    db: &C,
                    insert: bool,
                ) -> #result<<<Self as #orm::ActiveModelTrait>::Entity as #orm::EntityTrait>::Model, #orm::DbErr>
                where
                    C: #orm::ConnectionTrait,
                {
                    #p::after_save::<#model, C>(model, db, insert).await
                }

                async fn before_delete<C>(self, db: &C) -> #result<Self, #orm::DbErr>
                where
                    C: #orm::ConnectionTrait,
                {
                    #p::before_delete::<#model, C>(self, db).await
                }

                async fn after_delete<C>(self, db: &C) -> #result<Self, #orm::DbErr>
                where
                    C: #orm::ConnectionTrait,
                {
                    #p::after_delete::<#model, C>(self, db).await
                }
            }
        };
    }
}
