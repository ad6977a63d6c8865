//! Architecture invariant: the engine (and the other pure modules) never depend on a browser
//! crate, so every rule can be tested natively and reused by the command-line tool.

// Native only: reads files or uses proptest, neither of which runs in the browser.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

const BROWSER_CRATES: [&str; 6] = [
    "leptos",
    "web_sys",
    "gloo_storage",
    "gloo",
    "js_sys",
    "wasm_bindgen",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether the code (comments removed) names the crate as a path or in a `use`.
fn uses_crate(source: &str, krate: &str) -> bool {
    source
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .flat_map(|code| code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')))
        .any(|word| word == krate || word.starts_with(&format!("{krate}::")))
}

fn offenders(dir: &str) -> Vec<String> {
    let mut files = Vec::new();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    if path.is_file() {
        files.push(path);
    } else {
        rust_files(&path, &mut files);
    }
    assert!(!files.is_empty(), "no Rust files under {dir}");
    let mut found = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for krate in BROWSER_CRATES {
            if uses_crate(&text, krate) {
                found.push(format!("{} uses {krate}", file.display()));
            }
        }
    }
    found
}

#[test]
fn engine_has_no_browser_dependency() {
    let found = offenders("src/engine");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn bundle_layer_has_no_browser_dependency() {
    let found = offenders("src/bundle");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn table_readers_have_no_browser_dependency() {
    let found = offenders("src/tableio");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn demo_data_has_no_browser_dependency() {
    let found = offenders("src/demo");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn reports_have_no_browser_dependency() {
    let found = offenders("src/report");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_files_module_calls_have_no_browser_dependency() {
    let found = offenders("src/files_module.rs");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_check_itself_catches_an_import() {
    assert!(uses_crate("use leptos::prelude::*;", "leptos"));
    assert!(uses_crate("let s = web_sys::window();", "web_sys"));
    assert!(uses_crate(
        "use gloo_storage::LocalStorage;",
        "gloo_storage"
    ));
    assert!(uses_crate("extern crate js_sys;", "js_sys"));
    assert!(!uses_crate("//! never depends on leptos or gloo", "leptos"));
    assert!(!uses_crate("let leptos_like_name = 1;", "leptos"));
    assert!(!uses_crate("let gloomy = 1;", "gloo"));
}
