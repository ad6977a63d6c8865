//! The member's part (the first load); see `src/ui/member`.
fn main() {
    console_error_panic_hook::set_once();
    thidua::ui::shared::shell::start(thidua::ui::shared::shell::Part::Member, || {
        leptos::mount::mount_to_body(thidua::ui::member::App)
    });
}
