//! Column names as types, for hook sets: `col!(created_at)` and the
//! `HasColumn` impls `#[derive(Hooked)]` writes for every field.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{Attribute, Field, Ident};

/// The longest column name a type can spell: `Col` has this many parameters.
pub(crate) const MAX_LEN: usize = 32;

/// `Col::<'c', 'r', ...>` for `name`, under the runtime path `p`; `None` when
/// the name is too long to spell.
pub(crate) fn col_type(name: &Ident, p: &TokenStream) -> Option<TokenStream> {
    let name = name.unraw().to_string();
    if name.chars().count() > MAX_LEN {
        return None;
    }
    let chars = name.chars();
    let span = Span::call_site();
    Some(quote_spanned!(span=> #p::Col::<#(#chars),*>))
}

/// `col!(name)` / `col!($crate; name)`: what the `col!` macro of `hooks-orm`
/// hands over.
pub(crate) fn col(input: TokenStream) -> TokenStream {
    let parsed = syn::parse2::<ColInput>(input);
    let ColInput { krate, name } = match parsed {
        Ok(input) => input,
        Err(err) => return err.to_compile_error(),
    };
    let p = quote!(#krate::__private);
    match col_type(&name, &p) {
        Some(ty) => ty,
        None => syn::Error::new(
            name.span(),
            format!(
                "`col!` spells column names of up to {MAX_LEN} characters; \
                 `{}` is longer",
                name.unraw()
            ),
        )
        .to_compile_error(),
    }
}

struct ColInput {
    krate: TokenStream,
    name: Ident,
}

impl syn::parse::Parse for ColInput {
    fn parse(input: syn::parse::ParseStream<'_>) -> syn::Result<Self> {
        // `$crate` arrives as one ident-like token; everything before the `;`.
        let mut krate = TokenStream::new();
        while !input.peek(syn::Token![;]) {
            let token: proc_macro2::TokenTree = input.parse()?;
            krate.extend([token]);
        }
        input.parse::<syn::Token![;]>()?;
        let name = Ident::parse_any(input).map_err(|err| {
            syn::Error::new(
                err.span(),
                "`col!` takes the name of a model's field, e.g. `col!(created_at)`",
            )
        })?;
        if !input.is_empty() {
            return Err(input.error("`col!` takes one field name, e.g. `col!(created_at)`"));
        }
        Ok(ColInput { krate, name })
    }
}

/// `impl HasColumn<col!(field)> for Model` for every column of the model.
pub(crate) fn has_column_impls(model: &Ident, fields: &[&Field], p: &TokenStream) -> TokenStream {
    let orm = quote!(#p::sea_orm);
    fields
        .iter()
        .filter(|field| !ignored(&field.attrs))
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            let col = col_type(ident, p)?;
            let ty = &field.ty;
            Some(quote! {
                #[automatically_derived]
                impl #p::HasColumn<#col> for #model {
                    type Value = #ty;

                    #[inline(always)]
                    fn value(row: &Self) -> &#ty {
                        &row.#ident
                    }

                    #[inline(always)]
                    fn change(am: &mut #p::ActiveModelOf<Self>) -> &mut #orm::ActiveValue<#ty> {
                        &mut am.#ident
                    }
                }
            })
        })
        .collect()
}

/// `#[sea_orm(ignore)]`: a field that is not a column.
fn ignored(attrs: &[Attribute]) -> bool {
    attrs
        .iter()
        .filter(|attr| attr.path().is_ident("sea_orm"))
        .any(|attr| {
            let mut ignore = false;
            let _ = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident("ignore") {
                    ignore = true;
                }
                // Skip the value of any other option.
                if meta.input.peek(syn::Token![=]) {
                    let _: syn::Expr = meta.value()?.parse()?;
                } else if meta.input.peek(syn::token::Paren) {
                    let _: proc_macro2::Group = meta.input.parse()?;
                }
                Ok(())
            });
            ignore
        })
}
