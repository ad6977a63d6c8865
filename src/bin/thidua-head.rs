//! The cluster head's part; see `src/ui/head`.
fn main() {
    console_error_panic_hook::set_once();
    thidua::ui::shared::shell::start(thidua::ui::shared::shell::Part::Head, || {
        leptos::mount::mount_to_body(thidua::ui::head::App)
    });
}
