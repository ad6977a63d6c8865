//! The member's part (the first load); see `src/ui/member`.
fn main() {
    console_error_panic_hook::set_once();
    if thidua::ui::shared::shell::boot(thidua::ui::shared::shell::Part::Member) {
        leptos::mount::mount_to_body(thidua::ui::member::App);
    }
}
