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
    NavRegistrations => "Đăng ký thi đua", "Registrations";
    NavMeetings => "Cuộc họp", "Meetings";
    NavReports => "Báo cáo", "Reports";
    NavYear => "Nhiệm kỳ", "Terms & years";
    NavCluster => "Cụm thi đua", "Cluster";
    NavCouncil => "Hội đồng TĐKT", "Council";
    NavBackup => "Sao lưu", "Backup";
    RestoreWorkspace => "Chọn tệp sao lưu để khôi phục", "Choose a backup file to restore";
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
    ChooseTableFile => "Chọn tệp bảng tiêu chí (.json)", "Choose a criteria table file (.json)";
    ChooseSetupFile => "Chọn tệp thiết lập (.thidua.json)", "Choose the set-up file (.thidua.json)";
    SetupTitle => "Nhận hồ sơ thiết lập cụm từ cụm trưởng", "Import the cluster set-up from the head";
    SetupExplain => "Đầu năm, cụm trưởng gửi tệp thiết lập gồm danh sách đơn vị, bảng tiêu chí và các thời hạn. Chọn tệp đó để bắt đầu năm thi đua; điểm luôn gắn với đúng bảng tiêu chí đã dùng để chấm.",
        "At the start of the year the head sends a set-up file with the members, the criteria table and the deadlines. Choose it to start the year; points always stay tied to the table they were entered against.";
    SetupAcceptKey => "Chấp nhận khoá mới", "Accept the new key";
    SetupAcceptKeyConfirm => "Chỉ chấp nhận khi đã gọi điện cho Cụm trưởng năm mới và mã nhận diện khoá trong tệp trùng với mã Cụm trưởng đọc cho bạn. Chấp nhận khoá mới?",
        "Accept only after calling the new year's head, if the key fingerprint in the file matches the one the head reads to you. Accept the new key?";
    SetupStartAnyway => "Vẫn bắt đầu năm mới", "Start the new year anyway";
    SetupStartAnywayConfirm => "Năm hiện tại sẽ chuyển sang các năm trước (chỉ xem, không sửa), và kết quả thẩm định của năm này gửi đến sau sẽ không nhận được nữa. Vẫn bắt đầu năm mới?",
        "The current year will move to the earlier years (read-only), and this year's review arriving later can no longer be imported. Start the new year anyway?";
    ChooseFile => "Chọn tệp…", "Choose file…";
    SetupInUse => "Đang dùng hồ sơ thiết lập", "Set-up in use";
    SetupNone => "Chưa nhận tệp thiết lập của cụm trưởng.", "No set-up file from the head imported yet.";
    HeadKey => "Khoá của cụm trưởng", "Head's key";
    HeadSetupTitle => "Gửi hồ sơ thiết lập cho các đơn vị", "Send the set-up to the members";
    HeadSetupExplain => "Tệp thiết lập có chữ ký của cụm trưởng, gồm danh sách đơn vị, bảng tiêu chí (kèm mã băm) và các thời hạn dưới đây.",
        "The set-up file is signed by the head and holds the members, the criteria table (with its hash) and the deadlines below.";
    SelfScoreDue => "Hạn gửi kết quả tự chấm", "Self-score due";
    YearEndMeeting => "Ngày hội nghị tổng kết", "Year-end meeting";
    MakeSetup => "Tạo và tải hồ sơ thiết lập", "Create and download the set-up";
    Downloaded => "Đã tạo tệp", "File created";
    ReadingFile => "Đang đọc tệp…", "Reading the file…";
    MakingFile => "Đang tạo tệp…", "Making the file…";
    CheckingBackup => "Đang kiểm tra tệp sao lưu (mọi tệp có chữ ký trong đó)…", "Checking the backup file (every signed file in it)…";
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
    NavReview => "Thẩm định", "Review";
    NavResults => "Bình xét", "Evaluation";
    NavReviewed => "Kết quả thẩm định", "Review results";
    ReviewTitle => "Thẩm định điểm tự chấm và thông tin bình xét", "Review the self-scores and record the facts";
    ReviewExplain => "Chọn đơn vị. Điểm thẩm định mặc định bằng điểm tự chấm; ô nào sửa khác điểm tự chấm thì phải ghi lý do. Điểm tự chấm của đơn vị luôn được giữ nguyên bên cạnh.",
        "Choose a unit. The reviewed points start as the self-score; wherever you change them, give the reason. The unit's own points always stay beside them.";
    ReviewUnit => "Đơn vị được thẩm định", "Unit under review";
    OwnSheet => "bảng điểm trên máy cụm trưởng", "the head's own sheet";
    ReviewNoScore => "Đơn vị này chưa gửi kết quả tự chấm nên chưa thể thẩm định điểm. Vẫn có thể ghi thông tin bình xét và văn bản phê bình, nhắc nhở bên dưới.",
        "This unit has not sent its self-score yet, so there is nothing to review. The facts and documents below can still be recorded.";
    ReviewScores => "Điểm tự chấm và điểm thẩm định", "Self-score and reviewed score";
    ReviewedScore => "Điểm thẩm định", "Reviewed score";
    Reason => "Lý do điều chỉnh", "Reason for the change";
    ReasonPlaceholder => "Bắt buộc khi điểm thẩm định khác điểm tự chấm", "Required when the reviewed score differs";
    MissingReasons => "Chưa ghi lý do cho các tiêu chí có điểm thẩm định khác điểm tự chấm:", "No reason yet for the changed criteria:";
    AcceptOwn => "Giữ điểm tự chấm", "Keep the self-score";
    FactsTitle => "Thông tin dùng để bình xét (kèm văn bản làm căn cứ)", "Facts for the award evaluation (with their source documents)";
    FactsExplain => "Ghi theo văn bản: kết quả xếp loại tổ chức cơ sở đảng, kết luận thanh tra, kỷ luật… Mỗi thông tin cần số và ngày văn bản. Thông tin không ghi nhận được coi là “không”; riêng xếp loại tổ chức đảng nếu chưa có thì chưa xét được Cờ thi đua.",
        "Record from documents: the party organisation's rating, inspection conclusions, discipline… Each fact needs its document's number and date. A fact not recorded counts as “no”; without a party rating the Flags cannot be considered.";
    Fact => "Thông tin", "Fact";
    Value => "Giá trị", "Value";
    DocumentNo => "Số văn bản", "Document no.";
    DocumentDate => "Ngày văn bản", "Document date";
    DateRequired => "Hãy chọn ngày của văn bản.", "Choose the document's date.";
    FactSaved => "Đã lưu.", "Saved.";
    Yes => "Có", "Yes";
    No => "Không", "No";
    NotRecorded => "— Chưa ghi nhận —", "— Not recorded —";
    Save => "Lưu", "Save";
    NotSavedYet => "● Chưa lưu", "● Not saved yet";
    DeductionsTitle => "Văn bản phê bình, nhắc nhở (điểm trừ)", "Criticism and reminder documents (deductions)";
    DeductionsExplain => "Ghi từng văn bản do Văn phòng tổng hợp hằng tháng. Điểm trừ của tiêu chí bằng tổng các văn bản (không quá mức tối đa của tiêu chí) và thay cho điểm trừ đơn vị tự chấm.",
        "Record each document from the office's monthly list. The criterion's deduction is the sum of its documents (up to its maximum) and replaces the unit's own deduction.";
    PointsCol => "Điểm", "Points";
    AddDocument => "Thêm văn bản", "Add the document";
    DeductionAdded => "Đã thêm văn bản.", "Document added.";
    Remove => "Xoá", "Remove";
    ResultsTitle => "Bình xét thi đua", "Award evaluation";
    ResultsExplain => "Xếp hạng theo điểm thẩm định và đề xuất khen thưởng theo bộ quy tắc đang áp dụng và cơ cấu của năm. Bấm “Giải thích” ở mỗi đơn vị để xem từng quy tắc đã áp dụng, căn cứ và số liệu đã dùng.",
        "Ranked by reviewed score, with awards proposed under the rule set in force and this year's quotas. Open “Explanation” on a unit to see each rule applied, its citation and the inputs used.";
    RulesTitle => "Bộ quy tắc bình xét", "Award rule set";
    RulesInForce => "Đang áp dụng:", "In force:";
    RulesDefault => "bộ mặc định của ứng dụng", "the app's default";
    RulesLoaded => "nạp từ tệp", "loaded from a file";
    RulesLoadedNow => "Đã nạp bộ quy tắc", "Rule set loaded";
    RulesList => "Các quy tắc và căn cứ", "The rules and their citations";
    Interpretation => "(cách hiểu của phần mềm)", "(this product's reading)";
    LoadRules => "Nạp bộ quy tắc khác…", "Load another rule set…";
    UseDefaultRules => "Dùng lại bộ mặc định", "Use the default again";
    QuotasTitle => "Cơ cấu khen thưởng của năm", "This year's award quotas";
    QuotasExplain => "Số đơn vị được đề nghị cho từng hình thức, theo thông báo của Hội đồng Thi đua - Khen thưởng.",
        "How many units may be proposed for each award, as notified by the council.";
    QuotaInvalid => "Cơ cấu phải là số nguyên từ 0 đến 99.", "A quota is a whole number from 0 to 99.";
    RankedTitle => "Kết quả xếp hạng và đề xuất khen thưởng", "Ranking and proposed awards";
    CannotEvaluate => "Chưa bình xét được:", "Cannot evaluate:";
    Outcome => "Kết quả bình xét", "Outcome";
    Explain => "Giải thích", "Explanation";
    ResultsActions => "In, xuất và gửi kết quả", "Print, export and send";
    PrintSummary => "In bảng tổng hợp kết quả chấm điểm", "Print the score summary";
    PrintProposals => "In danh sách đề nghị khen thưởng", "Print the award proposal list";
    ExportXlsx => "Xuất bảng điểm ra Excel (.xlsx)", "Export the scores to Excel (.xlsx)";
    SendReviewExplain => "Gửi kết quả thẩm định cho các đơn vị: tạo một tệp có chữ ký của cụm trưởng, gồm điểm tự chấm, điểm thẩm định, lý do và thông tin bình xét; mỗi đơn vị nhận tệp ở trang “Kết quả thẩm định”.",
        "Send the review to the members: a file signed by the head with the self-scores, reviewed scores, reasons and facts; each unit opens it on its “Review results” page.";
    SendReview => "Tạo và tải tệp kết quả thẩm định", "Create and download the review file";
    DocNumber => "Số văn bản", "Document number";
    DocPlace => "Địa danh", "Place";
    DocDate => "Ngày ban hành", "Date";
    PrintNow => "In / Lưu thành PDF", "Print / Save as PDF";
    PrintHint => "Khổ A4, phông Times New Roman, theo Nghị định 30/2020/NĐ-CP. Trong hộp thoại in, chọn “Lưu thành PDF” để có tệp PDF.",
        "A4, Times New Roman, per Decree 30/2020/NĐ-CP. In the print dialog, choose “Save as PDF” to get a PDF file.";
    ReviewedTitle => "Kết quả thẩm định của cụm trưởng", "The head's review of our self-score";
    ReviewedExplain => "Khi cụm trưởng gửi tệp kết quả thẩm định, chọn tệp đó để xem điểm tự chấm của đơn vị bên cạnh điểm thẩm định và lý do điều chỉnh. Chữ ký của cụm trưởng được kiểm tra trước khi nhận.",
        "When the head sends the review file, choose it to see the unit's self-score beside the reviewed score and the reasons. The head's signature is checked first.";
    ChooseReview => "Chọn tệp kết quả thẩm định…", "Choose the review file…";
    ReviewImported => "Đã nhận kết quả thẩm định", "Review imported";
    ReviewDuplicate => "Tệp này đã được nhận trước đó; không có gì thay đổi.", "This file was already imported; nothing changed.";
    ReviewedNone => "Chưa nhận kết quả thẩm định.", "No review received yet.";
    ReviewNotForUnit => "Kết quả thẩm định này không có điểm của đơn vị đang chọn (đơn vị chưa gửi điểm tự chấm trước khi thẩm định).",
        "This review has no scores of the selected unit (it had not sent its self-score before the review).";
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

/// The text of `key` in the current language, as a view or an attribute value. Every call
/// returns the same closure type, so the renderer's code for it exists once in the wasm, not
/// once per text (which a `move || i18n.t(..)` closure at each place would cost).
pub fn tr(key: K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_i18n().lang;
    move || key.text(lang.get())
}

/// A text written where it is used, both languages side by side (`tx("Cuộc họp", "Meetings")`).
/// One closure type for every such text, like [`tr`], so each use costs no new code.
pub fn tx(
    vi: &'static str,
    en: &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_i18n().lang;
    move || match lang.get() {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
