//! `#[hooked(bypass = "warn" | "deny")]` on the `Model`: SeaORM's
//! hook-skipping path calls (`Entity::delete_many()`, ...) warn or fail to
//! compile.
//!
//! The derive gives `Entity` inherent fns with the names and signatures of
//! `EntityTrait`'s skipping fns. A path call `Entity::delete_many()` finds an
//! inherent fn before a trait's, so it reaches these: under `warn` they are
//! `#[deprecated]`, with the hooked replacement as the note; under `deny`
//! they carry a bound that never holds, whose `#[diagnostic::on_unimplemented]`
//! names the replacement (`hooks_orm::__private::bypass`). Either way they
//! return SeaORM's own builder, so the rest of the expression checks as
//! before and one mistake is one diagnostic. `<Entity as EntityTrait>::..`
//! and generic code over `E: EntityTrait` reach the trait's fns: the first is
//! the documented way to skip on purpose, the second cannot be seen.
//!
//! Parse, check and emit of this one option live here, apart from the
//! `#[hooks]` pipeline.

use darling::{Error, FromMeta};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Attribute, LitStr, Path};

use crate::ast::CrateOption;

/// What a call of a skipping path on a `Hooked` entity does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Bypass {
    /// Nothing (the default): SeaORM's fns as they are.
    #[default]
    Allow,
    /// A deprecation warning at the call, naming the hooked replacement.
    Warn,
    /// A compile error at the call, naming the hooked replacement.
    Deny,
}

impl FromMeta for Bypass {
    fn from_value(value: &syn::Lit) -> darling::Result<Self> {
        let syn::Lit::Str(level) = value else {
            return Err(unknown_level(&quote!(#value).to_string()).with_span(value));
        };
        Self::from_lit(level)
    }

    fn from_expr(expr: &syn::Expr) -> darling::Result<Self> {
        match expr {
            syn::Expr::Lit(lit) => Self::from_value(&lit.lit),
            // `bypass = deny`, unquoted.
            other => Err(unknown_level(&quote!(#other).to_string()).with_span(other)),
        }
    }
}

impl Bypass {
    fn from_lit(level: &LitStr) -> darling::Result<Self> {
        match level.value().as_str() {
            "allow" => Ok(Bypass::Allow),
            "warn" => Ok(Bypass::Warn),
            "deny" => Ok(Bypass::Deny),
            other => Err(unknown_level(&format!("\"{other}\"")).with_span(level)),
        }
    }
}

fn unknown_level(found: &str) -> Error {
    Error::custom(format!(
        "`bypass = {found}` is not a level: write `bypass = \"warn\"` (a deprecation warning \
         where SeaORM's hook-skipping fns such as `Entity::delete_many()` are called), \
         `bypass = \"deny\"` (a compile error there), or `bypass = \"allow\"` (the default)"
    ))
}

/// Everything `#[hooked(...)]` on the `Model` takes.
#[derive(Default, FromMeta)]
struct DeriveOptions {
    /// `crate = "path"`: where `hooks-orm` is, for a renamed dependency.
    #[darling(default, rename = "crate")]
    krate: Option<Path>,
    /// `bypass = "warn" | "deny" | "allow"`.
    #[darling(default)]
    bypass: Option<Bypass>,
}

/// `#[hooked(crate = "...", bypass = "...")]`, in one attribute or several;
/// a later value of an option wins. Returns what parsed, and the errors of
/// what did not: the derive reports them beside its impls, so that a bad
/// option is one error and not a cascade.
pub(crate) fn options_of(attrs: &[Attribute]) -> (CrateOption, Bypass, Option<Error>) {
    let mut errors = Error::accumulator();
    let (mut krate, mut bypass) = (CrateOption::default(), Bypass::default());
    for attr in attrs.iter().filter(|a| a.path().is_ident("hooked")) {
        if let Some(parsed) = errors.handle(DeriveOptions::from_meta(&attr.meta)) {
            if parsed.krate.is_some() {
                krate.krate = parsed.krate;
            }
            if let Some(level) = parsed.bypass {
                bypass = level;
            }
        }
    }
    (krate, bypass, errors.finish().err())
}

/// One of `EntityTrait`'s fns that write without calling `ActiveModelBehavior`.
struct Skipping {
    name: &'static str,
    /// Generic parameters, parameters, return type, where clause: SeaORM's
    /// signature, with `orm` for the `sea_orm` path.
    signature: fn(&TokenStream) -> Signature,
    /// The marker trait of `hooks_orm::__private::bypass` under `deny`.
    denied: &'static str,
    /// What to write instead, for the deprecation note.
    instead: &'static str,
}

struct Signature {
    generics: TokenStream,
    params: TokenStream,
    args: TokenStream,
    output: TokenStream,
    bounds: TokenStream,
}

/// `EntityTrait`'s skipping fns, as SeaORM 2.0 declares them; see the
/// README's table of write paths.
const SKIPPING: &[Skipping] = &[
    Skipping {
        name: "insert",
        signature: |orm| Signature {
            generics: quote!(A),
            params: quote!(model: A),
            args: quote!(model),
            output: quote!(#orm::Insert<A>),
            bounds: quote!(A: #orm::ActiveModelTrait<Entity = Self>,),
        },
        denied: "DeniedInsert",
        instead: "`am.insert(&db)` or `am.insert_hooked(&db)`",
    },
    Skipping {
        name: "insert_many",
        signature: |orm| Signature {
            generics: quote!(A, I),
            params: quote!(models: I),
            args: quote!(models),
            output: quote!(#orm::InsertMany<A>),
            bounds: quote! {
                A: #orm::ActiveModelTrait<Entity = Self>,
                I: ::core::iter::IntoIterator<Item = A>,
            },
        },
        denied: "DeniedInsertMany",
        instead: "`Entity::insert_many_hooked(rows, &db)`",
    },
    Skipping {
        name: "update",
        signature: |orm| Signature {
            generics: quote!(A),
            params: quote!(model: A),
            args: quote!(model),
            output: quote!(#orm::UpdateOne<A>),
            bounds: quote!(A: #orm::ActiveModelTrait<Entity = Self>,),
        },
        denied: "DeniedUpdate",
        instead: "`am.update(&db)` or `am.update_hooked(&db)`",
    },
    Skipping {
        name: "update_many",
        signature: |orm| Signature {
            generics: TokenStream::new(),
            params: TokenStream::new(),
            args: TokenStream::new(),
            output: quote!(#orm::UpdateMany<Self>),
            bounds: TokenStream::new(),
        },
        denied: "DeniedUpdateMany",
        instead: "`Entity::update_many_hooked(filter, change, &db)`",
    },
    Skipping {
        name: "delete",
        signature: |orm| Signature {
            generics: quote!(A),
            params: quote!(model: A),
            args: quote!(model),
            output: quote!(#orm::DeleteOne<Self>),
            bounds: quote!(A: #orm::ActiveModelTrait<Entity = Self>,),
        },
        denied: "DeniedDelete",
        instead: "`am.delete(&db)` or `am.delete_hooked(&db)`",
    },
    Skipping {
        name: "delete_many",
        signature: |orm| Signature {
            generics: TokenStream::new(),
            params: TokenStream::new(),
            args: TokenStream::new(),
            output: quote!(#orm::DeleteMany<Self>),
            bounds: TokenStream::new(),
        },
        denied: "DeniedDeleteMany",
        instead: "`Entity::delete_many_hooked(filter, &db)`",
    },
    Skipping {
        name: "delete_by_id",
        signature: |orm| Signature {
            generics: quote!(T),
            params: quote!(values: T),
            args: quote!(values),
            output: quote!(#orm::ValidatedDeleteOne<Self>),
            bounds: quote! {
                T: ::core::convert::Into<
                    <<Self as #orm::EntityTrait>::PrimaryKey as #orm::PrimaryKeyTrait>::ValueType,
                >,
            },
        },
        denied: "DeniedDeleteById",
        instead: "`Entity::delete_many_hooked(Column::Id.eq(id), &db)` or `model.delete_hooked(&db)`",
    },
];

/// The inherent fns on `Entity` that shadow `EntityTrait`'s skipping fns,
/// or nothing under `allow`. `Entity` is the name `DeriveEntityModel` gives
/// the entity, beside the `Model` (the `ActiveModelBehavior` impl relies on
/// `ActiveModel` the same way).
pub(crate) fn shadowing_impl(bypass: Bypass, p: &TokenStream) -> TokenStream {
    if bypass == Bypass::Allow {
        return TokenStream::new();
    }
    let orm = quote!(#p::sea_orm);
    let fns = SKIPPING.iter().map(|skipping| {
        let name = format_ident!("{}", skipping.name);
        let Signature {
            generics,
            params,
            args,
            output,
            bounds,
        } = (skipping.signature)(&orm);
        let doc = format!(
            " SeaORM's `EntityTrait::{name}`, which runs no hooks: this entity has \
             `#[hooked(bypass = \"{level}\")]`. Write {instead}; to skip the hooks on purpose, \
             `<Entity as EntityTrait>::{name}(..)`.",
            level = if bypass == Bypass::Warn {
                "warn"
            } else {
                "deny"
            },
            instead = skipping.instead,
        );
        let body = quote!(<Self as #orm::EntityTrait>::#name(#args));
        match bypass {
            Bypass::Warn => {
                let note = format!(
                    "runs no hooks: write {}; to skip the hooks on purpose, \
                     `<Entity as EntityTrait>::{name}(..)`",
                    skipping.instead
                );
                quote! {
                    #[doc = #doc]
                    #[deprecated(note = #note)]
                    #[inline]
                    pub fn #name<#generics>(#params) -> #output
                    where
                        #bounds
                    {
                        #body
                    }
                }
            }
            _ => {
                let denied = format_ident!("{}", skipping.denied);
                quote! {
                    #[doc = #doc]
                    #[inline]
                    pub fn #name<'__hooks, #generics>(#params) -> #output
                    where
                        #bounds
                        Self: #p::bypass::#denied<'__hooks>,
                    {
                        #body
                    }
                }
            }
        }
    });
    // Not inside `const _`: the diagnostics name the fn by its path, which
    // reads `Entity::delete_many` here and `_::<impl Entity>::delete_many` there.
    quote! {
        #[automatically_derived]
        impl Entity {
            #(#fns)*
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn parse(attrs: Vec<Attribute>) -> Result<Bypass, String> {
        match options_of(&attrs) {
            (_, bypass, None) => Ok(bypass),
            (_, _, Some(err)) => Err(err.to_string()),
        }
    }

    #[test]
    fn levels() {
        assert_eq!(parse(vec![]), Ok(Bypass::Allow));
        assert_eq!(
            parse(vec![parse_quote!(#[hooked(bypass = "warn")])]),
            Ok(Bypass::Warn)
        );
        assert_eq!(
            parse(vec![
                parse_quote!(#[hooked(crate = "hooks")]),
                parse_quote!(#[hooked(bypass = "deny")]),
            ]),
            Ok(Bypass::Deny)
        );
        assert_eq!(
            parse(vec![
                parse_quote!(#[hooked(bypass = "allow", crate = "hooks")])
            ]),
            Ok(Bypass::Allow)
        );
    }

    #[test]
    fn crate_option_survives_the_bypass_option() {
        let attrs: Vec<Attribute> = vec![parse_quote!(#[hooked(bypass = "deny", crate = "hooks")])];
        let (krate, _, errors) = options_of(&attrs);
        assert!(errors.is_none());
        assert_eq!(krate.private().to_string(), "hooks :: __private");
    }

    #[test]
    fn unknown_levels_say_the_choices() {
        for attr in [
            parse_quote!(#[hooked(bypass = "forbid")]),
            parse_quote!(#[hooked(bypass = deny)]),
            parse_quote!(#[hooked(bypass = true)]),
        ] {
            let err = parse(vec![attr]).unwrap_err();
            assert!(err.contains("is not a level"), "{err}");
            assert!(err.contains("`bypass = \"deny\"`"), "{err}");
        }
    }

    #[test]
    fn allow_generates_nothing() {
        assert!(shadowing_impl(Bypass::Allow, &quote!(::hooks_orm::__private)).is_empty());
        let warn = shadowing_impl(Bypass::Warn, &quote!(::hooks_orm::__private)).to_string();
        assert_eq!(warn.matches("deprecated").count(), SKIPPING.len());
        let deny = shadowing_impl(Bypass::Deny, &quote!(::hooks_orm::__private)).to_string();
        assert_eq!(deny.matches(":: bypass ::").count(), SKIPPING.len());
    }
}
