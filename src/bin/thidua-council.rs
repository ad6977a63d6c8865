//! The council office's part; see `src/ui/council`.
fn main() {
    console_error_panic_hook::set_once();
    thidua::ui::shared::shell::start(thidua::ui::shared::shell::Part::Council, || {
        leptos::mount::mount_to_body(thidua::ui::council::App)
    });
}
