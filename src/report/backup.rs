//! The backup page's read-only parts as markup (`maud`, see `report::html`): when the data was last backed up, what a
//! chosen backup file holds before it replaces anything, and how the browser keeps the data.
//! Buttons carry `data-act` for the page's one click handler.

use maud::{html, Markup};

use super::html::t;
use crate::bundle::backup::Backup;
use crate::engine::{Lang, Timestamp};

/// Whether the browser keeps this site's data when the disk runs short.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// Not known yet (the browser has not answered).
    Asking,
    Granted,
    NotGranted,
    /// The browser has no Storage API to ask.
    Unsupported,
}

/// What the page shows of this device's storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageFacts {
    pub last_backup: Option<Timestamp>,
    /// Something changed since the last backup file.
    pub changed: bool,
    /// Bytes the site's data takes and the bytes the browser gives it, as the browser
    /// estimates them (`navigator.storage.estimate()`); `None` while asked or if it cannot say.
    pub space: Option<(u64, u64)>,
    pub persistence: Persistence,
}

/// The backup card's title, explanation and status line.
pub fn backup_top_html(f: &StorageFacts, lang: Lang) -> Markup {
    let when = f.last_backup.as_ref().map(Timestamp::display);
    let status = match (when, f.changed, lang) {
        (None, _, Lang::Vi) => "Chưa sao lưu lần nào.".to_string(),
        (None, _, Lang::En) => "Never backed up.".to_string(),
        (Some(t), false, Lang::Vi) => {
            format!("Lần sao lưu gần nhất: {t}. Không có thay đổi nào sau đó.")
        }
        (Some(t), false, Lang::En) => format!("Last backup: {t}. Nothing changed since."),
        (Some(t), true, Lang::Vi) => {
            format!("Lần sao lưu gần nhất: {t}. Có thay đổi sau đó chưa được sao lưu.")
        }
        (Some(t), true, Lang::En) => {
            format!("Last backup: {t}. Changes since then are not backed up.")
        }
    };
    html! {
        h2 { (t(lang, "Sao lưu toàn bộ dữ liệu", "Back up all data")) }
        p.hint { (t(
            lang,
            "Một tệp chứa toàn bộ dữ liệu trên máy này: cụm, bảng tiêu chí, điểm, hồ sơ đã nhận, cuộc họp, các năm trước và dữ liệu của Hội đồng (nếu có). Tệp không chứa khoá ký bí mật: khoá có bản sao lưu riêng, có mật khẩu, ở trang «Gửi & nhận hồ sơ».",
            "One file with all the data on this device: the cluster, the criteria table, the scores, received bundles, meetings, earlier years and the council's data (if any). It holds no secret signing key: keys have their own passphrase-protected backup on the “Send & receive” page.",
        )) }
        p data-testid="backup-status" { (status) }
    }
}

pub fn restore_intro_html(lang: Lang) -> Markup {
    html! {
        h2 { (t(lang, "Khôi phục từ bản sao lưu", "Restore from a backup")) }
        p.hint { (t(
            lang,
            "Tệp được kiểm tra toàn bộ trước; dữ liệu hiện có chỉ bị thay khi bạn xác nhận. Khoá ký trên máy này được giữ lại.",
            "The whole file is checked first; the current data is replaced only when you confirm. The signing keys on this device are kept.",
        )) }
    }
}

/// What a checked backup file holds, and the buttons to replace the current data with it.
/// `changed`: the current data has changes in no backup file (they would be lost).
pub fn restore_preview_html(b: &Backup, changed: bool, lang: Lang) -> Markup {
    let clusters = b.council.as_ref().map_or(0, |c| c.results.len());
    let made = b.created.display();
    let facts = match &b.workspace {
        Some(w) => {
            let unit = w
                .cluster
                .unit(&w.unit_id)
                .map_or(w.unit_id.as_str(), |u| u.name.as_str());
            let received = w.inbox.received.len();
            let meetings = w.meetings.len();
            let years = w.past_years.len();
            let (name, year) = (&w.cluster.name, w.cluster.year);
            match lang {
                Lang::Vi => format!("Bản sao lưu tạo lúc {made}: {name}, năm {year}, đơn vị {unit}; {received} hồ sơ đã nhận, {meetings} cuộc họp, {years} năm trước; {clusters} kết quả cụm của Hội đồng."),
                Lang::En => format!("Backup made {made}: {name}, year {year}, unit {unit}; {received} received bundles, {meetings} meetings, {years} earlier years; {clusters} cluster results for the council."),
            }
        }
        // A council office's backup: its store only.
        None => {
            let council = b.council.as_ref().map_or("", |c| c.name.as_str());
            let expected = b.council.as_ref().map_or(0, |c| c.expected.len());
            match lang {
                Lang::Vi => format!("Bản sao lưu tạo lúc {made}: dữ liệu của Hội đồng {council}; {expected} cụm, khối theo dõi, {clusters} kết quả cụm đã nhận; không có dữ liệu của cụm."),
                Lang::En => format!("Backup made {made}: the council's data {council}; {expected} clusters followed, {clusters} cluster results received; no cluster data."),
            }
        }
    };
    html! {
        div.confirm role="alertdialog" data-testid="restore-preview" {
            p { (facts) }
            @if changed {
                p.notice.error { (t(
                    lang,
                    "Dữ liệu hiện tại có thay đổi chưa sao lưu; khôi phục sẽ thay chúng. Hãy tải bản sao lưu dữ liệu hiện tại trước nếu cần giữ.",
                    "The current data has changes that are not backed up; restoring replaces them. Download a backup of the current data first if you need it.",
                )) }
            }
            button type="button" class="danger" data-act="restore" data-testid="restore-confirm" {
                (t(lang, "Thay dữ liệu hiện có bằng bản sao lưu này", "Replace the current data with this backup"))
            }
            " "
            button type="button" data-act="cancel" data-testid="restore-cancel" { (t(lang, "Huỷ", "Cancel")) }
        }
    }
}

/// A number of bytes as people read it: `850 KB`, `1,2 MB` (`1.2 MB` in English), `60 GB`.
pub fn size(bytes: u64, lang: Lang) -> String {
    let units = [(1u64 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")];
    let (unit, name) = units
        .into_iter()
        .find(|(u, _)| bytes >= *u)
        .unwrap_or((1, "B"));
    let tenths = bytes * 10 / unit;
    let text = match (tenths >= 100 || unit == 1, lang) {
        (true, _) => format!("{}", (tenths + 5) / 10),
        (false, Lang::Vi) => format!("{},{}", tenths / 10, tenths % 10),
        (false, Lang::En) => format!("{}.{}", tenths / 10, tenths % 10),
    };
    format!("{text} {name}")
}

/// How full the storage is and whether the browser keeps it for good.
pub fn storage_html(f: &StorageFacts, lang: Lang) -> Markup {
    let usage = match (f.space, lang) {
        (None, Lang::Vi) => "Trình duyệt chưa cho biết dung lượng đã dùng.".to_string(),
        (None, Lang::En) => "The browser has not told how much space is used.".to_string(),
        (Some((used, quota)), _) => {
            let percent = used.saturating_mul(100) / quota.max(1);
            let left = size(quota.saturating_sub(used), lang);
            let (used, quota) = (size(used, lang), size(quota, lang));
            match lang {
                Lang::Vi => format!("Dữ liệu của trang đang dùng {used} trong {quota} trình duyệt dành cho trang (khoảng {percent}%); còn trống {left}."),
                Lang::En => format!("The site's data takes {used} of the {quota} the browser gives it (about {percent}%); {left} left."),
            }
        }
    };
    let persist = match f.persistence {
        Persistence::Asking => "",
        Persistence::Granted => t(lang, "Trình duyệt đã đồng ý lưu trữ bền vững: dữ liệu không bị tự xoá khi máy thiếu dung lượng.", "The browser granted persistent storage: the data is not cleared when the disk runs short."),
        Persistence::NotGranted => t(lang, "Trình duyệt chưa đồng ý lưu trữ bền vững: khi máy thiếu dung lượng, trình duyệt có thể xoá dữ liệu của trang. Hãy sao lưu thường xuyên; cài ứng dụng hoặc đánh dấu trang giúp trình duyệt đồng ý.", "The browser has not granted persistent storage: when the disk runs short it may clear this site's data. Back up often; installing the app or bookmarking the page helps the browser agree."),
        Persistence::Unsupported => t(lang, "Trình duyệt này không cho biết dữ liệu có được lưu bền vững hay không. Hãy sao lưu thường xuyên.", "This browser does not tell whether the data is kept for good. Back up often."),
    };
    let state = match f.persistence {
        Persistence::Asking => "asking",
        Persistence::Granted => "granted",
        Persistence::NotGranted => "not-granted",
        Persistence::Unsupported => "unsupported",
    };
    html! {
        h2 { (t(lang, "Bộ nhớ trên máy này", "Storage on this device")) }
        p data-testid="storage-usage" { (usage) }
        p data-testid="storage-persist" data-state=(state) { (persist) }
        @if f.persistence == Persistence::NotGranted {
            button type="button" class="secondary" data-act="persist" data-testid="storage-persist-request" {
                (t(lang, "Xin trình duyệt lưu trữ bền vững", "Ask the browser to keep the data"))
            }
        }
    }
}
