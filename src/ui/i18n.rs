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
    NavLabel => "Các trang của ứng dụng", "The app's pages";
    NavScoring => "Tự chấm điểm", "Self-scoring";
    NavExchange => "Gửi & nhận hồ sơ", "Send & receive";
    NavInbox => "Hồ sơ các đơn vị gửi", "Members' bundles";
    NavMerged => "Bảng tổng hợp", "Merged view";
    HeadOnly => "Dành cho cụm trưởng", "For the cluster head";
    IdentityTitle => "Khoá ký của đơn vị", "The unit's signing key";
    FingerprintLabel => "Mã nhận diện khoá", "Key fingerprint";
    FingerprintHint => "Đọc dãy số này qua điện thoại để cụm trưởng đối chiếu đúng khoá của đơn vị.",
        "Read these digits over the phone so the head can confirm the unit's key.";
    IdentityNote => "Khoá được tạo trên máy này và không rời khỏi máy, trừ khi bạn tạo tệp sao lưu có mật khẩu. Mọi hồ sơ đơn vị gửi đi đều được ký bằng khoá này.",
        "The key was made on this device and never leaves it, except in a passphrase-protected backup. Every bundle the unit sends is signed with it.";
    SendTitle => "Gửi kết quả tự chấm cho cụm trưởng", "Send the self-score to the head";
    SendExplain => "Tạo một tệp hồ sơ có chữ ký số gồm điểm, minh chứng và lịch sử sửa điểm, rồi gửi tệp cho cụm trưởng qua thư điện tử, USB hoặc ứng dụng nhắn tin. Sửa điểm sau đó thì tạo lần gửi mới; cụm trưởng sẽ dùng lần gửi mới nhất.",
        "Create a digitally signed bundle of the points, evidence and change history, and send the file to the head by e-mail, USB stick or chat. After changing points, create a new revision; the head uses the latest.";
    SentHistory => "Các lần đã gửi", "Sent so far";
    AdoptSent => "Tiếp nối lần gửi trước…", "Continue from an earlier file…";
    AdoptExplain => "Chuyển sang máy mới? Sau khi khôi phục khoá, chọn tệp hồ sơ đã gửi lần gần nhất để lần gửi sau được đánh số nối tiếp.",
        "Moved to a new computer? After restoring the key, choose the last file you sent so the next one is numbered after it.";
    Revision => "Lần gửi", "Revision";
    CreatedAt => "Thời điểm tạo", "Created";
    FileName => "Tên tệp", "File name";
    NoneYet => "Chưa có.", "None yet.";
    SetupTitle => "Nhận hồ sơ thiết lập cụm từ cụm trưởng", "Import the cluster set-up from the head";
    SetupExplain => "Đầu năm, cụm trưởng gửi tệp thiết lập gồm danh sách đơn vị, bảng tiêu chí và các thời hạn. Chọn tệp đó để bắt đầu năm thi đua; điểm luôn gắn với đúng bảng tiêu chí đã dùng để chấm.",
        "At the start of the year the head sends a set-up file with the members, the criteria table and the deadlines. Choose it to start the year; points always stay tied to the table they were entered against.";
    ChooseFile => "Chọn tệp…", "Choose file…";
    SetupInUse => "Đang dùng hồ sơ thiết lập", "Set-up in use";
    SetupNone => "Chưa nhận hồ sơ thiết lập: đang dùng dữ liệu mẫu.", "No set-up imported yet: using the demo data.";
    HeadKey => "Khoá của cụm trưởng", "Head's key";
    HeadSetupTitle => "Gửi hồ sơ thiết lập cho các đơn vị", "Send the set-up to the members";
    HeadSetupExplain => "Tệp thiết lập có chữ ký của cụm trưởng, gồm danh sách đơn vị, bảng tiêu chí (kèm mã băm) và các thời hạn dưới đây.",
        "The set-up file is signed by the head and holds the members, the criteria table (with its hash) and the deadlines below.";
    SelfScoreDue => "Hạn gửi kết quả tự chấm", "Self-score due";
    YearEndMeeting => "Ngày hội nghị tổng kết", "Year-end meeting";
    MakeSetup => "Tạo và tải hồ sơ thiết lập", "Create and download the set-up";
    Downloaded => "Đã tạo tệp", "File created";
    BackupTitle => "Sao lưu và khôi phục khoá", "Back up and restore the key";
    BackupExplain => "Nếu máy hỏng hoặc cài lại trình duyệt, khoá sẽ mất. Hãy tạo tệp sao lưu có mật khẩu và cất tệp với mật khẩu ở hai nơi khác nhau.",
        "If the computer fails or the browser is reinstalled, the key is lost. Make a passphrase-protected backup and keep the file and the passphrase in two different places.";
    Passphrase => "Mật khẩu (ít nhất 8 ký tự; nên gõ không dấu để máy nào cũng gõ lại được đúng)",
        "Passphrase (at least 8 characters; without Vietnamese accents, so any keyboard can type it again)";
    PassphraseAgain => "Nhập lại mật khẩu", "Passphrase again";
    PassphraseMismatch => "Hai mật khẩu không khớp.", "The passphrases differ.";
    MakeBackup => "Tải tệp sao lưu khoá", "Download the key backup";
    BackupDone => "Đã tạo tệp sao lưu khoá.", "The key backup file was created.";
    RestoreBackup => "Khôi phục khoá từ tệp sao lưu", "Restore the key from a backup";
    RestoreDone => "Đã khôi phục khoá của đơn vị.", "The unit's key was restored.";
    InboxTitle => "Nhận hồ sơ tự chấm của các đơn vị", "Import the members' self-score bundles";
    DropHint => "Kéo thả các tệp hồ sơ vào đây, hoặc bấm để chọn (chọn được nhiều tệp cùng lúc).",
        "Drop bundle files here, or click to choose them (several at once).";
    ReportTitle => "Kết quả nhận tệp", "Import report";
    ColFile => "Tệp", "File";
    ColUnit => "Đơn vị", "Unit";
    ColResult => "Kết quả", "Result";
    PendingTitle => "Cần cụm trưởng quyết định", "Waiting for the head's decision";
    KeepCurrent => "Giữ bản đang dùng", "Keep the one in force";
    TakeNew => "Dùng bản mới", "Use the new one";
    AcceptKey => "Chấp nhận khoá mới", "Accept the new key";
    Decline => "Từ chối", "Decline";
    InForce => "Đang dùng", "In force";
    NewOne => "Bản mới", "New";
    Criterion => "Tiêu chí", "Criterion";
    NoDifferences => "Hai bản có cùng điểm; chỉ khác minh chứng hoặc lịch sử sửa.", "Same points; only evidence or history differ.";
    KeysTitle => "Khoá ký đã ghi nhận của các đơn vị", "The members' enrolled keys";
    Confirmed => "Đã đối chiếu", "Confirmed";
    MarkConfirmed => "Đánh dấu đã đối chiếu", "Mark as confirmed";
    AuditTitle => "Sổ lưu các hồ sơ đã nhận", "Received bundles (audit trail)";
    ReceivedAt => "Thời điểm nhận", "Received";
    Status => "Trạng thái", "Status";
    MergedTitle => "Bảng tổng hợp điểm tự chấm của các đơn vị", "The members' self-scores side by side";
    NotSubmitted => "Chưa gửi", "Not submitted";
    NotSubmittedList => "Chưa gửi:", "Not submitted:";
    AllSubmitted => "Tất cả đơn vị đã gửi.", "Every unit has submitted.";
    MaxShort => "Tối đa", "Max";
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

/// "Tạo và tải hồ sơ (lần gửi thứ 3)"
pub fn send_button(lang: Lang, revision: u32) -> String {
    match lang {
        Lang::Vi => format!("Tạo và tải hồ sơ gửi cụm trưởng (lần gửi thứ {revision})"),
        Lang::En => format!("Create and download the bundle (revision {revision})"),
    }
}

pub fn adopted(lang: Lang, revision: u32) -> String {
    match lang {
        Lang::Vi => format!("Đã ghi nhận lần gửi thứ {revision} từ tệp; lần gửi sau sẽ nối tiếp."),
        Lang::En => format!("Revision {revision} recorded from the file; the next one follows it."),
    }
}

/// "Đã nhận 5/8 đơn vị"
pub fn submitted_of(lang: Lang, n: usize, m: usize) -> String {
    match lang {
        Lang::Vi => format!("Đã nhận hồ sơ của {n}/{m} đơn vị"),
        Lang::En => format!("{n} of {m} units have submitted"),
    }
}

pub fn setup_imported(lang: Lang, fingerprint: &str, archived: usize) -> String {
    let archived_note = match (lang, archived) {
        (_, 0) => String::new(),
        (Lang::Vi, n) => {
            format!(" {n} bảng điểm đã chấm theo bảng tiêu chí cũ được lưu riêng, không bị xoá.")
        }
        (Lang::En, n) => {
            format!(" {n} sheet(s) scored against the old table were archived, not deleted.")
        }
    };
    match lang {
        Lang::Vi => format!("Đã nhận hồ sơ thiết lập. Mã nhận diện khoá của cụm trưởng: {fingerprint} — hãy gọi điện cho cụm trưởng để đối chiếu.{archived_note}"),
        Lang::En => format!("Set-up imported. The head's key fingerprint: {fingerprint} — call the head to compare it.{archived_note}"),
    }
}

pub fn status_name(lang: Lang, status: crate::engine::Status) -> &'static str {
    use crate::engine::Status::*;
    match (status, lang) {
        (Current, Lang::Vi) => "Đang dùng",
        (Current, Lang::En) => "In force",
        (Superseded, Lang::Vi) => "Bản cũ",
        (Superseded, Lang::En) => "Superseded",
        (Conflict, Lang::Vi) => "Xung đột, chờ quyết định",
        (Conflict, Lang::En) => "Conflict, awaiting decision",
        (KeyPending, Lang::Vi) => "Khoá lạ, chờ quyết định",
        (KeyPending, Lang::En) => "Unknown key, awaiting decision",
        (Declined, Lang::Vi) => "Đã từ chối",
        (Declined, Lang::En) => "Declined",
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
