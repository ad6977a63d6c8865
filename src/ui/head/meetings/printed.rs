//! The printed page of a meeting: its minutes (biên bản) or its invitation (giấy mời), in the
//! Decree 30/2020 layout, printed or downloaded as a Word file.

use leptos::prelude::*;

use super::controls::{dyn_, html, pick, render};
use crate::engine::meeting::Meeting;
use crate::engine::Workspace;
use crate::platform;
use crate::report::paper::{file_name, paper_html, Paper};
use crate::report::printed::{invitation_paper, minutes_paper, DocHeader};
use crate::ui::head::print::{DocFields, PrintToolbar};
use crate::ui::shared::files_module::DocxButton;
use crate::ui::shared::i18n::use_i18n;
use crate::ui::shared::state::use_state;

/// The `loai` (kind) of the printed page that makes it the meeting's invitation.
pub(super) const INVITATION: &str = "giay-moi";

/// The meeting's paper: its invitation or its minutes.
fn meeting_paper(invitation: bool, m: &Meeting, w: &Workspace, h: &DocHeader) -> Paper {
    if invitation {
        invitation_paper(m, &w.cluster, h)
    } else {
        minutes_paper(m, &w.cluster, h)
    }
}

/// The minutes of the meeting named in the hash (`#/in-bien-ban?hop=so-ket-1`), or its
/// invitation (`&loai=giay-moi`), issued under the head unit's name with the cluster above it;
/// always in Vietnamese; printed, or downloaded as a Word file.
#[component]
pub fn PrintMinutesPage() -> impl IntoView {
    let state = use_state();
    let id = crate::ui::shared::shell::hash_param("hop").unwrap_or_default();
    let invitation = crate::ui::shared::shell::hash_param("loai").as_deref() == Some(INVITATION);
    let (council, head, day) = state.ws.with_untracked(|w| {
        let head = w
            .cluster
            .unit(&w.cluster.head)
            .map_or_else(String::new, |u| u.name.clone());
        let day = w
            .meeting(&id)
            .map_or_else(|| platform::now().date(), |m| m.date.clone());
        (w.cluster.council.clone(), head, day)
    });
    let fields = DocFields::new(if invitation { "GM-CTĐ" } else { "BB-CTĐ" }, &council, &day);
    let lang = use_i18n().lang;
    let id = StoredValue::new(id);
    let signer = head.clone();
    let make = Callback::new(move |()| {
        id.with_value(|id| {
            state.ws.with_untracked(|w| {
                w.meeting(id).map(|m| {
                    let h = fields.header(w.cluster.name.clone(), signer.clone(), signer.clone());
                    let what = format!("{}-{id}", if invitation { "giay-moi" } else { "bien-ban" });
                    (
                        file_name(w.cluster.year, &w.cluster.id, &what, "docx"),
                        meeting_paper(invitation, m, w, &h),
                    )
                })
            })
        })
    });
    // Whether the meeting exists, and whether its minutes are closed.
    let found = Memo::new(move |_| {
        id.with_value(|id| state.ws.with(|w| w.meeting(id).map(Meeting::is_closed)))
    });
    let status = html("", "", move || {
        let lang = lang.get();
        maud::html! {
            @match found.get() {
                None => p.notice.error data-testid="doc-missing" {
                    (pick(lang, "Không tìm thấy cuộc họp cần in.", "The meeting to print was not found."))
                },
                Some(false) => p.notice.warn data-testid="minutes-draft" {
                    (pick(lang, "Biên bản chưa khóa: đây là bản dự thảo.", "The minutes are not closed: this is a draft."))
                },
                Some(true) => {},
            }
        }
    });
    let doc = dyn_(move || {
        if found.get().is_none() {
            return Vec::new();
        }
        let head = head.clone();
        // Always in Vietnamese: an official paper.
        vec![html("doc", "doc", move || {
            id.with_value(|id| {
                state.ws.with(|w| {
                    w.meeting(id).map_or_else(
                        || maud::html! {},
                        |m| {
                            let header =
                                fields.header(w.cluster.name.clone(), head.clone(), head.clone());
                            paper_html(&meeting_paper(invitation, m, w, &header))
                        },
                    )
                })
            })
        })]
    });
    let items = vec![status, doc];
    view! {
        <PrintToolbar
            back="#/cuoc-hop"
            back_label=("← Quay lại trang Cuộc họp", "← Back to the meetings")
            back_testid="back-meetings"
            fields=fields
        >
            <DocxButton make />
        </PrintToolbar>
        {items.into_iter().map(render).collect_view()}
    }
}
