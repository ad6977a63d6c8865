//! The UI's text catalogue in Vietnamese and English.
//!
//! Every text is declared once with both translations side by side; the `catalogue!` macro
//! only accepts entries with both, and a key that does not exist does not compile. Texts with
//! values in them are functions below, each an exhaustive `match` on [`Lang`].
//!
//! A key that is not in the catalogue is a compile error:
//!
//! ```compile_fail
//! let _ = thidua::ui::i18n::K::NoSuchText;
//! ```
//!
//! and so is an entry with only one language. With both, it compiles:
//!
//! ```
//! thidua::catalogue! { Both => "Cả hai", "Both"; }
//! assert_eq!(K::Both.text(thidua::engine::Lang::En), "Both");
//! ```
//!
//! ```compile_fail
//! thidua::catalogue! { Only => "Chỉ tiếng Việt"; }
//! ```

use leptos::prelude::*;

pub use crate::engine::Lang;

#[doc(hidden)]
#[macro_export]
macro_rules! catalogue {
    ($($key:ident => $vi:literal, $en:literal;)*) => {
        /// A key of a fixed UI text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum K { $($key),* }

        impl K {
            pub fn text(self, lang: $crate::engine::Lang) -> &'static str {
                use $crate::engine::Lang;
                match (self, lang) {
                    $((K::$key, Lang::Vi) => $vi, (K::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

crate::catalogue! {
    AppName => "Thi đua", "Thi đua (emulation)";
    AppTagline => "Chấm điểm thi đua của cụm, khối thi đua — chạy ngay trên trình duyệt, không cần mạng",
        "Emulation scoring for clusters — runs in the browser, no network needed";
    Language => "Ngôn ngữ", "Language";
    Year => "Năm", "Year";
    Head => "Cụm trưởng", "Head";
    Deputy => "Cụm phó", "Deputy";
    SampleNotice => "Bảng tiêu chí MẪU để dùng thử — không phải văn bản pháp lý. Hãy dùng bảng tiêu chí do Cụm, khối thi đua của đơn vị ban hành.",
        "SAMPLE criteria table for trying the app — not a legal text. Use the table issued by your cluster.";
    UnitLabel => "Đơn vị chấm điểm", "Scoring unit";
    SelfScoring => "Tự chấm điểm", "Self-scoring";
    Total => "Tổng điểm", "Total";
    Scored => "Đã chấm", "Scored";
    MissingEvidence => "Thiếu minh chứng", "Missing evidence";
    Max => "Tối đa", "Max";
    Step => "bước", "step";
    Points => "điểm", "points";
    SelfScore => "Điểm tự chấm", "Self-score";
    Evidence => "Minh chứng", "Evidence";
    EvidencePlaceholder => "Số, ngày văn bản; ghi chú…", "Document numbers, dates; notes…";
    EvidenceRequired => "Cần minh chứng", "Evidence required";
    NoEvidenceYet => "Đã chấm điểm nhưng chưa có minh chứng", "Points claimed but no evidence yet";
    Guidance => "Hướng dẫn chấm", "Scoring guidance";
    Bonus => "Điểm thưởng", "Bonus";
    Deduction => "Điểm trừ", "Deduction";
    Cap => "mức trần", "cap";
    Main => "Điểm các tiêu chí", "Criteria points";
    Saved => "Đã lưu trên máy này", "Saved on this device";
    ResetDemo => "Khôi phục dữ liệu mẫu", "Reset to demo data";
    ResetConfirm => "Mọi điểm và minh chứng đã nhập trên máy này sẽ bị xoá và thay bằng dữ liệu mẫu. Tiếp tục?",
        "All points and evidence entered on this device will be erased and replaced with the demo data. Continue?";
    ResetYes => "Xoá và khôi phục", "Erase and reset";
    Cancel => "Huỷ", "Cancel";
    EnterHint => "Nhập điểm rồi nhấn Enter để sang tiêu chí tiếp theo. Điểm được lưu tự động.",
        "Type the points and press Enter to go to the next criterion. Points are saved automatically.";
    StorageReadOnly => "Dữ liệu đã lưu trên máy không mở được nên ứng dụng đang dùng dữ liệu mẫu và KHÔNG ghi đè lên dữ liệu cũ. Lý do:",
        "The data stored on this device could not be opened, so the app shows the demo data and does NOT overwrite the old data. Reason:";
    SaveFailed => "Không lưu được vào bộ nhớ trình duyệt. Những gì vừa nhập vẫn còn trên màn hình; đừng đóng trang. Lý do:",
        "Could not save to browser storage. What you entered is still on screen; do not close the page. Reason:";
    Footer => "Dữ liệu chỉ lưu trong trình duyệt của máy này; không gửi đi đâu.",
        "Data is kept only in this device's browser; nothing is sent anywhere.";
}

/// "Đã chấm 12/45 tiêu chí"
pub fn scored_of(lang: Lang, scored: usize, required: usize) -> String {
    match lang {
        Lang::Vi => format!("{scored}/{required} tiêu chí"),
        Lang::En => format!("{scored} of {required} criteria"),
    }
}

/// The UI language, shared by every component through context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// The text of `key` in the current language (reactive when called inside a closure).
    pub fn t(self, key: K) -> &'static str {
        key.text(self.lang.get())
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
