//! Parse: what a migration hook is. Finds the phase attributes in a
//! `#[migration_hooks]` block (also inside `cfg_attr`), the `cfg` each hook
//! lives under, and the options of the block and of each attribute.

use darling::{Error, FromMeta};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{ImplItem, ImplItemFn, ItemImpl, MacroDelimiter, Meta, Path, Type};

use super::phase::Phase;
use crate::ast::{
    Cfg, CfgError, EventOptions, Found, Recognise, delimiter_span, misplaced_in_block,
    names_ours_in, param_attrs, scan,
};

/// The arguments of `#[migration_hooks(...)]`.
#[derive(Default, FromMeta)]
pub(crate) struct BlockOptions {
    /// `crate = "path"`: where `hooks-orm` is, for a renamed dependency.
    #[darling(default, rename = "crate")]
    pub krate: Option<Path>,
    /// `state = Type`: what the hooks of one run share.
    #[darling(default)]
    pub state: Option<Type>,
}

impl BlockOptions {
    /// The path generated code reaches the runtime through.
    pub(crate) fn private(&self) -> TokenStream {
        match &self.krate {
            Some(krate) => quote!(#krate::__private::migration),
            None => quote!(::hooks_orm::__private::migration),
        }
    }
}

/// Recognises the phase attributes: `before_run`,
/// `hooks_orm::migration::before_run`, `hooks_orm::migration::prelude::before_run`,
/// and the same under the block's `crate = ...`. Any other path is left to the
/// compiler.
pub(crate) struct PhasePaths<'a> {
    krate: Option<&'a Path>,
}

impl<'a> PhasePaths<'a> {
    pub(crate) fn new(options: &'a BlockOptions) -> Self {
        PhasePaths {
            krate: options.krate.as_ref(),
        }
    }
}

impl Recognise for PhasePaths<'_> {
    type Event = Phase;

    const HOOK: &'static str = "migration hook fn";
    const MACRO_INVOCATION: &'static str = "a macro invocation; `#[migration_hooks]` reads the \
         fns written out in the block, so write the hook as a fn here";

    fn name(phase: Phase) -> &'static str {
        phase.name()
    }

    fn recognise(&self, path: &Path) -> Option<Phase> {
        let last = path.segments.last()?;
        let phase = Phase::from_name(&last.ident.to_string())?;
        if !last.arguments.is_none() {
            return None;
        }
        names_ours_in(path, self.krate, &["migration"]).then_some(phase)
    }
}

/// One phase attribute on one fn of the block.
pub(crate) struct HookDecl<'a> {
    pub func: &'a ImplItemFn,
    pub phase: Phase,
    /// The attribute's path, to point errors at.
    pub path: Path,
    pub priority: i32,
    /// Position of the fn in the block: ties in priority run in declaration order.
    pub position: usize,
    /// When the hook exists: the fn's own `cfg`s and those of any `cfg_attr`
    /// the phase attribute sits in.
    pub cfg: Cfg,
    /// One entry per parameter: the `cfg` it is compiled under.
    pub param_cfgs: Vec<Cfg>,
}

/// Every phase attribute of the block, in declaration order. Errors about one
/// hook go to `errors` under that hook's `cfg`.
pub(crate) fn hook_decls<'a>(
    item: &'a ItemImpl,
    paths: &PhasePaths<'_>,
    errors: &mut Vec<CfgError>,
) -> Vec<HookDecl<'a>> {
    let mut decls = Vec::new();
    for (position, impl_item) in item.items.iter().enumerate() {
        let ImplItem::Fn(func) = impl_item else {
            misplaced_in_block(impl_item, paths, errors);
            continue;
        };
        let (presence, found) = scan(&func.attrs, paths);
        let param_cfgs: Vec<Cfg> = func
            .sig
            .inputs
            .iter()
            .map(|input| scan(param_attrs(input), paths).0)
            .collect();
        for Found { event, meta, cfg } in found {
            let cfg = presence.and(&cfg);
            match phase_options(event, &meta) {
                Ok(options) => decls.push(HookDecl {
                    func,
                    phase: event,
                    path: meta.path().clone(),
                    priority: options.priority.0,
                    position,
                    cfg,
                    param_cfgs: param_cfgs.clone(),
                }),
                Err(error) => errors.push(CfgError { cfg, error }),
            }
        }
    }
    decls
}

/// Whether the fn carries a phase attribute (under any `cfg`).
pub(crate) fn is_hook(func: &ImplItemFn, paths: &PhasePaths<'_>) -> bool {
    !scan(&func.attrs, paths).1.is_empty()
}

fn phase_options(phase: Phase, meta: &Meta) -> darling::Result<EventOptions> {
    let name = phase.name();
    let in_parens = || {
        Error::custom(format!(
            "write the options of `#[{name}]` in parentheses: `#[{name}(priority = 10)]`"
        ))
    };
    match meta {
        Meta::Path(_) => Ok(EventOptions::default()),
        Meta::List(list) if !matches!(list.delimiter, MacroDelimiter::Paren(_)) => {
            Err(in_parens().with_span(&delimiter_span(list)))
        }
        Meta::List(list) if list.tokens.is_empty() => Ok(EventOptions::default()),
        meta @ Meta::List(_) => EventOptions::from_meta(meta),
        Meta::NameValue(nv) => Err(in_parens().with_span(nv)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    /// Each hook's phase, priority, position and `cfg`.
    type Decls = Vec<(Phase, i32, usize, String)>;

    fn decls(item: &ItemImpl) -> Result<Decls, Vec<String>> {
        let options = BlockOptions::default();
        let paths = PhasePaths::new(&options);
        let mut errors = Vec::new();
        let found = hook_decls(item, &paths, &mut errors)
            .into_iter()
            .map(|d| {
                (
                    d.phase,
                    d.priority,
                    d.position,
                    d.cfg.attribute().to_string(),
                )
            })
            .collect();
        if errors.is_empty() {
            Ok(found)
        } else {
            Err(errors.into_iter().map(|e| e.error.to_string()).collect())
        }
    }

    #[test]
    fn finds_phase_attributes_by_path_with_options_and_cfg() {
        let item: ItemImpl = parse_quote! {
            impl MigratorTrait for Migrator {
                fn migrations() -> Vec<Box<dyn MigrationTrait>> { vec![] }
                #[before_run]
                fn a() {}
                #[hooks_orm::migration::after_migration(priority = -3)]
                #[cfg_attr(test, hooks_orm::migration::prelude::after_run)]
                fn b() {}
                #[cfg(feature = "x")]
                #[on_migration_error]
                fn c() {}
                #[other::before_run]
                #[hooks_orm::before_run]
                #[before_create]
                fn d() {}
            }
        };
        assert_eq!(
            decls(&item).unwrap(),
            vec![
                (Phase::BeforeRun, 0, 1, String::new()),
                (Phase::AfterMigration, -3, 2, String::new()),
                (Phase::AfterRun, 0, 2, "# [cfg (all (test))]".to_owned()),
                (
                    Phase::OnMigrationError,
                    0,
                    3,
                    "# [cfg (all (feature = \"x\"))]".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn rejects_bad_options_and_misplaced_attributes() {
        let item: ItemImpl = parse_quote! {
            impl MigratorTrait for Migrator {
                #[before_run(priorty = 1)]
                fn a() {}
                #[after_run = 1]
                fn b() {}
                #[before_migration]
                const X: i32 = 1;
            }
        };
        let messages = decls(&item).unwrap_err();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("Did you mean `priority`?"));
        assert!(messages[1].starts_with("write the options of `#[after_run]` in parentheses"));
        assert!(messages[2].starts_with("`#[before_migration]` marks a migration hook fn"));
    }
}
