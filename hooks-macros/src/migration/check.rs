//! Validate: what is legal in a `#[migration_hooks]` block. Turns the parsed
//! hooks into the model codegen emits from, with every mistake reported at
//! its token. Shapes are checked here (no receiver, at most two parameters,
//! `&` then `&mut`, no generics); types by the compiler, through the runtime's
//! checking traits.

use darling::Error;
use syn::ext::IdentExt;
use syn::{
    FnArg, GenericParam, Ident, ImplItem, ItemImpl, ReturnType, Safety, Type, TypeReference,
};

use super::ast::{BlockOptions, HookDecl, PhasePaths, hook_decls, is_hook};
use super::phase::Phase;
use crate::ast::{Cfg, CfgError};

/// The hooks of one migrator, ready for codegen.
pub(crate) struct Model<'a> {
    pub self_ty: &'a Type,
    pub state: Option<&'a Type>,
    /// Ordered as they run: by phase, then `priority`, then declaration order.
    pub hooks: Vec<Hook<'a>>,
}

pub(crate) struct Hook<'a> {
    pub ident: &'a Ident,
    /// The fn's name without `r#`, for errors.
    pub name: String,
    pub phase: Phase,
    pub is_async: bool,
    /// `None` when the hook returns `()`.
    pub output: Option<&'a Type>,
    pub cfg: Cfg,
    /// `T` of the `&T` parameter (the plan, step, failure or summary).
    pub info: Option<&'a Type>,
    /// `T` of the `&mut T` parameter (the context).
    pub context: Option<&'a Type>,
}

impl<'a> Model<'a> {
    pub(crate) fn hooks_of(&self, phase: Phase) -> impl Iterator<Item = &Hook<'a>> {
        self.hooks.iter().filter(move |h| h.phase == phase)
    }
}

pub(crate) struct Checked<'a> {
    pub model: Option<Model<'a>>,
    pub block_errors: Option<Error>,
    pub hook_errors: Vec<CfgError>,
}

/// The `MigratorTrait` methods `#[migration_hooks]` writes.
pub(crate) const GENERATED: [&str; 5] = ["up", "down", "fresh", "refresh", "reset"];

/// Every `MigratorTrait` method: a hook leaves the trait impl for an inherent
/// one, where one of these names would shadow the trait's method.
const TRAIT_METHODS: [&str; 19] = [
    "migrations",
    "migration_table_name",
    "get_migration_files",
    "get_migration_models",
    "get_migration_with_status",
    "get_pending_migrations",
    "get_applied_migrations",
    "get_migration_with_status_read_only",
    "get_pending_migrations_read_only",
    "get_applied_migrations_read_only",
    "install",
    "status",
    "fresh",
    "refresh",
    "reset",
    "uninstall",
    "up",
    "down",
    "migration_hooks",
];

/// Checks a `#[migration_hooks]` block, reporting every mistake at once.
pub(crate) fn check<'a>(
    item: &'a ItemImpl,
    options: &'a BlockOptions,
    paths: &PhasePaths<'_>,
) -> Checked<'a> {
    let mut errors = Error::accumulator();
    if item.trait_.is_none() {
        errors.push(
            Error::custom(
                "`#[migration_hooks]` goes on the migrator's trait impl: \
                 `#[migration_hooks] impl MigratorTrait for Migrator { ... }`",
            )
            .with_span(&item.self_ty),
        );
    }
    if !item.generics.params.is_empty() {
        errors.push(
            Error::custom(
                "a `#[migration_hooks]` block cannot be generic: write it for one migrator type",
            )
            .with_span(&item.generics.params),
        );
    }
    for impl_item in &item.items {
        if let ImplItem::Fn(func) = impl_item
            && !is_hook(func, paths)
        {
            let name = func.sig.ident.unraw().to_string();
            if GENERATED.contains(&name.as_str()) {
                errors.push(
                    Error::custom(format!(
                        "`#[migration_hooks]` writes `{name}` for this migrator, to run the hooks \
                         around each migration; remove this one"
                    ))
                    .with_span(&func.sig.ident),
                );
            }
        }
    }

    let mut hook_errors = Vec::new();
    let decls = hook_decls(item, paths, &mut hook_errors);
    report_repeated_phases(&decls, &mut hook_errors);
    let mut hooks: Vec<(usize, i32, Hook<'a>)> = decls
        .iter()
        .filter_map(|decl| {
            let hook = check_hook(decl, &mut hook_errors)?;
            Some((decl.position, decl.priority, hook))
        })
        .collect();
    hooks.sort_by_key(|(position, priority, hook)| (hook.phase, *priority, *position));

    let block_errors = errors.finish().err();
    Checked {
        model: block_errors.is_none().then(|| Model {
            self_ty: &item.self_ty,
            state: options.state.as_ref(),
            hooks: hooks.into_iter().map(|(_, _, hook)| hook).collect(),
        }),
        block_errors,
        hook_errors,
    }
}

fn report_repeated_phases(decls: &[HookDecl<'_>], errors: &mut Vec<CfgError>) {
    for (i, decl) in decls.iter().enumerate() {
        if decls[..i]
            .iter()
            .any(|d| d.position == decl.position && d.phase == decl.phase)
        {
            errors.push(CfgError {
                cfg: decl.cfg.clone(),
                error: Error::custom(format!(
                    "`{}` is already a `{}` hook; remove this attribute",
                    decl.func.sig.ident.unraw(),
                    decl.phase.name()
                ))
                .with_span(&decl.path),
            });
        }
    }
}

fn check_hook<'a>(decl: &HookDecl<'a>, all_errors: &mut Vec<CfgError>) -> Option<Hook<'a>> {
    let sig = &decl.func.sig;
    let phase = decl.phase;
    let name = sig.ident.unraw().to_string();
    let fail = |node: &dyn quote::ToTokens, what: &str| {
        Error::custom(format!("hook `{name}`: {what}")).with_span(&node.to_token_stream())
    };
    let mut errors = Error::accumulator();

    if TRAIT_METHODS.contains(&name.as_str()) {
        errors.push(fail(
            &sig.ident,
            "a migration hook cannot be named like a `MigratorTrait` method; rename the fn",
        ));
    }
    if let Safety::Unsafe(token) = &sig.safety {
        errors.push(fail(token, "a hook cannot be an `unsafe fn`"));
    }
    if let Some(abi) = &sig.abi {
        errors.push(fail(abi, "a hook cannot have an `extern` ABI"));
    }
    if let Some(variadic) = &sig.variadic {
        errors.push(fail(variadic, "a hook cannot be variadic"));
    }
    for param in &sig.generics.params {
        match param {
            GenericParam::Lifetime(l) if l.lifetime.ident == "async_trait" => {
                errors.push(fail(
                    &l.lifetime,
                    "`#[async_trait]` rewrote this hook before `#[migration_hooks]` saw it; \
                     write `#[migration_hooks]` above `#[async_trait]` (or leave \
                     `#[async_trait]` out: `#[migration_hooks]` adds it)",
                ));
            }
            GenericParam::Lifetime(_) => {}
            other => errors.push(fail(
                other,
                "a migration hook cannot be generic over types or constants",
            )),
        }
    }

    let mut info = None;
    let mut context = None;
    for (index, input) in sig.inputs.iter().enumerate() {
        if !decl.param_cfgs[index].is_always() {
            errors.push(fail(
                input,
                "a migration hook parameter cannot carry `#[cfg]`; put the `#[cfg]` on the hook",
            ));
            continue;
        }
        let pat = match input {
            FnArg::Receiver(receiver) => {
                errors.push(fail(
                    receiver,
                    &format!(
                        "migration hooks take no `self`, as `MigratorTrait` has none; {}",
                        phase.expects()
                    ),
                ));
                continue;
            }
            FnArg::Typed(pat) => pat,
        };
        let Type::Reference(reference) = &*pat.ty else {
            errors.push(fail(
                &pat.ty,
                &format!("takes this parameter by value; {}", phase.expects()),
            ));
            continue;
        };
        match shape(reference) {
            Shape::Info if info.is_some() || context.is_some() => errors.push(fail(
                &pat.ty,
                &format!(
                    "one parameter too many, or out of order; {}",
                    phase.expects()
                ),
            )),
            Shape::Info => info = Some(&*reference.elem),
            Shape::Context if context.is_some() => errors.push(fail(
                &pat.ty,
                &format!("one parameter too many; {}", phase.expects()),
            )),
            Shape::Context => context = Some(&*reference.elem),
            Shape::MutInfo(what) => errors.push(fail(
                &pat.ty,
                &format!("the `{what}` is read-only: write `&{what}`"),
            )),
            Shape::SharedContext => errors.push(fail(
                &pat.ty,
                "the context gives write access to the run's state: write \
                 `&mut MigrationContext<'_, S>`",
            )),
        }
    }

    let output = match &sig.output {
        ReturnType::Default => None,
        ReturnType::Type(_, ty) if matches!(&**ty, Type::Tuple(t) if t.elems.is_empty()) => None,
        ReturnType::Type(_, ty) => Some(&**ty),
    };

    if let Err(error) = errors.finish() {
        all_errors.push(CfgError {
            cfg: decl.cfg.clone(),
            error,
        });
        return None;
    }
    Some(Hook {
        ident: &sig.ident,
        name,
        phase,
        is_async: sig.asyncness.is_some(),
        output,
        cfg: decl.cfg.clone(),
        info,
        context,
    })
}

/// How a reference parameter looks.
enum Shape {
    /// `&T`: the phase's plan, step, failure or summary.
    Info,
    /// `&mut T`: the context.
    Context,
    /// `&mut MigrationStep` and the like: `mut` where it cannot be.
    MutInfo(&'static str),
    /// `&MigrationContext`: `mut` missing.
    SharedContext,
}

fn shape(reference: &TypeReference) -> Shape {
    let last = match &*reference.elem {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    };
    let info = [
        "MigrationPlan",
        "MigrationStep",
        "MigrationFailure",
        "RunSummary",
    ]
    .into_iter()
    .find(|info| last.as_deref() == Some(*info));
    match (reference.mutability.is_some(), info) {
        (true, Some(info)) => Shape::MutInfo(info),
        (true, None) => Shape::Context,
        (false, _) if last.as_deref() == Some("MigrationContext") => Shape::SharedContext,
        (false, _) => Shape::Info,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn messages(item: &ItemImpl) -> Vec<String> {
        let options = BlockOptions::default();
        let paths = PhasePaths::new(&options);
        let checked = check(item, &options, &paths);
        let mut out: Vec<String> = checked
            .block_errors
            .into_iter()
            .flat_map(|e| e.into_iter().map(|e| e.to_string()).collect::<Vec<_>>())
            .collect();
        out.extend(checked.hook_errors.into_iter().map(|e| e.error.to_string()));
        out
    }

    #[test]
    fn orders_hooks_by_phase_priority_and_declaration() {
        let item: ItemImpl = parse_quote! {
            impl MigratorTrait for Migrator {
                #[after_run]
                fn a() {}
                #[before_migration(priority = 5)]
                async fn b(step: &MigrationStep) -> HookResult { Ok(()) }
                #[before_migration]
                fn c(step: &MigrationStep, cx: &mut MigrationContext<'_, S>) {}
                #[before_run]
                fn d(cx: &mut MigrationContext<'_>) {}
            }
        };
        let options = BlockOptions::default();
        let paths = PhasePaths::new(&options);
        let model = check(&item, &options, &paths).model.unwrap();
        let order: Vec<(&str, Phase, bool, bool)> = model
            .hooks
            .iter()
            .map(|h| {
                (
                    h.name.as_str(),
                    h.phase,
                    h.info.is_some(),
                    h.context.is_some(),
                )
            })
            .collect();
        assert_eq!(
            order,
            [
                ("d", Phase::BeforeRun, false, true),
                ("c", Phase::BeforeMigration, true, true),
                ("b", Phase::BeforeMigration, true, false),
                ("a", Phase::AfterRun, false, false),
            ]
        );
    }

    #[test]
    fn reports_every_shape_mistake() {
        let item: ItemImpl = parse_quote! {
            impl MigratorTrait for Migrator {
                fn up() {}
                #[before_run]
                fn a(&self) {}
                #[before_migration]
                fn b(step: MigrationStep) {}
                #[after_migration]
                fn c(cx: &mut MigrationContext<'_>, step: &MigrationStep) {}
                #[on_migration_error]
                fn d(failure: &mut MigrationFailure) {}
                #[after_run]
                fn e<T>(summary: &RunSummary) {}
                #[after_run]
                fn install() {}
            }
        };
        let messages = messages(&item);
        assert_eq!(messages.len(), 7, "{messages:#?}");
        assert!(messages[0].starts_with("`#[migration_hooks]` writes `up`"));
        assert!(messages[1].contains("take no `self`"));
        assert!(messages[2].contains("by value"));
        assert!(messages[3].contains("out of order"));
        assert!(messages[4].contains("read-only"));
        assert!(messages[5].contains("cannot be generic"));
        assert!(messages[6].contains("named like a `MigratorTrait` method"));
    }

    #[test]
    fn an_inherent_block_is_refused() {
        let item: ItemImpl = parse_quote! {
            impl Migrator {}
        };
        assert!(messages(&item)[0].contains("goes on the migrator's trait impl"));
    }
}
