//! `#[migration_hooks]`, from tokens in to tokens out.

use darling::{Error, FromMeta, ast::NestedMeta};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{Attribute, Item};

use super::ast::{BlockOptions, PhasePaths};
use super::{check, codegen};

/// `#[migration_hooks] impl MigratorTrait for Migrator { ... }`.
pub(crate) fn migration_hooks(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut errors = Error::accumulator();
    let options = NestedMeta::parse_meta_list(args)
        .map_err(Error::from)
        .and_then(|list| BlockOptions::from_list(&list));
    let options = errors.handle(options).unwrap_or_default();
    let item = match syn::parse2::<Item>(input.clone()) {
        Ok(Item::Impl(item)) => item,
        Ok(_) => {
            errors.push(Error::custom(
                "`#[migration_hooks]` goes on the migrator's trait impl: \
                 `#[migration_hooks] impl MigratorTrait for Migrator { ... }`",
            ));
            let mut out = crate::expand::written(errors);
            out.extend(input);
            return out;
        }
        Err(err) => {
            // The accumulator is finished on every path: darling panics if
            // one is dropped unfinished.
            let mut out = crate::expand::written(errors);
            out.extend(err.to_compile_error());
            out.extend(input);
            return out;
        }
    };
    let paths = PhasePaths::new(&options);
    let p = options.private();
    let cfgs: Vec<Attribute> = item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .cloned()
        .collect();

    let checked = check::check(&item, &options, &paths);
    let generated = checked
        .model
        .as_ref()
        .map(|model| codegen::hooks_impl(model, &p, &cfgs));
    let overrides = generated.is_some();
    if let Some(block_errors) = checked.block_errors {
        errors.push(block_errors);
    }
    let hook_errors = crate::codegen::hook_errors(checked.hook_errors);
    let errors = errors.finish().err().map(Error::write_errors);
    let item = codegen::split(item, &paths, &p, overrides);
    quote! {
        #item
        #generated
        #hook_errors
        #errors
    }
}

/// A phase attribute that `#[migration_hooks]` did not remove: outside such a
/// block, or not on a fn.
pub(crate) fn misplaced_phase(phase: &str, item: TokenStream) -> TokenStream {
    let message = match crate::expand::fn_name(&item) {
        Some(name) => format!(
            "hook `{name}`: `#[{phase}]` only works on a fn inside a \
             `#[migration_hooks] impl MigratorTrait for Migrator {{ ... }}` block; add \
             `#[migration_hooks]` to the migrator's impl block and move the fn there"
        ),
        None => format!(
            "`#[{phase}]` marks a migration hook, and this is not a fn: hooks are fns inside a \
             `#[migration_hooks] impl MigratorTrait for Migrator {{ ... }}` block"
        ),
    };
    let mut out = syn::Error::new(Span::call_site(), message).to_compile_error();
    out.extend(item);
    out
}
