//! Emit: what the macros generate. Works from the checked model and validates
//! nothing. Everything is reached through the runtime's hidden `__private`
//! module (`::hooks_orm::__private`, or the `crate = ...` path).

use proc_macro2::{Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Ident, Type};

use crate::ast::CfgError;
use crate::check::{Arg, Hook, HooksModel, Pass, Variant};
use crate::events::Event;

/// The generated locals, hygienic (`Span::mixed_site`): a user item of the
/// same name neither breaks nor captures them.
struct Locals {
    cx: Ident,
    err: Ident,
    kind: Ident,
    am: Ident,
    model: Ident,
    old: Ident,
    old_row: Ident,
    commit_hooks: Ident,
    range: Ident,
    span: Ident,
    output: Ident,
}

impl Locals {
    fn new() -> Locals {
        Locals {
            cx: local("__hooks_cx"),
            err: local("__hooks_err"),
            kind: local("__hooks_kind"),
            am: local("__hooks_am"),
            model: local("__hooks_model"),
            old: local("__hooks_old"),
            old_row: local("__hooks_old_row"),
            commit_hooks: local("__hooks_commit_hooks"),
            range: local("__hooks_range"),
            span: local("__hooks_span"),
            output: local("__hooks_output"),
        }
    }

    fn all(&self) -> [&Ident; 11] {
        [
            &self.range,
            &self.cx,
            &self.err,
            &self.kind,
            &self.am,
            &self.model,
            &self.old,
            &self.old_row,
            &self.commit_hooks,
            &self.span,
            &self.output,
        ]
    }
}

fn local(name: &str) -> Ident {
    Ident::new(name, Span::mixed_site())
}

/// A fn of each local's name, declared in the generated block. Hygiene does
/// not keep a pattern from resolving to a unit struct or a const of the same
/// name in the user's module (`struct __hooks_cx;` would turn a parameter into
/// a pattern match on it); a fn of that name, closer in scope, hides them, and
/// a fn is never a pattern, so each local stays a plain binding.
fn shadow_user_items(locals: &[&Ident]) -> TokenStream {
    locals
        .iter()
        .map(|local| quote!(#[allow(dead_code, non_snake_case)] fn #local() {}))
        .collect()
}

/// `impl HooksBlock<Model> for <Model as HooksTarget>::Model`: one method
/// per event that has hooks, each a sequence of direct calls.
///
/// The impl names the model through `HooksTarget`, which only
/// `#[derive(Hooked)]` implements: on any other type (a forgotten derive,
/// `impl Entity`), that one bound fails. Every token that mentions `Self`
/// carries the span of the block's type, so each use of the failed bound is
/// the same error at the same place, which the compiler reports once.
pub(crate) fn hooks_impl(model: &HooksModel<'_>, p: &TokenStream) -> TokenStream {
    let locals = Locals::new();
    let this = This::new(model.self_ty, p);
    let mut consts = Consts::of(model, p, &locals, &this, None);
    if !model.sets.is_empty() {
        consts = consts.with_sets(model, p);
    }
    let consts = consts.items(p);

    let methods = Event::ALL
        .into_iter()
        .filter(|event| model.hooks_of(*event).next().is_some() || !model.sets.is_empty())
        .map(|event| event_method(event, model, p, &locals, &this));
    let header = this.header(p);
    let shadows = shadow_user_items(&locals.all());
    quote! {
        const _: () = {
            #shadows

            #[automatically_derived]
            #header {
                type Itself = Self;
                #consts
                #(#methods)*
            }
        };
    }
}

/// `impl<M> HookSet<M> for Set`: the hooks of a `#[hook_set]` block, for any
/// model that meets their bounds.
pub(crate) fn set_impl(model: &HooksModel<'_>, p: &TokenStream) -> TokenStream {
    let locals = Locals::new();
    let this = This::set(model.self_ty, p);
    let generic = this
        .generic
        .clone()
        .expect("a set's `This` has a type parameter");
    let name = set_name(model.self_ty);
    let consts = Consts::of(model, p, &locals, &this, Some(&name)).items(p);
    let methods = Event::ALL
        .into_iter()
        .filter(|event| model.hooks_of(*event).next().is_some())
        .map(|event| event_method(event, model, p, &locals, &this));
    let to = &generic;
    let bounds = model.hooks.iter().flat_map(|hook| {
        let from = hook.generic;
        hook.bounds.iter().map(move |bound| match from {
            Some(from) => rename(bound.clone(), from, to),
            None => bound.clone(),
        })
    });
    let bounds: Vec<TokenStream> = bounds.chain(condition_bounds(model, &this, p)).collect();
    let self_ty = model.self_ty;
    let shadows = shadow_user_items(&locals.all());
    let generic = &this.model;
    quote! {
        const _: () = {
            #shadows

            #[automatically_derived]
            impl<#generic: #p::SetModel> #p::HookSet<#generic> for #self_ty
            where
                #(#bounds,)*
            {
                const NAME: &'static str = #name;
                #consts
                #(#methods)*
            }
        };
    }
}

/// The name of a set, as `hook_chain()` shows it: the type as written, e.g.
/// `Timestamps`.
fn set_name(self_ty: &Type) -> String {
    self_ty.to_token_stream().to_string().replace(' ', "")
}

/// The values of a block's consts, each `None` where the trait's default
/// holds.
struct Consts {
    old_row: Option<TokenStream>,
    commit_hooks: Option<TokenStream>,
    hook_chain: TokenStream,
    sync_save: Option<TokenStream>,
}

impl Consts {
    fn of(
        model: &HooksModel<'_>,
        p: &TokenStream,
        locals: &Locals,
        this: &This<'_>,
        set: Option<&str>,
    ) -> Consts {
        Consts {
            old_row: old_row_value(model, p, locals, this),
            commit_hooks: commit_hooks_value(model, locals),
            hook_chain: hook_chain_value(model, p, set),
            sync_save: sync_save_value(model),
        }
    }

    /// The entity's values combined with its sets': the old row if any hook
    /// takes it, commit hooks if any has them, sync if all are, and one chain
    /// in run order.
    fn with_sets(self, model: &HooksModel<'_>, p: &TokenStream) -> Consts {
        let self_ty = model.self_ty;
        let sets: Vec<TokenStream> = model
            .sets
            .iter()
            .map(|set| set_as_hook_set(set, &self_ty.to_token_stream(), p))
            .collect();
        let own_old_row = self.old_row.unwrap_or_else(|| quote!(#p::OldRow::Unused));
        let own_commit = self.commit_hooks.unwrap_or_else(|| quote!(false));
        let own_sync = self.sync_save.unwrap_or_else(|| quote!(true));
        let own_chain = self.hook_chain;
        Consts {
            old_row: Some(quote!({
                let own: #p::OldRow = #own_old_row;
                own #(.with(#sets::OLD_ROW, true))*
            })),
            commit_hooks: Some(quote!(#own_commit #(|| #sets::COMMIT_HOOKS)*)),
            hook_chain: quote!({
                const PARTS: &[&[#p::HookInfo]] = &[#(#sets::HOOK_CHAIN,)* #own_chain];
                const CHAIN: [#p::HookInfo; #p::chain_len(PARTS)] = #p::merge_chains(PARTS);
                &CHAIN
            }),
            sync_save: Some(quote!(#own_sync #(&& #sets::SYNC_SAVE)*)),
        }
    }

    /// The const items, leaving out those that keep the trait's default.
    fn items(self, p: &TokenStream) -> TokenStream {
        let Consts {
            old_row,
            commit_hooks,
            hook_chain,
            sync_save,
        } = self;
        let old_row = old_row.map(|value| quote!(const OLD_ROW: #p::OldRow = #value;));
        let commit_hooks = commit_hooks.map(|value| quote!(const COMMIT_HOOKS: bool = #value;));
        let sync_save = sync_save.map(|value| quote!(const SYNC_SAVE: bool = #value;));
        quote! {
            #old_row
            #commit_hooks
            const HOOK_CHAIN: &'static [#p::HookInfo] = #hook_chain;
            #sync_save
        }
    }
}

/// `Self` and the types made from it, spanned at the block's type.
struct This<'a> {
    self_ty: &'a Type,
    span: Span,
    /// `Self`: the model; in a hook set, its type parameter.
    model: TokenStream,
    /// `ActiveModelOf<Self>`.
    active_model: TokenStream,
    /// In a hook set: the impl's type parameter, the model.
    generic: Option<Ident>,
}

impl<'a> This<'a> {
    fn new(self_ty: &'a Type, p: &TokenStream) -> This<'a> {
        let span = self_ty.span();
        let p = respan(p.clone(), span);
        This {
            self_ty,
            span,
            model: quote_spanned!(span=> Self),
            active_model: quote_spanned!(span=> #p::ActiveModelOf<Self>),
            generic: None,
        }
    }

    /// A hook set's: the model is the impl's type parameter.
    fn set(self_ty: &'a Type, p: &TokenStream) -> This<'a> {
        let span = self_ty.span();
        let generic = local("__HooksModel");
        This {
            self_ty,
            span,
            model: quote!(#generic),
            active_model: quote!(#p::ActiveModelOf<#generic>),
            generic: Some(generic),
        }
    }

    /// A type of the user's hook, as the generated code writes it: named
    /// lifetimes erased, and in a hook set, the hook's type parameter
    /// renamed to the impl's.
    fn user_type(&self, ty: &Type, hook: &Hook<'_>) -> TokenStream {
        let erased = erase_lifetimes(ty);
        match (&self.generic, hook.generic) {
            (Some(to), Some(from)) => rename(erased, from, to),
            _ => erased,
        }
    }

    /// `impl HooksBlock<T> for <T as HooksTarget>::Model`. `T` as the trait's
    /// parameter keeps the impl local to the user's crate even where the
    /// projection fails.
    fn header(&self, p: &TokenStream) -> TokenStream {
        let (self_ty, span) = (self.self_ty, self.span);
        let p = respan(p.clone(), span);
        quote_spanned!(span=> impl #p::HooksBlock<#self_ty> for <#self_ty as #p::HooksTarget>::Model)
    }
}

/// Emitted when the block as a whole is wrong (a trait impl, generics), so
/// that `#[derive(Hooked)]` does not add "no `#[hooks]` block" to the errors.
pub(crate) fn fallback_impl(self_ty: &Type, p: &TokenStream) -> TokenStream {
    let header = This::new(self_ty, p).header(p);
    quote! {
        const _: () = {
            #header {
                type Itself = Self;
            }
        };
    }
}

/// The errors about single hooks, each compiled only where its hook is.
pub(crate) fn hook_errors(errors: Vec<CfgError>) -> TokenStream {
    errors
        .into_iter()
        .map(|CfgError { cfg, error }| {
            let error = error.write_errors();
            if cfg.is_always() {
                return error;
            }
            let cfg = cfg.attribute();
            quote! {
                #cfg
                const _: () = { #error };
            }
        })
        .collect()
}

/// `OLD_ROW`: which hooks take the row as it was, under their `cfg`s.
/// A parameter whose type decides between the old row and the context adds
/// its checking trait's `IS_ROW`. `None` when no hook takes it.
fn old_row_value(
    model: &HooksModel<'_>,
    p: &TokenStream,
    locals: &Locals,
    this: &This<'_>,
) -> Option<TokenStream> {
    let old_row = &locals.old_row;
    let mut uses = Vec::new();
    for hook in &model.hooks {
        let which = match hook.event {
            Event::BeforeUpdate => quote!(BeforeUpdate),
            Event::AfterUpdate => quote!(AfterUpdate),
            _ => continue,
        };
        if hook.event == Event::AfterUpdate && !hook.if_changed.is_empty() {
            let cfg = hook.cfg.attribute();
            uses.push(quote! {
                #cfg
                {
                    #old_row = #old_row.with(#p::OldRow::AfterUpdate, true);
                }
            });
        }
        let checks = checks(hook.event, p, Span::call_site());
        for variant in &hook.variants {
            for arg in variant.args.iter().filter(|a| a.pass.may_take_old_row()) {
                let taken = match (arg.pass, arg.ty) {
                    (Pass::OldRowOrContext, Some(ty)) => {
                        let ty = this.user_type(ty, hook);
                        let model = &this.model;
                        quote!(<#ty as #checks::OldRowOrContext<'_, #model>>::IS_ROW)
                    }
                    _ => quote!(true),
                };
                let cfg = hook.cfg.and(&variant.cfg).attribute();
                uses.push(quote! {
                    #cfg
                    {
                        #old_row = #old_row.with(#p::OldRow::#which, #taken);
                    }
                });
            }
        }
    }
    (!uses.is_empty()).then(|| {
        quote!({
            let mut #old_row = #p::OldRow::Unused;
            #(#uses)*
            #old_row
        })
    })
}

/// `COMMIT_HOOKS`: whether an `after_commit` or `after_rollback` hook is
/// compiled in. `None` when the block has none.
fn commit_hooks_value(model: &HooksModel<'_>, locals: &Locals) -> Option<TokenStream> {
    let flag = &locals.commit_hooks;
    let uses: Vec<TokenStream> = model
        .hooks
        .iter()
        .filter(|hook| matches!(hook.event, Event::AfterCommit | Event::AfterRollback))
        .map(|hook| {
            let cfg = hook.cfg.attribute();
            quote!(#cfg { #flag = true; })
        })
        .collect();
    (!uses.is_empty()).then(|| {
        quote!({
            let mut #flag = false;
            #(#uses)*
            #flag
        })
    })
}

/// `HOOK_CHAIN`: every hook, in run order, each under its `cfg`, with the
/// file and line of its name.
fn hook_chain_value(model: &HooksModel<'_>, p: &TokenStream, set: Option<&str>) -> TokenStream {
    let from_set = set.map(|set| quote!(.from_set(#set)));
    let entries = model.hooks.iter().map(|hook| {
        let cfg = hook.cfg.attribute();
        let event = hook_event(hook.event);
        let (name, priority, is_async) = (&hook.name, hook.priority, hook.is_async);
        let logs_errors = hook.logs_errors;
        // `line!()` and `file!()` spanned at the hook's name say where it is.
        let span = hook.ident.span();
        let line = quote_spanned!(span=> ::core::line!());
        let file = quote_spanned!(span=> ::core::file!());
        let conditions = if hook.if_changed.is_empty() && hook.when.is_none() {
            TokenStream::new()
        } else {
            let columns = hook.if_changed.iter().map(|c| c.unraw().to_string());
            let when = match &hook.when {
                Some(predicate) => {
                    let predicate = crate::text::predicate_text(predicate);
                    quote!(::core::option::Option::Some(#predicate))
                }
                None => quote!(::core::option::Option::None),
            };
            quote!(.with_conditions(&[#(#columns),*], #when))
        };
        quote! {
            #cfg
            #p::HookInfo::new(
                #p::HookEvent::#event,
                #name,
                #priority,
                #is_async,
                #logs_errors,
                #file,
                #line,
            )#conditions #from_set
        }
    });
    quote!(&[#(#entries),*])
}

/// The `HookEvent` variant of an event.
fn hook_event(event: Event) -> Ident {
    let camel: String = event
        .name()
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    Ident::new(&camel, Span::call_site())
}

/// `SYNC_SAVE`: `false` when an `async` hook of a save event is compiled in.
/// `None` (the default, `true`) when there is none.
fn sync_save_value(model: &HooksModel<'_>) -> Option<TokenStream> {
    let mut always_async = false;
    let mut cfgs = Vec::new();
    for hook in model.hooks.iter().filter(|hook| hook.is_async) {
        if !matches!(
            hook.event,
            Event::BeforeSave
                | Event::BeforeCreate
                | Event::BeforeUpdate
                | Event::AfterCreate
                | Event::AfterUpdate
                | Event::AfterSave
        ) {
            continue;
        }
        if hook.cfg.is_always() {
            always_async = true;
        } else {
            cfgs.push(hook.cfg.predicate());
        }
    }
    if always_async {
        return Some(quote!(false));
    }
    (!cfgs.is_empty()).then(|| quote!(true #(&& !::core::cfg!(#cfgs))*))
}

fn checks(event: Event, p: &TokenStream, span: Span) -> TokenStream {
    let module = event.ident(span);
    quote_spanned!(span=> #p::events::#module)
}

fn event_method(
    event: Event,
    model: &HooksModel<'_>,
    p: &TokenStream,
    locals: &Locals,
    this: &This<'_>,
) -> TokenStream {
    let method = event.ident(Span::call_site());
    let range = &locals.range;
    let calls: Vec<TokenStream> = if this.generic.is_some() {
        // A hook set's method runs its hooks of the priorities asked for.
        model
            .hooks_of(event)
            .map(|hook| {
                let calls = hook_calls(hook, p, locals, this);
                let priority = hook.priority;
                quote!(if #range.hold(#priority) { #calls })
            })
            .collect()
    } else if model.sets.is_empty() {
        model
            .hooks_of(event)
            .map(|hook| hook_calls(hook, p, locals, this))
            .collect()
    } else {
        with_sets(event, model, p, locals)
    };
    let awaits = model.hooks_of(event).any(|hook| hook.is_async)
        || (this.generic.is_none() && !model.sets.is_empty());
    let Locals {
        cx,
        kind,
        am,
        model,
        old,
        ..
    } = locals;
    let (this_model, this_am) = (&this.model, &this.active_model);
    let cx = quote!(#cx: &#p::HookContext<'_>);
    let kind = quote!(#kind: #p::WriteKind);
    let change = quote!(#am: &mut #this_am);
    let row = quote!(#model: &#this_model);
    let old = quote!(#old: ::core::option::Option<&#this_model>);
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
        Event::AfterCommit | Event::AfterRollback => {
            (quote!(#row, #kind, #cx), quote!(()), quote!(()))
        }
    };
    let params = if this.generic.is_some() {
        quote!(#range: #p::Priorities, #params)
    } else {
        params
    };
    // Lints the user cannot act on: `deprecated` (calling a deprecated hook is
    // the library's doing; the user sees the warning where they call it
    // themselves) and `unused_braces` (the braces that carry the span of a
    // hook's return type). `#[inline]`: codegen where the method is used (the
    // glue, generic over the connection), not in every crate that declares
    // hooks.
    let attrs = quote! {
        #[allow(unused_variables, unused_braces, deprecated)]
        #[inline]
    };
    // Nothing to await (every hook sync, no set's future): a plain fn, no
    // state machine to build and check.
    if !awaits {
        return quote! {
            #attrs
            fn #method(#params) -> impl ::core::future::Future<Output = #p::HookResult<#output>> + ::core::marker::Send {
                #p::run_now(|| -> #p::HookResult<#output> {
                    #(#calls)*
                    ::core::result::Result::Ok(#done)
                })
            }
        };
    }
    quote! {
        #attrs
        async fn #method(#params) -> #p::HookResult<#output> {
            #(#calls)*
            ::core::result::Result::Ok(#done)
        }
    }
}

/// An event of an entity with hook sets: the entity's own hooks in order,
/// and before each of them, each set's hooks of the priorities up to it. The
/// sets' hooks above the last of the entity's run at the end.
fn with_sets(
    event: Event,
    model: &HooksModel<'_>,
    p: &TokenStream,
    locals: &Locals,
) -> Vec<TokenStream> {
    let this = This::new(model.self_ty, p);
    let mut out = Vec::new();
    let mut after = i64::MIN;
    for hook in model.hooks_of(event) {
        let upto = i64::from(hook.priority);
        if upto > after {
            out.extend(set_calls(event, model, p, locals, after, upto));
            after = upto;
        }
        out.push(hook_calls(hook, p, locals, &this));
    }
    if after < i64::MAX {
        out.extend(set_calls(event, model, p, locals, after, i64::MAX));
    }
    out
}

/// Each attached set's method for `event`, for the priorities in `(after, upto]`.
fn set_calls(
    event: Event,
    model: &HooksModel<'_>,
    p: &TokenStream,
    locals: &Locals,
    after: i64,
    upto: i64,
) -> Vec<TokenStream> {
    let Locals {
        cx,
        kind,
        am,
        model: row,
        old,
        ..
    } = locals;
    let args = match event {
        Event::BeforeSave | Event::BeforeCreate => quote!(&mut *#am, #cx),
        Event::BeforeUpdate => quote!(&mut *#am, #old, #cx),
        Event::AfterUpdate => quote!(#row, #old, #cx),
        Event::AfterCommit | Event::AfterRollback => quote!(#row, #kind, #cx),
        _ => quote!(#row, #cx),
    };
    model
        .sets
        .iter()
        .map(|set| {
            let span = set_span(set);
            let set = set_as_hook_set(set, &quote!(Self), p);
            let p = respan(p.clone(), span);
            let method = event.ident(span);
            let (after, upto) = (bound(after), bound(upto));
            let call = quote_spanned! {span=>
                #set::#method(#p::Priorities::new(#after, #upto), #args).await?
            };
            if event == Event::BeforeDelete {
                quote! {
                    if let #p::DeleteDecision::KeptBy(by) = #call {
                        return ::core::result::Result::Ok(#p::DeleteDecision::KeptBy(by));
                    }
                }
            } else {
                quote!(#call;)
            }
        })
        .collect()
}

/// `<Set as HookSet<Model>>`, where a set is used. Every token that names the
/// set is located at the set's name ([`set_span`]), so that each use of a set
/// that does not fit the entity is the same error at the same place, which
/// rustc reports once.
fn set_as_hook_set(set: &syn::Path, model: &TokenStream, p: &TokenStream) -> TokenStream {
    let span = set_span(set);
    let set = relocate(set.to_token_stream(), span);
    let p = respan(p.clone(), span);
    quote_spanned!(span=> <#set as #p::HookSet<#model>>)
}

/// Where errors about an attached set point: its name, the path's last
/// segment (`SoftDelete` in `hook_sets::SoftDelete`).
fn set_span(set: &syn::Path) -> Span {
    set.segments
        .last()
        .map_or_else(|| set.span(), |segment| segment.ident.span())
}

/// `tokens` shown at `span`, each still resolved where it was written.
fn relocate(tokens: TokenStream, span: Span) -> TokenStream {
    map_spans(tokens, &|own: Span| own.located_at(span))
}

/// A bound of a range of priorities, as a literal or `i64::MIN` / `i64::MAX`.
fn bound(value: i64) -> TokenStream {
    match value {
        i64::MIN => quote!(::core::primitive::i64::MIN),
        i64::MAX => quote!(::core::primitive::i64::MAX),
        value => quote!(#value),
    }
}

/// The call of one hook: one per variant of its parameters, each under its
/// `cfg`, and under the hook's conditions.
fn hook_calls(hook: &Hook<'_>, p: &TokenStream, locals: &Locals, this: &This<'_>) -> TokenStream {
    let condition = condition(hook, p, locals, this);
    hook.variants
        .iter()
        .map(|variant| {
            let cfg = hook.cfg.and(&variant.cfg);
            let mut call = hook_call(hook, variant, p, locals, this);
            if let Some(condition) = &condition {
                call = quote!(if #condition { #call });
            }
            if cfg.is_always() {
                return call;
            }
            let cfg = cfg.attribute();
            quote!(#cfg { #call })
        })
        .collect()
}

/// `if_changed(..)` and `when = ..` as one `bool` expression; `None` for a
/// hook that always runs. Each column is read as a field, spanned at its
/// name, so a name the entity does not have is the compiler's "no field"
/// error there, with its suggestion of a close name.
fn condition(
    hook: &Hook<'_>,
    p: &TokenStream,
    locals: &Locals,
    this: &This<'_>,
) -> Option<TokenStream> {
    let Locals { am, model, old, .. } = locals;
    let mut parts = Vec::new();
    if !hook.if_changed.is_empty() {
        let columns = &hook.if_changed;
        let old_row = &locals.old_row;
        let changed: Vec<TokenStream> = columns
            .iter()
            .map(|column| {
                let span = column.span();
                match (hook.event.sees_change(), set_column(this, column, p)) {
                    (true, None) => quote_spanned!(span=> #p::in_change(&#am.#column)),
                    (false, None) => {
                        quote_spanned!(span=> #p::differs(&#model.#column, &#old_row.#column))
                    }
                    // In a hook set, through the column's `HasColumn` impl.
                    (true, Some(has)) => quote_spanned!(span=> #p::in_change(#has::change(#am))),
                    (false, Some(has)) => quote_spanned! {span=>
                        #p::differs(#has::value(#model), #has::value(#old_row))
                    },
                }
            })
            .collect();
        let name = &hook.name;
        parts.push(if hook.event.sees_change() {
            quote!((#(#changed)||*))
        } else {
            quote!({
                let #old_row = #p::old_row(#old, #name)?;
                #(#changed)||*
            })
        });
    }
    if let Some(predicate) = &hook.when {
        let span = predicate.span();
        // In a hook set, `when = is_live::<M>` names the hook's parameter.
        let path = match (&this.generic, hook.generic) {
            (Some(to), Some(from)) => rename(predicate.to_token_stream(), from, to),
            _ => predicate.to_token_stream(),
        };
        let p = respan(p.clone(), span);
        // The argument's type is named, so a predicate of the wrong type is
        // reported at the path, against the signature it should have.
        let (this_model, this_am) = (&this.model, &this.active_model);
        parts.push(if hook.event.sees_change() {
            quote_spanned!(span=> #p::when_change::<#this_am>(#path, &*#am))
        } else {
            quote_spanned!(span=> #p::when_row::<#this_model>(#path, #model))
        });
    }
    (!parts.is_empty()).then(|| quote!(#(#parts)&&*))
}

/// In a hook set: `<M as HasColumn<col!(column)>>`, how a condition reaches
/// the column of a model it does not know. `None` for an entity's own hooks.
fn set_column(this: &This<'_>, column: &Ident, p: &TokenStream) -> Option<TokenStream> {
    let generic = this.generic.as_ref()?;
    let col = crate::columns::col_type(column, p)?;
    Some(quote!(<#generic as #p::HasColumn<#col>>))
}

/// In a hook set: the bounds its conditions put on the model, that it has
/// the columns of `if_changed` (comparable, on `after_update`).
fn condition_bounds(model: &HooksModel<'_>, this: &This<'_>, p: &TokenStream) -> Vec<TokenStream> {
    let mut bounds = Vec::new();
    for hook in &model.hooks {
        for column in &hook.if_changed {
            let Some(has) = set_column(this, column, p) else {
                continue;
            };
            let span = column.span();
            let generic = &this.model;
            let col = crate::columns::col_type(column, p);
            bounds.push(quote_spanned!(span=> #generic: #p::HasColumn<#col>));
            if !hook.event.sees_change() {
                bounds.push(quote_spanned!(span=> #has::Value: ::core::cmp::PartialEq));
            }
        }
    }
    bounds
}

fn hook_call(
    hook: &Hook<'_>,
    variant: &Variant<'_>,
    p: &TokenStream,
    locals: &Locals,
    this: &This<'_>,
) -> TokenStream {
    let self_ty = this.self_ty;
    let ident = hook.ident;
    let args = variant
        .args
        .iter()
        .map(|arg| hook_arg(arg, hook, p, locals, this));
    // Spanned at the hook's name: an error about the call itself (an async
    // hook whose future is not `Send`) points at the hook.
    let span = ident.span();
    let turbofish = match (&this.generic, hook.generic) {
        (Some(generic), Some(_)) => quote!(::<#generic>),
        _ => TokenStream::new(),
    };
    let call = quote_spanned!(span=> <#self_ty>::#ident #turbofish(#(#args),*));
    // The hook's span (`HookSpan`, nothing without the `tracing` feature)
    // covers a sync hook's call and its outcome: `HookSpan::run` runs them in
    // it, or, with no subscriber, just runs them. An async hook's future is
    // instrumented with the span, and its outcome is handled in it.
    let (hook_span, output) = (&locals.span, &locals.output);
    let origin = origin(hook, locals);
    if hook.is_async {
        let p_at_hook = respan(p.clone(), span);
        let statement = hook_outcome(
            hook,
            quote!(#output),
            p,
            locals,
            |body| quote!(#p::HookSpan::within(&#hook_span, #body)),
        );
        quote! {{
            let #hook_span = #p::HookSpan::new(#origin);
            let #output = #p_at_hook::HookSpan::instrument(&#hook_span, #p_at_hook::send_hook(#call)).await;
            #statement
        }}
    } else {
        hook_outcome(
            hook,
            call,
            p,
            locals,
            |body| quote!(#p::HookSpan::run(#origin, #body)),
        )
    }
}

/// The hook's name and the context's event and entity, as `HookSpan` and
/// `finish` take them: values, not the context, which a reference would
/// keep in memory.
fn origin(hook: &Hook<'_>, locals: &Locals) -> TokenStream {
    let (name, cx) = (&hook.name, &locals.cx);
    quote!(#name, #cx.event(), #cx.entity())
}

/// What happens with a hook's output (`call`, the call itself or its
/// awaited output): the outcome is computed in a closure that `in_span`
/// runs in the hook's span, and the write goes on, stops, or keeps the row
/// by what it returns.
fn hook_outcome(
    hook: &Hook<'_>,
    call: TokenStream,
    p: &TokenStream,
    locals: &Locals,
    in_span: impl Fn(TokenStream) -> TokenStream,
) -> TokenStream {
    let (event, name, cx) = (hook.event, &hook.name, &locals.cx);
    let origin = origin(hook, locals);
    // Each closure returns a `HookResult`: an argument may be the old row,
    // which is `?`'d out of its `Option` (see `old_row`).
    let ok = quote!(#p::HookResult::<()>::Ok(()));
    // A hook that returns `()` cannot fail. `let ()` also keeps a
    // `#[must_use]` on the hook from warning about this call.
    let Some(output) = hook.output else {
        let run = in_span(quote!(|| { let () = #call; #ok }));
        return quote!(#run?;);
    };
    // A wrong return type fails the event's `Output` bound. The braces around
    // the call carry the span of the return type, so the error is reported
    // there and nowhere else.
    let span = output.span();
    let checks = checks(event, &respan(p.clone(), span), span);
    let result = quote_spanned!(span=> #checks::Output::into_result({ #call }));
    if event == Event::BeforeDelete {
        let run = in_span(quote!(|| #p::finish(#result, #origin)));
        quote! {
            if let #p::Deletion::Keep = #run? {
                return ::core::result::Result::Ok(#p::DeleteDecision::KeptBy(#name));
            }
        }
    } else if hook.logs_errors {
        let (model, err) = (&locals.model, &locals.err);
        let run = in_span(quote! {
            || {
                if let ::core::result::Result::Err(#err) = #p::finish_logged(#result, #origin) {
                    #p::log_hook_error(&#err, #model, #cx);
                }
                #ok
            }
        });
        quote!(#run?;)
    } else {
        let run = in_span(quote!(|| #p::finish(#result, #origin)));
        quote!(#run?;)
    }
}

/// The expression passed for one parameter. Typed parameters go through a
/// checking trait of the event, spanned at the user's type, so a wrong type
/// is reported there with a message about the hook's event.
fn hook_arg(
    arg: &Arg<'_>,
    hook: &Hook<'_>,
    p: &TokenStream,
    locals: &Locals,
    this: &This<'_>,
) -> TokenStream {
    let (event, name) = (hook.event, &hook.name);
    let Locals {
        cx,
        kind,
        am,
        model,
        old,
        ..
    } = locals;
    let (this_model, this_am) = (&this.model, &this.active_model);
    let Some(ty) = arg.ty else {
        return quote!(#model);
    };
    let span = ty.span();
    let checks = checks(event, &respan(p.clone(), span), span);
    let ty = this.user_type(ty, hook);
    let p = respan(p.clone(), span);
    match arg.pass {
        Pass::Change => quote_spanned! {span=>
            <#ty as #checks::ChangeParam<#this_am>>::cast(&mut *#am)
        },
        Pass::Row => quote_spanned! {span=>
            <#ty as #checks::RowParam<#this_model>>::cast(#model)
        },
        Pass::OldRow => quote_spanned! {span=>
            <#ty as #checks::OldRowParam<#this_model>>::cast(#p::old_row(#old, #name)?)
        },
        Pass::Context => quote_spanned! {span=>
            <#ty as #checks::ContextParam<'_>>::cast(#cx)
        },
        Pass::Write => quote_spanned! {span=>
            <#ty as #checks::WriteParam>::cast(#kind)
        },
        Pass::RowOrContext => quote_spanned! {span=>
            <#ty as #checks::RowOrContext<'_, #this_model>>::pick(#model, #cx)
        },
        Pass::OldRowOrContext => quote_spanned! {span=>
            <#ty as #checks::OldRowOrContext<'_, #this_model>>::pick(#old, #cx, #name)?
        },
    }
}

/// The user's type with every named lifetime replaced by `'_`: the hook's own
/// lifetime parameters do not exist in the generated method.
fn erase_lifetimes(ty: &Type) -> TokenStream {
    fn erase(tokens: TokenStream) -> TokenStream {
        let mut out = Vec::new();
        let mut after_quote = false;
        for token in tokens {
            let token = match token {
                TokenTree::Group(group) => {
                    let mut erased = Group::new(group.delimiter(), erase(group.stream()));
                    erased.set_span(group.span());
                    TokenTree::Group(erased)
                }
                TokenTree::Ident(ident) if after_quote && ident != "static" => {
                    TokenTree::Ident(Ident::new("_", ident.span()))
                }
                other => other,
            };
            after_quote = matches!(&token, TokenTree::Punct(p) if p.as_char() == '\'');
            out.push(token);
        }
        out.into_iter().collect()
    }
    erase(ty.to_token_stream())
}

/// `tokens` with the ident `from` replaced by `to`, also inside groups.
fn rename(tokens: TokenStream, from: &Ident, to: &Ident) -> TokenStream {
    tokens
        .into_iter()
        .map(|token| match token {
            TokenTree::Group(group) => {
                let mut renamed = Group::new(group.delimiter(), rename(group.stream(), from, to));
                renamed.set_span(group.span());
                TokenTree::Group(renamed)
            }
            TokenTree::Ident(ident) if ident == *from => TokenTree::Ident(to.clone()),
            other => other,
        })
        .collect()
}

/// `tokens` with every span set to `span`.
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    map_spans(tokens, &|_| span)
}

/// `tokens` with each span, groups' included, replaced by `new(span)`.
fn map_spans(tokens: TokenStream, new: &impl Fn(Span) -> Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut inner = Group::new(group.delimiter(), map_spans(group.stream(), new));
                inner.set_span(new(group.span()));
                token = TokenTree::Group(inner);
            } else {
                token.set_span(new(token.span()));
            }
            token
        })
        .collect()
}

/// What `#[derive(Hooked)]` emits: the `HooksTarget` marker that lets a
/// `#[hooks]` block attach to the model, and `impl ActiveModelBehavior for
/// ActiveModel`, delegating to the runtime.
pub(crate) fn behavior_impl(model: &Ident, p: &TokenStream) -> TokenStream {
    let orm = quote!(#p::sea_orm);
    // The model as the compiler found its `#[hooks]` block: without one, this
    // projection fails once, at the model's name, and every use of it is quiet.
    let span = model.span();
    let hooked = {
        let p = respan(p.clone(), span);
        quote_spanned!(span=> <#model as #p::HooksBlock<#model>>::Itself)
    };
    let result = quote!(::core::result::Result);
    let (db, insert, row) = (
        local("__hooks_db"),
        local("__hooks_insert"),
        local("__hooks_row"),
    );
    let shadows = shadow_user_items(&[&db, &insert, &row]);
    quote! {
        const _: () = {
            #shadows

            #[automatically_derived]
            impl #p::HooksTarget for #model {
                type Model = Self;
            }

            // `async_trait`'s signatures, written out: each method boxes the
            // runtime's future as it is (the runtime's `before_save` and
            // `after_save` box their own, of the size the entity needs), where
            // an `async fn` would wrap it in one more future and move both
            // into the box.
            #[automatically_derived]
            impl #orm::ActiveModelBehavior for ActiveModel {
                fn before_save<'life0, 'async_trait, C>(
                    self,
                    #db: &'life0 C,
                    #insert: bool,
                ) -> #p::BoxFuture<'async_trait, #result<Self, #orm::DbErr>>
                where
                    C: #orm::ConnectionTrait + 'async_trait,
                    'life0: 'async_trait,
                    Self: 'async_trait,
                {
                    #p::before_save::<#hooked, C>(self, #db, #insert)
                }

                fn after_save<'life0, 'async_trait, C>(
                    #row: <<Self as #orm::ActiveModelTrait>::Entity as #orm::EntityTrait>::Model,
                    #db: &'life0 C,
                    #insert: bool,
                ) -> #p::BoxFuture<
                    'async_trait,
                    #result<<<Self as #orm::ActiveModelTrait>::Entity as #orm::EntityTrait>::Model, #orm::DbErr>,
                >
                where
                    C: #orm::ConnectionTrait + 'async_trait,
                    'life0: 'async_trait,
                {
                    #p::after_save::<#hooked, C>(#row, #db, #insert)
                }

                fn before_delete<'life0, 'async_trait, C>(
                    self,
                    #db: &'life0 C,
                ) -> #p::BoxFuture<'async_trait, #result<Self, #orm::DbErr>>
                where
                    C: #orm::ConnectionTrait + 'async_trait,
                    'life0: 'async_trait,
                    Self: 'async_trait,
                {
                    #p::before_delete::<#hooked, C>(self, #db)
                }

                fn after_delete<'life0, 'async_trait, C>(
                    self,
                    #db: &'life0 C,
                ) -> #p::BoxFuture<'async_trait, #result<Self, #orm::DbErr>>
                where
                    C: #orm::ConnectionTrait + 'async_trait,
                    'life0: 'async_trait,
                    Self: 'async_trait,
                {
                    #p::after_delete::<#hooked, C>(self, #db)
                }
            }
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Cfg;
    use syn::parse_quote;

    #[test]
    fn erases_named_lifetimes_but_not_static() {
        let ty: Type = parse_quote!(HookContext<'a>);
        assert_eq!(erase_lifetimes(&ty).to_string(), "HookContext < '_ >");
        let ty: Type = parse_quote!(Wrapper<'a, 'static, &'b Model>);
        assert_eq!(
            erase_lifetimes(&ty).to_string(),
            "Wrapper < '_ , 'static , & '_ Model >"
        );
    }

    #[test]
    fn an_unconditional_hook_error_is_emitted_as_is() {
        let errors = vec![CfgError {
            cfg: Cfg::default(),
            error: darling::Error::custom("boom"),
        }];
        let out = hook_errors(errors).to_string();
        assert!(out.contains("compile_error"), "{out}");
        assert!(!out.contains("cfg"), "{out}");
    }
}
