//! Code as `hook_chain()` shows it: a `when` predicate as written, give or
//! take spaces.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use quote::ToTokens;

/// A `when` predicate as `hook_chain()` shows it: `Self::is_vip`, or a
/// closure as written, `|user| user.vip && !user.banned`, give or take spaces.
pub(crate) fn predicate_text(predicate: &syn::Expr) -> String {
    match predicate {
        syn::Expr::Closure(closure) => {
            let capture = if closure.capture.is_some() {
                "move "
            } else {
                ""
            };
            let inputs = closure
                .inputs
                .iter()
                .map(|input| tokens_text(input.to_token_stream()));
            let output = match &closure.output {
                syn::ReturnType::Default => String::new(),
                syn::ReturnType::Type(_, ty) => {
                    format!(" -> {}", tokens_text(ty.to_token_stream()))
                }
            };
            let body = tokens_text(closure.body.to_token_stream());
            format!(
                "{capture}|{}|{output} {body}",
                inputs.collect::<Vec<_>>().join(", ")
            )
        }
        // A path holds no literal: every space can go.
        _ => predicate.to_token_stream().to_string().replace(' ', ""),
    }
}

/// `tokens` as text, token by token: literals as written; no space around
/// `.`, `::` and inside brackets, none before `,`, `:` or a call's
/// parentheses, none after a prefix `&`, `!`, `-` or `*`.
fn tokens_text(tokens: TokenStream) -> String {
    let mut out = String::new();
    // Whether the next token follows the last without a space.
    let mut glued = true;
    // Whether the last token ends an operand (a name, a literal, a group).
    let mut operand = false;
    // The last two tokens, where they are punctuation: `::`, `&&`, `->`
    // are one `Joint` punct and the next.
    let mut last: Option<(char, Spacing)> = None;
    let mut before_last: Option<(char, Spacing)> = None;
    // How many turbofish `::<` are open.
    let mut generics = 0;
    for token in tokens {
        let punct = match &token {
            TokenTree::Punct(punct) => Some((punct.as_char(), punct.spacing())),
            _ => None,
        };
        let (tight_before, tight_after, ends_operand) = match (&token, punct) {
            (_, Some((c, spacing))) => {
                let in_operator = matches!(last, Some((_, Spacing::Joint)));
                let prefix = matches!(c, '&' | '!' | '-' | '*') && !operand && !in_operator;
                let second_colon = c == ':' && last == Some((':', Spacing::Joint));
                let after_path =
                    matches!(last, Some((':', _))) && before_last == Some((':', Spacing::Joint));
                let opens = c == '<' && after_path;
                let closes = c == '>' && generics > 0;
                if opens {
                    generics += 1;
                } else if closes {
                    generics -= 1;
                }
                (
                    matches!(c, '.' | ',' | ';' | ':') || closes,
                    c == '.' || spacing == Spacing::Joint || prefix || second_colon || opens,
                    closes,
                )
            }
            (TokenTree::Group(group), _) => {
                let call = operand && group.delimiter() != Delimiter::Brace;
                (call, false, true)
            }
            _ => (false, false, true),
        };
        if !glued && !tight_before {
            out.push(' ');
        }
        match token {
            TokenTree::Group(group) => {
                let (open, close) = match group.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::Brace => ("{ ", " }"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                out.push_str(&tokens_text(group.stream()));
                out.push_str(close);
            }
            other => out.push_str(&other.to_string()),
        }
        (last, before_last) = (punct, last);
        glued = tight_after;
        operand = ends_operand;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn predicates_read_as_written() {
        let text = |predicate: syn::Expr| predicate_text(&predicate);
        assert_eq!(text(parse_quote!(Self::is_vip)), "Self::is_vip");
        assert_eq!(text(parse_quote!(is_live::<M>)), "is_live::<M>");
        assert_eq!(
            text(parse_quote!(|user| user.vip && !user.banned)),
            "|user| user.vip && !user.banned"
        );
        assert_eq!(
            text(parse_quote!(|c: &ActiveModel| c.name.is_set())),
            "|c: &ActiveModel| c.name.is_set()"
        );
        assert_eq!(text(parse_quote!(|| true)), "|| true");
        assert_eq!(
            text(parse_quote!(|r| r.name.parse::<i32>().is_ok())),
            "|r| r.name.parse::<i32>().is_ok()"
        );
        assert_eq!(
            text(parse_quote!(
                move |r| r.name.ends_with(" . (x ) ") && r.qty > (1 - -2)
            )),
            "move |r| r.name.ends_with(\" . (x ) \") && r.qty > (1 - -2)"
        );
        assert_eq!(
            text(parse_quote!(|a, b: &[u8]| -> bool { f(a, *b, [1, 2]) })),
            "|a, b: &[u8]| -> bool { f(a, *b, [1, 2]) }"
        );
    }
}
