//! The decisions recorded in the minutes editor, each with its remove button.

use leptos::prelude::*;

use super::controls::{act, button, group, Txt, C};
use super::editor::Ctx;
use crate::report::meetings as rm;
use crate::ui::shared::i18n::K;

/// The decisions recorded, each with its remove button.
pub(super) fn decisions(ctx: Ctx) -> Vec<C> {
    let lang = ctx.lang.get();
    ctx.with(|m, _| {
        m.decisions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let remove = act(move || {
                    ctx.apply(
                        Box::new(move |m| m.remove_decision(i).map(drop)),
                        Some(("Đã xóa quyết định.", "Decision removed.")),
                    );
                });
                group(
                    "decision",
                    "",
                    vec![
                        C::Span(Txt::Data(format!(
                            "{}. {} ",
                            i + 1,
                            rm::decision_text(d, lang)
                        ))),
                        button(
                            Txt::Key(K::Remove),
                            format!("decision-remove-{i}"),
                            "link",
                            remove,
                        ),
                    ],
                )
            })
            .collect()
    })
}
