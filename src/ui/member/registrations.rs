//! "Đăng ký thi đua": the unit's own registrations of emulation models and topics (seed 001
//! §A.II.2, point 2.3.a), added, edited and removed through the engine; for the head, the
//! cluster's consolidated list and its printed form for the council.
//!
//! Only the form is made of reactive views. The lists are read-only HTML built by
//! `report::year`; their buttons are plain markup and the page listens for their clicks
//! (`data-act`, `data-i`): one handler, not one per row, which keeps the wasm small.

use leptos::prelude::*;

use crate::engine::registration::{Registration, RegistrationError, RegistrationKind};
use crate::engine::{Date, Lang};
use crate::platform;
use crate::report::year::{registration_intro, registration_lists};
use crate::ui::shared::document::Document;
use crate::ui::shared::i18n::{tr, tx, use_i18n, K};
use crate::ui::shared::notice::clicked;
use crate::ui::shared::notice::{notice_view, Notice};
use crate::ui::shared::state::use_state;
use crate::ui::shared::table::Input;

#[component]
pub fn RegistrationsPage() -> impl IntoView {
    let state = use_state();
    // Built again, with an empty form, when the device's unit changes: a registration being
    // edited belongs to the unit it was opened for.
    move || {
        state.generation.track();
        view! { <RegistrationsForm /> }
    }
}

#[component]
fn RegistrationsForm() -> impl IntoView {
    let i18n = use_i18n();
    let state = use_state();
    let notice: Notice = RwSignal::new(None);
    let kind = RwSignal::new(String::from("model"));
    let title = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let date = RwSignal::new(platform::now().date().as_str().to_string());
    // The position being edited, if the form holds an existing registration.
    let editing = RwSignal::new(None::<usize>);
    let clear = move || {
        title.set(String::new());
        description.set(String::new());
        editing.set(None);
    };
    let save = move |_| {
        let lang = i18n.lang.get_untracked();
        let Some(on) = Date::parse(&date.get_untracked()) else {
            notice.set(Some(Err(match lang {
                Lang::Vi => "Hãy chọn ngày đăng ký.",
                Lang::En => "Choose the registration date.",
            }
            .to_string())));
            return;
        };
        let reg = Registration {
            kind: if kind.get_untracked() == "topic" {
                RegistrationKind::Topic
            } else {
                RegistrationKind::Model
            },
            title: title.get_untracked(),
            description: description.get_untracked(),
            registered_on: on,
        };
        let result = state.change(|w| {
            let i = match editing.get_untracked() {
                Some(i) => w.edit_registration(i, reg)?,
                None => w.add_registration(reg)?,
            };
            Ok::<_, RegistrationError>(w.registrations()[i].title.clone())
        });
        notice.set(Some(match result {
            Ok(saved) => {
                clear();
                Ok(match lang {
                    Lang::Vi => format!(
                        "Đã lưu “{saved}”. Đăng ký được gửi kèm hồ sơ của đơn vị ở lần gửi tiếp theo (trang Gửi & nhận hồ sơ)."
                    ),
                    Lang::En => format!(
                        "Saved “{saved}”. It travels in the unit's next submission (Send & receive page)."
                    ),
                })
            }
            Err(e) => Err(e.message(lang)),
        }));
    };
    let on_list = move |ev: leptos::ev::MouseEvent| {
        let Some((act, i)) = clicked(&ev) else { return };
        let lang = i18n.lang.get_untracked();
        if act == "edit" {
            let Some(r) = state
                .ws
                .with_untracked(|w| w.registrations().get(i).cloned())
            else {
                return;
            };
            kind.set(
                if r.kind == RegistrationKind::Topic {
                    "topic"
                } else {
                    "model"
                }
                .into(),
            );
            title.set(r.title);
            description.set(r.description);
            date.set(r.registered_on.as_str().to_string());
            editing.set(Some(i));
            notice.set(None);
        } else if act == "remove" {
            let result = state.change(|w| w.remove_registration(i));
            notice.set(Some(match result {
                Ok(r) => {
                    clear();
                    Ok(match lang {
                        Lang::Vi => format!("Đã xoá “{}”.", r.title),
                        Lang::En => format!("Removed “{}”.", r.title),
                    })
                }
                Err(e) => Err(e.message(lang)),
            }));
        }
    };
    let intro = move || {
        state
            .ws
            .with(|w| registration_intro(w.cluster.year, i18n.lang.get()))
    };
    let lists = move || state.ws.with(|w| registration_lists(w, i18n.lang.get()));
    let (save_label, add_label) = (
        tx("Lưu thay đổi", "Save changes"),
        tx("Thêm đăng ký", "Add"),
    );
    view! {
        <h2 class="page-title">{tr(K::NavRegistrations)}</h2>
        <Document html=intro class="hint" />
        <section class="card" data-testid="reg-form">
            <h3>{tx("Đăng ký mô hình, chuyên đề", "Register a model or topic")}</h3>
            <div class="form-row">
                <label>
                    <span>{tx("Loại", "Kind")}</span>
                    <select
                        data-testid="reg-kind"
                        prop:value=move || kind.get()
                        on:change=move |ev| kind.set(event_target_value(&ev))
                    >
                        <option value="model">{tx("Mô hình thi đua", "Emulation model")}</option>
                        <option value="topic">{tx("Chuyên đề thi đua", "Emulation topic")}</option>
                    </select>
                </label>
                <Input label=("Tên mô hình, chuyên đề", "Title") testid="reg-title" value=title />
                <Input
                    label=("Ngày đăng ký", "Registered on")
                    testid="reg-date"
                    value=date
                    kind="date"
                />
            </div>
            <label class="field">
                <span>{tx("Mô tả (không bắt buộc)", "Description (optional)")}</span>
                <textarea
                    class="evidence-input"
                    rows="3"
                    data-testid="reg-description"
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))
                ></textarea>
            </label>
            <div class="actions">
                <button type="button" class="primary" data-testid="reg-add" on:click=save>
                    {move || if editing.get().is_some() { save_label() } else { add_label() }}
                </button>
                <button
                    type="button"
                    class="secondary"
                    data-testid="reg-cancel"
                    on:click=move |_| {
                        clear();
                        notice.set(None);
                    }
                >
                    {tx("Làm lại", "Clear")}
                </button>
            </div>
            <div data-testid="reg-notice">{notice_view(notice)}</div>
        </section>
        <Document html=lists on_click=on_list />
    }
}
