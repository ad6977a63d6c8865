//! Files in and out of the browser: offering a text as a download, and reading the files a
//! user chose or dropped.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FileList, HtmlAnchorElement, HtmlInputElement, Url};

use crate::bundle::json::{JsonError, MAX_BUNDLE_BYTES};
use crate::ui::shared::i18n::{tr, use_i18n, K};

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    offer(name, &parts, "application/json;charset=utf-8")
}

/// Offers a file the engine made (its name and text) for download: the notice's text, the
/// file's name or why there is no file.
pub fn offer_made(
    lang: crate::engine::Lang,
    made: Result<(String, String), String>,
) -> Result<String, String> {
    let (name, text) = made?;
    download(&name, &text)?;
    Ok(format!("{}: {name}", K::Downloaded.text(lang)))
}

/// Offers bytes as a file download named `name`, of the given media type.
pub fn download_bytes(name: &str, bytes: &[u8], media_type: &str) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    offer(name, &js_sys::Array::of1(&array), media_type)
}

fn offer(name: &str, parts: &js_sys::Array, media_type: &str) -> Result<(), String> {
    let options = BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = Blob::new_with_u8_array_sequence_and_options(parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let document = leptos::prelude::document();
    let a: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    document.body().ok_or("no body")?.append_child(&a).ok();
    a.click();
    a.remove();
    Url::revoke_object_url(&url).ok();
    Ok(())
}

/// A file the user gave: its name, and its bytes unless it was refused unread for its size.
pub struct Incoming {
    pub name: String,
    pub bytes: Result<Vec<u8>, JsonError>,
}

/// The files of a list, taken at once: an input's list is live and empties when the input is
/// reset, which the caller does so the same file can be chosen again.
pub fn files_of(list: &FileList) -> Vec<File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads files, in order. A file over the bundle size limit is not read at all.
pub async fn read_all(files: Vec<File>) -> Vec<Incoming> {
    read_up_to(files, MAX_BUNDLE_BYTES).await
}

/// Reads files, in order. A file over `max` bytes is not read at all.
pub async fn read_up_to(files: Vec<File>, max: usize) -> Vec<Incoming> {
    let mut out = Vec::with_capacity(files.len());
    for file in files {
        let name = file.name();
        let size = file.size() as usize;
        let bytes = match size > max {
            true => Err(JsonError::TooLarge { bytes: size }),
            false => match JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => Ok(js_sys::Uint8Array::new(&buffer).to_vec()),
                Err(e) => Err(JsonError::Syntax(format!("{e:?}"))),
            },
        };
        out.push(Incoming { name, bytes });
    }
    out
}

/// A button that opens the file chooser for one JSON file and hands its name and bytes (or the
/// reason it was not read) to `on_file`. The input is reset, so the same file can be chosen
/// again.
#[component]
pub fn FileButton(
    /// The button's text.
    label: K,
    /// `data-testid` of the file input, for tests.
    testid: &'static str,
    on_file: Callback<Incoming>,
    /// Files larger than this are refused unread.
    #[prop(default = MAX_BUNDLE_BYTES)]
    max_bytes: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let Some(list) = input.files() else { return };
        let files = files_of(&list);
        input.set_value("");
        spawn_local(async move {
            if let Some(file) = read_up_to(files, max_bytes).await.into_iter().next() {
                on_file.run(file);
            }
        });
    };
    view! {
        <label class="file-button">
            <span>{move || i18n.t(label)}</span>
            <input
                type="file"
                class="visually-hidden"
                accept=".json,application/json"
                data-testid=testid
                on:change=on_change
            />
        </label>
    }
}

/// A drop zone with a file chooser for many JSON files (the head's inbox, the council's import):
/// hands them to `on_files`, read, or refused unread for their size. The chooser is reset after
/// its files are taken, so the same files can be chosen again.
#[component]
pub fn DropZone(
    /// `data-testid` of the file input, for tests.
    testid: &'static str,
    on_files: Callback<Vec<Incoming>>,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let take = move |files: Vec<File>| {
        spawn_local(async move { on_files.run(read_all(files).await) });
    };
    let on_change = move |ev: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&ev);
        // Taken before the reset, which empties the input's live list.
        let files = input.files().map(|l| files_of(&l)).unwrap_or_default();
        input.set_value("");
        take(files);
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            take(files_of(&list));
        }
    };
    view! {
        <label
            class="dropzone"
            class:dragging=move || dragging.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop
        >
            <span>{tr(K::DropHint)}</span>
            <input
                type="file"
                multiple
                class="visually-hidden"
                accept=".json,application/json"
                data-testid=testid
                on:change=on_change
            />
        </label>
    }
}
