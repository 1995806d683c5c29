//! Parse: what a hook is. Finds the event attributes in a `#[hooks]` block
//! (also inside `cfg_attr`), the `cfg` predicates a hook and its parameters
//! live under, and the attribute options; says nothing yet about whether a
//! hook's signature fits its event.

use darling::{Error, FromMeta, Result};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned as _;
use syn::{
    Attribute, Expr, ExprLit, ExprUnary, FnArg, ImplItem, ImplItemFn, ItemImpl, Lit,
    MacroDelimiter, Meta, MetaList, Path, Token, UnOp,
};

use crate::events::Event;

/// The arguments of `#[hooks(...)]` and of `#[hooked(...)]` on the `Model`.
#[derive(Default, FromMeta)]
pub(crate) struct CrateOption {
    /// `crate = "path"`: where `hooks-orm` is, for a renamed dependency.
    #[darling(default, rename = "crate")]
    pub krate: Option<Path>,
}

/// The arguments of `#[hooks(...)]`: `crate = "path"` and `sets(A, b::B)`.
#[derive(Default, FromMeta)]
pub(crate) struct HooksOptions {
    #[darling(default, rename = "crate")]
    pub krate: Option<Path>,
    #[darling(default)]
    pub sets: Option<darling::util::PathList>,
}

impl HooksOptions {
    pub(crate) fn crate_option(&self) -> CrateOption {
        CrateOption {
            krate: self.krate.clone(),
        }
    }
}

impl CrateOption {
    /// The path generated code reaches the runtime through.
    pub(crate) fn private(&self) -> TokenStream {
        match &self.krate {
            Some(krate) => quote!(#krate::__private),
            None => quote!(::hooks_orm::__private),
        }
    }
}

/// The `cfg` predicates something is compiled under; empty when unconditional.
#[derive(Clone, Default)]
pub(crate) struct Cfg(Vec<TokenStream>);

impl Cfg {
    pub(crate) fn and(&self, other: &Cfg) -> Cfg {
        Cfg(self.0.iter().chain(&other.0).cloned().collect())
    }

    pub(crate) fn with(&self, predicate: TokenStream) -> Cfg {
        let mut out = self.clone();
        out.0.push(predicate);
        out
    }

    /// `all(...)` of the predicates.
    pub(crate) fn predicate(&self) -> TokenStream {
        let predicates = &self.0;
        quote!(all(#(#predicates),*))
    }

    pub(crate) fn is_always(&self) -> bool {
        self.0.is_empty()
    }

    /// `#[cfg(all(...))]`, or nothing for an unconditional item.
    pub(crate) fn attribute(&self) -> TokenStream {
        if self.0.is_empty() {
            return TokenStream::new();
        }
        let predicates = &self.0;
        quote!(#[cfg(all(#(#predicates),*))])
    }
}

/// One event attribute on one fn of the `#[hooks]` block.
pub(crate) struct HookDecl<'a> {
    pub func: &'a ImplItemFn,
    pub event: Event,
    /// The attribute's path, to point errors at.
    pub path: Path,
    pub options: EventOptions,
    /// Position of the fn in the block: ties in priority run in declaration order.
    pub position: usize,
    /// When the hook exists: the fn's own `cfg`s and those of any `cfg_attr`
    /// the event attribute sits in.
    pub cfg: Cfg,
    /// One entry per parameter: the `cfg` it is compiled under.
    pub param_cfgs: Vec<Cfg>,
}

/// A parse error about one hook, reported only when the hook is compiled.
pub(crate) struct CfgError {
    pub cfg: Cfg,
    pub error: Error,
}

/// The options of an event attribute: `#[before_delete(priority = -10)]`,
/// `#[after_save(on_error = "log")]`, `#[before_update(if_changed(email))]`,
/// `#[after_create(when = is_admin)]`.
#[derive(Default, FromMeta)]
pub(crate) struct EventOptions {
    #[darling(default)]
    pub priority: Priority,
    #[darling(default)]
    pub on_error: Option<Spanned<OnError>>,
    #[darling(default)]
    pub if_changed: Option<IfChanged>,
    #[darling(default)]
    pub when: Option<When>,
}

/// `when = path::to::predicate` or `when = |row| ..`: a path or a closure.
#[derive(Clone)]
pub(crate) struct When(pub Expr);

impl FromMeta for When {
    fn from_expr(expr: &Expr) -> Result<Self> {
        match expr {
            Expr::Path(path) if path.attrs.is_empty() && path.qself.is_none() => {
                Ok(When(expr.clone()))
            }
            Expr::Closure(closure) if closure.attrs.is_empty() => Ok(When(expr.clone())),
            Expr::Group(group) => Self::from_expr(&group.expr),
            _ => Err(Error::custom(
                "`when` takes the path of a fn or a closure, e.g. `when = is_admin`, \
                 `when = Self::is_vip` or `when = |user| user.vip`: `fn(&ActiveModel) -> bool` \
                 on `before_save`, `before_create` and `before_update` hooks, \
                 `fn(&Model) -> bool` on the others",
            )
            .with_span(expr)),
        }
    }
}

/// `if_changed(email, name)`: the columns, as the model's field names.
#[derive(Clone)]
pub(crate) struct IfChanged {
    /// The `if_changed` word, to point errors about the option at.
    pub span: Span,
    pub columns: Vec<syn::Ident>,
}

impl FromMeta for IfChanged {
    fn from_meta(item: &Meta) -> Result<Self> {
        let span = item.path().span();
        let usage = "`if_changed` takes the names of the model's fields, e.g. \
                     `if_changed(email, name)`";
        let Meta::List(list) = item else {
            return Err(Error::custom(usage).with_span(item));
        };
        let names = list
            .parse_args_with(Punctuated::<Expr, Token![,]>::parse_terminated)
            .map_err(|_| Error::custom(usage).with_span(&list.tokens))?;
        if names.is_empty() {
            return Err(Error::custom(
                "`if_changed()` names no column, so the hook would never run; \
                 name at least one field, e.g. `if_changed(email)`",
            )
            .with_span(&delimiter_span(list)));
        }
        let mut errors = Error::accumulator();
        let mut columns: Vec<syn::Ident> = Vec::new();
        for name in &names {
            let ident = match name {
                Expr::Path(path) if path.attrs.is_empty() && path.qself.is_none() => {
                    path.path.get_ident()
                }
                _ => None,
            };
            match ident {
                Some(ident) if columns.contains(ident) => errors.push(
                    Error::custom(format!("`{ident}` is named twice in `if_changed`"))
                        .with_span(ident),
                ),
                Some(ident) => columns.push(ident.clone()),
                None => errors.push(Error::custom(usage).with_span(name)),
            }
        }
        errors.finish()?;
        Ok(IfChanged { span, columns })
    }
}

/// `on_error = "log"` (or `"propagate"`, the default): what a hook's error does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OnError {
    Propagate,
    Log,
}

/// A value with where it was written, to point errors at.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl FromMeta for Spanned<OnError> {
    fn from_expr(expr: &Expr) -> Result<Self> {
        let value = match expr {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => match s.value().as_str() {
                "log" => OnError::Log,
                "propagate" => OnError::Propagate,
                _ => return Err(on_error_values().with_span(s)),
            },
            Expr::Group(group) => return Self::from_expr(&group.expr),
            _ => return Err(on_error_values().with_span(expr)),
        };
        Ok(Spanned {
            value,
            span: expr.span(),
        })
    }
}

fn on_error_values() -> Error {
    Error::custom(
        "`on_error` is `\"log\"` (log the error, and the write stands) or `\"propagate\"` \
         (the default: the error comes back to the caller)",
    )
}

/// `priority = N`: any `i32`, negative ones included (darling's own integers
/// want negative numbers quoted).
#[derive(Clone, Copy, Default)]
pub(crate) struct Priority(pub i32);

impl FromMeta for Priority {
    fn from_expr(expr: &Expr) -> Result<Self> {
        let (negative, lit) = match expr {
            Expr::Lit(ExprLit { lit, .. }) => (false, lit),
            Expr::Unary(ExprUnary {
                op: UnOp::Neg(_),
                expr,
                ..
            }) => match &**expr {
                Expr::Lit(ExprLit { lit, .. }) => (true, lit),
                _ => return Err(not_an_integer().with_span(expr)),
            },
            Expr::Group(group) => return Self::from_expr(&group.expr),
            _ => return Err(not_an_integer().with_span(expr)),
        };
        let Lit::Int(int) = lit else {
            return Err(not_an_integer().with_span(lit));
        };
        let digits = if negative {
            format!("-{}", int.base10_digits())
        } else {
            int.base10_digits().to_owned()
        };
        if !matches!(int.suffix(), "" | "i32") {
            return Err(not_an_integer().with_span(int));
        }
        digits.parse::<i32>().map(Priority).map_err(|_| {
            Error::custom(format!(
                "`priority` must fit in an `i32` ({} to {})",
                i32::MIN,
                i32::MAX
            ))
            .with_span(expr)
        })
    }
}

fn not_an_integer() -> Error {
    Error::custom("`priority` takes an integer, e.g. `priority = -10`; lower runs first")
}

/// Recognises the paths that name the event attributes: `before_create`,
/// `hooks_orm::before_create`, `hooks_orm::prelude::before_create` (with or
/// without a leading `::`), and the same under the block's `crate = ...`.
/// Any other path is left to the compiler: it names something else, or it
/// fails to resolve there.
pub(crate) struct EventPaths<'a> {
    krate: Option<&'a Path>,
}

impl<'a> EventPaths<'a> {
    pub(crate) fn new(option: &'a CrateOption) -> Self {
        EventPaths {
            krate: option.krate.as_ref(),
        }
    }

    pub(crate) fn event_of(&self, path: &Path) -> Option<Event> {
        let last = path.segments.last()?;
        let event = Event::from_name(&last.ident.to_string())?;
        if !last.arguments.is_none() {
            return None;
        }
        names_ours(path, self.krate).then_some(event)
    }
}

/// Whether `path`, whose last segment names one of our attributes, reaches it
/// through `hooks-orm`: bare, `hooks_orm::name`, `hooks_orm::prelude::name`
/// (with or without a leading `::`), or the same under `krate`, the block's
/// `crate = ...`.
pub(crate) fn names_ours(path: &Path, krate: Option<&Path>) -> bool {
    names_ours_in(path, krate, &[])
}

/// [`names_ours`] for attributes that `hooks-orm` exports from `module`
/// (`["migration"]`): bare, `hooks_orm::migration::name` and
/// `hooks_orm::migration::prelude::name`, and the same under `krate`.
pub(crate) fn names_ours_in(path: &Path, krate: Option<&Path>, module: &[&str]) -> bool {
    let prefix: Vec<String> = path
        .segments
        .iter()
        .rev()
        .skip(1)
        .rev()
        .map(|s| s.ident.to_string())
        .collect();
    let prefix: Vec<&str> = prefix.iter().map(String::as_str).collect();
    let bare = prefix.is_empty() && path.leading_colon.is_none();
    let under = |krate: &[&str]| {
        let base: Vec<&str> = krate.iter().chain(module).copied().collect();
        prefix == base
            || (prefix.len() == base.len() + 1
                && prefix.starts_with(&base)
                && prefix.last() == Some(&"prelude"))
    };
    bare || under(&["hooks_orm"])
        || krate.is_some_and(|krate| {
            let krate: Vec<String> = krate.segments.iter().map(|s| s.ident.to_string()).collect();
            under(&krate.iter().map(String::as_str).collect::<Vec<_>>())
        })
}

/// Finds the attributes of one macro's events by path: [`EventPaths`] for
/// the entity events, and the migration phases' own.
pub(crate) trait Recognise {
    type Event: Copy;

    /// What the block's errors call a hook, e.g. "hook fn".
    const HOOK: &'static str;
    /// What they say of a macro invocation that carries an event attribute.
    const MACRO_INVOCATION: &'static str;

    fn recognise(&self, path: &Path) -> Option<Self::Event>;

    /// The event's attribute name, e.g. `before_create`.
    fn name(event: Self::Event) -> &'static str;
}

impl Recognise for EventPaths<'_> {
    type Event = Event;

    const HOOK: &'static str = "hook fn";
    const MACRO_INVOCATION: &'static str = "a macro invocation; `#[hooks]` reads the fns written \
         out in the block, not the ones a macro expands to, so write the hook as a fn here";

    fn recognise(&self, path: &Path) -> Option<Event> {
        self.event_of(path)
    }

    fn name(event: Event) -> &'static str {
        event.name()
    }
}

/// An event attribute found on an item, possibly inside `cfg_attr`.
pub(crate) struct Found<E = Event> {
    pub event: E,
    pub meta: Meta,
    /// The `cfg_attr` predicates it sits in.
    pub cfg: Cfg,
}

/// The item's own presence condition (its `cfg`s, including those that a
/// `cfg_attr` adds) and the event attributes on it, also inside `cfg_attr`.
pub(crate) fn scan<R: Recognise>(attrs: &[Attribute], paths: &R) -> (Cfg, Vec<Found<R::Event>>) {
    let mut presence = Cfg::default();
    let mut found = Vec::new();
    for attr in attrs {
        scan_meta(
            &attr.meta,
            &Cfg::default(),
            paths,
            &mut presence,
            &mut found,
        );
    }
    (presence, found)
}

fn scan_meta<R: Recognise>(
    meta: &Meta,
    under: &Cfg,
    paths: &R,
    presence: &mut Cfg,
    found: &mut Vec<Found<R::Event>>,
) {
    if meta.path().is_ident("cfg") {
        if let Meta::List(list) = meta {
            let predicate = list.tokens.clone();
            *presence = presence.with(match under.0.as_slice() {
                [] => predicate,
                conditions => quote!(any(not(all(#(#conditions),*)), #predicate)),
            });
        }
    } else if meta.path().is_ident("cfg_attr") {
        if let Some((predicate, inner)) = cfg_attr_parts(meta) {
            let under = under.with(predicate);
            for meta in &inner {
                scan_meta(meta, &under, paths, presence, found);
            }
        }
    } else if let Some(event) = paths.recognise(meta.path()) {
        found.push(Found {
            event,
            meta: meta.clone(),
            cfg: under.clone(),
        });
    }
}

/// `cfg_attr(predicate, a, b)`: the predicate and the attributes.
fn cfg_attr_parts(meta: &Meta) -> Option<(TokenStream, Vec<Meta>)> {
    let Meta::List(list) = meta else { return None };
    let parts = list
        .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
        .ok()?;
    let mut parts = parts.into_iter();
    let predicate = parts.next()?.into_token_stream();
    Some((predicate, parts.collect()))
}

/// Whether `attrs` say how to inline the fn (`inline`, `cold`), also from
/// inside `cfg_attr`.
pub(crate) fn says_inline(attrs: &[Attribute]) -> bool {
    fn meta_says(meta: &Meta) -> bool {
        let path = meta.path();
        if path.is_ident("inline") || path.is_ident("cold") {
            return true;
        }
        path.is_ident("cfg_attr")
            && cfg_attr_parts(meta).is_some_and(|(_, inner)| inner.iter().any(meta_says))
    }
    attrs.iter().any(|attr| meta_says(&attr.meta))
}

/// Removes the event attributes from `attrs`, also from inside `cfg_attr`
/// (dropping a `cfg_attr` that is left with nothing to add).
pub(crate) fn strip_events<R: Recognise>(attrs: &mut Vec<Attribute>, paths: &R) {
    attrs.retain_mut(|attr| match strip_meta(&attr.meta, paths) {
        Some(meta) => {
            attr.meta = meta;
            true
        }
        None => false,
    });
}

/// The meta without its event attributes; `None` when nothing is left.
fn strip_meta<R: Recognise>(meta: &Meta, paths: &R) -> Option<Meta> {
    if paths.recognise(meta.path()).is_some() {
        return None;
    }
    if !meta.path().is_ident("cfg_attr") {
        return Some(meta.clone());
    }
    let Some((predicate, inner)) = cfg_attr_parts(meta) else {
        return Some(meta.clone());
    };
    let kept: Vec<Meta> = inner.iter().filter_map(|m| strip_meta(m, paths)).collect();
    if kept.is_empty() {
        return None;
    }
    let Meta::List(list) = meta else {
        return Some(meta.clone());
    };
    Some(Meta::List(MetaList {
        tokens: quote!(#predicate, #(#kept),*),
        ..list.clone()
    }))
}

/// Finds every event attribute in the block, in declaration order, with the
/// `cfg` each hook and each of its parameters is compiled under. Errors about
/// one hook are returned with that hook's `cfg`, so that a hook that is
/// compiled out reports nothing.
pub(crate) fn hook_decls<'a>(
    item: &'a ItemImpl,
    paths: &EventPaths<'_>,
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
            match event_options(event, &meta) {
                Ok(options) => decls.push(HookDecl {
                    func,
                    event,
                    path: meta.path().clone(),
                    options,
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

pub(crate) fn param_attrs(input: &FnArg) -> &[Attribute] {
    match input {
        FnArg::Receiver(receiver) => &receiver.attrs,
        FnArg::Typed(pat) => &pat.attrs,
    }
}

/// An event attribute on something in the block that is not a fn, for the
/// entity blocks and the migration blocks alike.
pub(crate) fn misplaced_in_block<R: Recognise>(
    impl_item: &ImplItem,
    paths: &R,
    errors: &mut Vec<CfgError>,
) {
    let (attrs, what): (&[Attribute], &str) = match impl_item {
        ImplItem::Const(c) => (&c.attrs, "a const"),
        ImplItem::Type(t) => (&t.attrs, "an associated type"),
        ImplItem::Macro(m) => (&m.attrs, R::MACRO_INVOCATION),
        _ => return,
    };
    let (presence, found) = scan(attrs, paths);
    for Found { event, meta, cfg } in found {
        errors.push(CfgError {
            cfg: presence.and(&cfg),
            error: Error::custom(format!(
                "`#[{}]` marks a {}, and this is {what}",
                R::name(event),
                R::HOOK
            ))
            .with_span(meta.path()),
        });
    }
}

/// Removes the event attributes from every item of the block (where
/// [`hook_decls`] or [`misplaced_in_block`] reported those not on a fn).
pub(crate) fn strip_misplaced<R: Recognise>(item: &mut ItemImpl, paths: &R) {
    for impl_item in &mut item.items {
        match impl_item {
            ImplItem::Fn(func) => strip_events(&mut func.attrs, paths),
            ImplItem::Const(c) => strip_events(&mut c.attrs, paths),
            ImplItem::Type(t) => strip_events(&mut t.attrs, paths),
            ImplItem::Macro(m) => strip_events(&mut m.attrs, paths),
            _ => {}
        }
    }
}

fn event_options(event: Event, meta: &Meta) -> Result<EventOptions> {
    let name = event.name();
    match meta {
        Meta::Path(_) => Ok(EventOptions::default()),
        Meta::List(list) if !matches!(list.delimiter, MacroDelimiter::Paren(_)) => {
            Err(Error::custom(format!(
                "write the options of `#[{name}]` in parentheses: `#[{name}(priority = 10)]`"
            ))
            .with_span(&delimiter_span(list)))
        }
        Meta::List(list) if list.tokens.is_empty() => Ok(EventOptions::default()),
        meta @ Meta::List(_) => EventOptions::from_meta(meta),
        Meta::NameValue(nv) => Err(Error::custom(format!(
            "write the options of `#[{name}]` in parentheses: `#[{name}(priority = 10)]`"
        ))
        .with_span(nv)),
    }
}

pub(crate) fn delimiter_span(list: &MetaList) -> Span {
    match &list.delimiter {
        MacroDelimiter::Paren(d) => d.span.join(),
        MacroDelimiter::Brace(d) => d.span.join(),
        MacroDelimiter::Bracket(d) => d.span.join(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    /// A hook found: its event, priority, position and `cfg` attribute.
    type Found = (Event, i32, usize, String);

    fn decls(item: &ItemImpl) -> std::result::Result<Vec<Found>, Vec<String>> {
        let option = CrateOption::default();
        let paths = EventPaths::new(&option);
        let mut errors = Vec::new();
        let found = hook_decls(item, &paths, &mut errors)
            .into_iter()
            .map(|d| {
                let cfg = d.cfg.attribute().to_string();
                (d.event, d.options.priority.0, d.position, cfg)
            })
            .collect();
        if errors.is_empty() {
            Ok(found)
        } else {
            Err(errors.into_iter().map(|e| e.error.to_string()).collect())
        }
    }

    #[test]
    fn finds_event_attributes_with_options() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[before_create]
                fn a(am: &mut ActiveModel) {}
                fn helper() {}
                #[hooks_orm::before_delete(priority = -10)]
                fn b(&self) {}
                #[after_save(priority = 7)]
                #[::hooks_orm::prelude::after_create]
                fn c(&self) {}
            }
        };
        let found: Vec<_> = decls(&item)
            .unwrap()
            .into_iter()
            .map(|(e, p, i, _)| (e, p, i))
            .collect();
        assert_eq!(
            found,
            vec![
                (Event::BeforeCreate, 0, 0),
                (Event::BeforeDelete, -10, 2),
                (Event::AfterSave, 7, 3),
                (Event::AfterCreate, 0, 3),
            ]
        );
    }

    #[test]
    fn other_paths_are_not_event_attributes() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[some::path::after_create]
                fn a(&self) {}
                #[hooks_orm::other::after_create]
                fn b(&self) {}
            }
        };
        assert_eq!(decls(&item).unwrap(), vec![]);
    }

    #[test]
    fn the_crate_option_names_the_paths() {
        let option: CrateOption = CrateOption {
            krate: Some(parse_quote!(my_hooks)),
        };
        let paths = EventPaths::new(&option);
        assert_eq!(
            paths.event_of(&parse_quote!(my_hooks::after_save)),
            Some(Event::AfterSave)
        );
        assert_eq!(
            paths.event_of(&parse_quote!(my_hooks::prelude::after_save)),
            Some(Event::AfterSave)
        );
        assert_eq!(
            paths.event_of(&parse_quote!(after_save)),
            Some(Event::AfterSave)
        );
        assert_eq!(paths.event_of(&parse_quote!(other::after_save)), None);
    }

    #[test]
    fn cfg_and_cfg_attr_make_a_hook_conditional() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[cfg(feature = "a")]
                #[before_create]
                fn a(am: &mut ActiveModel) {}
                #[cfg_attr(test, before_create(priority = 1))]
                fn b(am: &mut ActiveModel) {}
                #[cfg_attr(unix, cfg_attr(test, after_save), inline)]
                fn c(&self) {}
            }
        };
        let found = decls(&item).unwrap();
        assert_eq!(found[0].3, "# [cfg (all (feature = \"a\"))]");
        assert_eq!(
            (found[1].1, found[1].3.as_str()),
            (1, "# [cfg (all (test))]")
        );
        assert_eq!(found[2].3, "# [cfg (all (unix , test))]");
    }

    #[test]
    fn strips_event_attributes_inside_cfg_attr() {
        let option = CrateOption::default();
        let paths = EventPaths::new(&option);
        let mut func: ImplItemFn = parse_quote! {
            #[cfg_attr(unix, before_create, inline)]
            #[cfg_attr(test, after_save)]
            #[before_save]
            #[doc = "kept"]
            fn a() {}
        };
        strip_events(&mut func.attrs, &paths);
        let attrs: Vec<String> = func
            .attrs
            .iter()
            .map(|a| a.to_token_stream().to_string())
            .collect();
        assert_eq!(
            attrs,
            ["# [cfg_attr (unix , inline)]", "# [doc = \"kept\"]"]
        );
    }

    #[test]
    fn says_inline_finds_inline_and_cold_also_under_cfg_attr() {
        let says = |func: ImplItemFn| says_inline(&func.attrs);
        assert!(says(parse_quote!(
            #[inline(never)]
            fn a() {}
        )));
        assert!(says(parse_quote!(
            #[cold]
            fn a() {}
        )));
        assert!(says(parse_quote!(
            #[cfg_attr(unix, doc = "x", inline)]
            fn a() {}
        )));
        assert!(!says(parse_quote!(
            #[before_save]
            #[doc = "inline"]
            fn a() {}
        )));
        assert!(!says(parse_quote!(
            #[cfg_attr(unix, before_save)]
            fn a() {}
        )));
    }

    #[test]
    fn rejects_bad_priorities_unknown_options_and_other_delimiters() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[before_create(priority = "high")]
                fn a() {}
                #[before_create(priority = 1.5)]
                fn b() {}
                #[before_create(priorty = 1)]
                fn c() {}
                #[before_create(priority = 99999999999)]
                fn d() {}
                #[before_create{priority = 1}]
                fn e() {}
                #[before_create[priority = 1]]
                fn f() {}
            }
        };
        let messages = decls(&item).unwrap_err();
        assert_eq!(messages.len(), 6, "{messages:?}");
        assert!(messages[0].starts_with("`priority` takes an integer"));
        assert!(messages[1].starts_with("`priority` takes an integer"));
        assert!(messages[2].contains("Did you mean `priority`?"));
        assert!(messages[3].starts_with("`priority` must fit in an `i32`"));
        assert!(messages[4].starts_with("write the options of `#[before_create]` in parentheses"));
        assert!(messages[5].starts_with("write the options of `#[before_create]` in parentheses"));
    }

    #[test]
    fn event_attributes_on_other_items_are_misplaced() {
        let item: ItemImpl = parse_quote! {
            impl Model {
                #[before_create]
                const A: i32 = 1;
                #[after_save]
                make_hook!();
            }
        };
        let messages = decls(&item).unwrap_err();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].starts_with("`#[before_create]` marks a hook fn, and this is a const"));
        assert!(messages[1].contains("this is a macro invocation"));
    }
}
