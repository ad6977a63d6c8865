//! Registration of emulation models and topics (đăng ký mô hình, chuyên đề thi đua): what each
//! member unit undertakes for the year, and the cluster's consolidated list for the council.
//!
//! Seed 001 §A.II.2, point 2.3.a (the duties of the member units): “Đăng \[ký\] các mô hình và
//! chuyên đề thi đua gửi về Hội đồng TĐKT Quận (qua phòng Nội vụ quận) và đơn vị Cụm, khối
//! trưởng trong tháng 01 hàng năm.” A member registers in January and sends its registrations
//! to the council and to the head: here they travel in the unit's submission bundle
//! (`bundle::payload`), and the head compiles them with [`consolidate`]. Whether January has passed is the calendar's
//! business (`super::calendar`, deadline `Registrations`), not this module's;
//! [`RegistrationList::completed_on`] gives it the day the task was done.
//!
//! The checks, the same on entry and when the head imports a bundle ([`check_all`]): a title
//! (not blank, one line, at most [`MAX_TITLE_CHARS`]), a description of at most
//! [`MAX_DESCRIPTION_CHARS`], at most [`MAX_REGISTRATIONS`] per unit, and no two registrations
//! of one kind with the same title, ignoring case and spacing. A unit's list is kept in one
//! order (models before topics, then by date, then by title), so the same registrations always
//! give the same bundle and the same list.
//!
//! Pure: no I/O, no clock; the date of a registration is given by the caller.

use serde::{Deserialize, Serialize};

use super::rules::Citation;
use super::{Cluster, Date, Lang};

/// Longest title and description accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
pub const MAX_DESCRIPTION_CHARS: usize = 2000;
/// Most registrations kept per unit.
pub const MAX_REGISTRATIONS: usize = 100;

/// Where the duty to register comes from.
pub fn citation() -> Citation {
    Citation {
        document: "Hướng dẫn của UBND quận Hà Đông (2024)".into(),
        section: "mục A.II.2, điểm 2.3.a".into(),
    }
}

/// What is registered: an emulation model (mô hình thi đua) or an emulation topic (chuyên đề
/// thi đua).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationKind {
    Model,
    Topic,
}

impl RegistrationKind {
    pub const ALL: [RegistrationKind; 2] = [RegistrationKind::Model, RegistrationKind::Topic];

    /// "Mô hình thi đua", "Emulation model".
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RegistrationKind::Model, Lang::Vi) => "Mô hình thi đua",
            (RegistrationKind::Model, Lang::En) => "Emulation model",
            (RegistrationKind::Topic, Lang::Vi) => "Chuyên đề thi đua",
            (RegistrationKind::Topic, Lang::En) => "Emulation topic",
        }
    }

    /// The word inside a sentence: "mô hình", "model".
    pub fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RegistrationKind::Model, Lang::Vi) => "mô hình",
            (RegistrationKind::Model, Lang::En) => "model",
            (RegistrationKind::Topic, Lang::Vi) => "chuyên đề",
            (RegistrationKind::Topic, Lang::En) => "topic",
        }
    }
}

/// One model or topic a unit registered for the year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub kind: RegistrationKind,
    pub title: String,
    /// What the model or topic is about; omitted when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub registered_on: Date,
}

impl Registration {
    /// A registration as typed, tidied the way it is kept: the title on one line with single
    /// spaces, the description trimmed with `\n` line ends. Not checked: see [`Self::check`].
    pub fn new(
        kind: RegistrationKind,
        title: &str,
        description: &str,
        registered_on: Date,
    ) -> Registration {
        Registration {
            kind,
            title: title.split_whitespace().collect::<Vec<_>>().join(" "),
            description: description.replace("\r\n", "\n").trim().to_string(),
            registered_on,
        }
    }

    /// The checks of one registration on its own (duplicates are a matter of the list).
    pub fn check(&self) -> Result<(), RegistrationError> {
        if self.title.trim().is_empty() {
            return Err(RegistrationError::NoTitle);
        }
        if self.title.chars().any(char::is_control) {
            return Err(RegistrationError::TitleNotOneLine);
        }
        if self.title.chars().count() > MAX_TITLE_CHARS {
            return Err(RegistrationError::TitleTooLong {
                max_chars: MAX_TITLE_CHARS,
            });
        }
        if self.description.chars().count() > MAX_DESCRIPTION_CHARS {
            return Err(RegistrationError::DescriptionTooLong {
                max_chars: MAX_DESCRIPTION_CHARS,
            });
        }
        Ok(())
    }

    /// What two registrations of one unit may not share.
    fn key(&self) -> (RegistrationKind, String) {
        (self.kind, title_key(&self.title))
    }
}

/// A title as compared for duplicates: lower case, words separated by single spaces.
pub fn title_key(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RegistrationError {
    NoTitle,
    TitleNotOneLine,
    TitleTooLong {
        max_chars: usize,
    },
    DescriptionTooLong {
        max_chars: usize,
    },
    /// The unit already has a registration of this kind with this title.
    Duplicate {
        kind: RegistrationKind,
        title: String,
    },
    TooMany,
    /// No registration at this position of the unit's list.
    NotFound {
        index: usize,
    },
}

impl RegistrationError {
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            RegistrationError::NoTitle if vi => "Hãy ghi tên mô hình hoặc chuyên đề thi đua.".into(),
            RegistrationError::NoTitle => "Enter the title of the model or topic.".into(),
            RegistrationError::TitleNotOneLine if vi => {
                "Tên mô hình, chuyên đề phải viết trên một dòng, không chứa ký tự điều khiển."
                    .into()
            }
            RegistrationError::TitleNotOneLine => {
                "The title must be one line, without control characters.".into()
            }
            RegistrationError::TitleTooLong { max_chars } if vi => {
                format!("Tên quá dài: tối đa {max_chars} ký tự.")
            }
            RegistrationError::TitleTooLong { max_chars } => {
                format!("The title is too long: at most {max_chars} characters.")
            }
            RegistrationError::DescriptionTooLong { max_chars } if vi => {
                format!("Phần mô tả quá dài: tối đa {max_chars} ký tự.")
            }
            RegistrationError::DescriptionTooLong { max_chars } => {
                format!("The description is too long: at most {max_chars} characters.")
            }
            RegistrationError::Duplicate { kind, title } if vi => format!(
                "Đơn vị đã đăng ký {} “{title}” (trùng tên, không phân biệt chữ hoa, chữ thường và khoảng trắng).",
                kind.word(lang)
            ),
            RegistrationError::Duplicate { kind, title } => format!(
                "The unit has already registered the {} “{title}” (the same title, ignoring case and spacing).",
                kind.word(lang)
            ),
            RegistrationError::TooMany if vi => {
                format!("Mỗi đơn vị đăng ký tối đa {MAX_REGISTRATIONS} mô hình, chuyên đề.")
            }
            RegistrationError::TooMany => {
                format!("At most {MAX_REGISTRATIONS} models and topics per unit.")
            }
            RegistrationError::NotFound { .. } if vi => {
                "Không tìm thấy đăng ký cần sửa hoặc xoá (có thể đã bị xoá).".into()
            }
            RegistrationError::NotFound { .. } => {
                "The registration to change or remove was not found (it may have been removed)."
                    .into()
            }
        }
    }
}

impl std::fmt::Display for RegistrationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for RegistrationError {}

/// Checks a unit's whole list, as a bundle carries it: every registration, no duplicate, not
/// too many. On error, the position of the first registration at fault.
pub fn check_all(list: &[Registration]) -> Result<(), (usize, RegistrationError)> {
    if list.len() > MAX_REGISTRATIONS {
        return Err((MAX_REGISTRATIONS, RegistrationError::TooMany));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, r) in list.iter().enumerate() {
        r.check().map_err(|e| (i, e))?;
        if !seen.insert(r.key()) {
            return Err((i, duplicate(r)));
        }
    }
    Ok(())
}

fn duplicate(r: &Registration) -> RegistrationError {
    RegistrationError::Duplicate {
        kind: r.kind,
        title: r.title.clone(),
    }
}

/// Puts a list in its kept order: models before topics, then by date, then by title.
pub fn sort(list: &mut [Registration]) {
    list.sort_by_cached_key(|r| (r.kind, r.registered_on.clone(), title_key(&r.title)));
}

/// Adds a registration (tidied as [`Registration::new`] does) to a unit's list; returns its
/// position in the kept order. On error the list is unchanged.
pub fn add(list: &mut Vec<Registration>, reg: Registration) -> Result<usize, RegistrationError> {
    let reg = Registration::new(reg.kind, &reg.title, &reg.description, reg.registered_on);
    reg.check()?;
    if list.len() >= MAX_REGISTRATIONS {
        return Err(RegistrationError::TooMany);
    }
    if list.iter().any(|r| r.key() == reg.key()) {
        return Err(duplicate(&reg));
    }
    list.push(reg.clone());
    sort(list);
    Ok(position(list, &reg))
}

/// Replaces the registration at `index` (in the kept order); returns its new position. A
/// title may change only in case or spacing; it may not take the title of another
/// registration of the same kind. On error the list is unchanged.
pub fn edit(
    list: &mut [Registration],
    index: usize,
    reg: Registration,
) -> Result<usize, RegistrationError> {
    if index >= list.len() {
        return Err(RegistrationError::NotFound { index });
    }
    let reg = Registration::new(reg.kind, &reg.title, &reg.description, reg.registered_on);
    reg.check()?;
    if list
        .iter()
        .enumerate()
        .any(|(i, r)| i != index && r.key() == reg.key())
    {
        return Err(duplicate(&reg));
    }
    list[index] = reg.clone();
    sort(list);
    Ok(position(list, &reg))
}

/// Takes away the registration at `index` (in the kept order) and returns it.
pub fn remove(
    list: &mut Vec<Registration>,
    index: usize,
) -> Result<Registration, RegistrationError> {
    if index >= list.len() {
        return Err(RegistrationError::NotFound { index });
    }
    Ok(list.remove(index))
}

fn position(list: &[Registration], reg: &Registration) -> usize {
    list.iter()
        .position(|r| r.key() == reg.key())
        .expect("just placed")
}

/// Where a unit's registrations in the consolidated list come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListSource {
    /// The unit's submission bundle in force at the head: its id and revision.
    Submission { id: String, revision: u32 },
    /// The head's own unit, entered on the head's device (it sends no bundle to itself).
    HeadDevice,
    /// The head has no submission of the unit.
    NotSubmitted,
}

/// One unit of the consolidated list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitRegistrations {
    pub unit_id: String,
    pub unit_name: String,
    pub source: ListSource,
    /// In the kept order.
    pub registrations: Vec<Registration>,
}

/// The cluster's consolidated list of registrations, for the council: every member unit in the
/// cluster's order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrationList {
    pub cluster_name: String,
    pub council: String,
    pub year: u16,
    pub units: Vec<UnitRegistrations>,
}

impl RegistrationList {
    /// The units that registered nothing (whether they sent a bundle or not), in order.
    pub fn without_registrations(&self) -> impl Iterator<Item = &UnitRegistrations> {
        self.units.iter().filter(|u| u.registrations.is_empty())
    }

    /// The day the cluster's registration was done, as the calendar counts it (“done when every
    /// member unit has registered”): the latest of the units' first registration dates, once
    /// every unit has registered something; `None` while one has not.
    pub fn completed_on(&self) -> Option<Date> {
        self.units
            .iter()
            .map(|u| u.registrations.iter().map(|r| &r.registered_on).min())
            .collect::<Option<Vec<&Date>>>()?
            .into_iter()
            .max()
            .cloned()
    }

    /// How many registrations of a kind the cluster has.
    pub fn count(&self, kind: RegistrationKind) -> usize {
        self.units
            .iter()
            .flat_map(|u| &u.registrations)
            .filter(|r| r.kind == kind)
            .count()
    }
}

/// The consolidated list: for every unit of the cluster, in order, what `registrations_of`
/// finds for it (the caller reads the head's bundles in force; see
/// `bundle::import::consolidated_registrations`), put in the kept order.
pub fn consolidate(
    cluster: &Cluster,
    mut registrations_of: impl FnMut(&str) -> (ListSource, Vec<Registration>),
) -> RegistrationList {
    RegistrationList {
        cluster_name: cluster.name.clone(),
        council: cluster.council.clone(),
        year: cluster.year,
        units: cluster
            .units
            .iter()
            .map(|u| {
                let (source, mut registrations) = registrations_of(&u.id);
                sort(&mut registrations);
                UnitRegistrations {
                    unit_id: u.id.clone(),
                    unit_name: u.name.clone(),
                    source,
                    registrations,
                }
            })
            .collect(),
    }
}

/// The consolidated list as plain text for the council (one line feed after every line).
pub fn registrations_text(list: &RegistrationList, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    line(if vi {
        format!(
            "DANH SÁCH ĐĂNG KÝ MÔ HÌNH, CHUYÊN ĐỀ THI ĐUA NĂM {} — {}",
            list.year, list.cluster_name
        )
    } else {
        format!(
            "EMULATION MODELS AND TOPICS REGISTERED FOR {} — {}",
            list.year, list.cluster_name
        )
    });
    if !list.council.trim().is_empty() {
        line(if vi {
            format!("Kính gửi: {}", list.council)
        } else {
            format!("To: {}", list.council)
        });
    }
    let c = citation();
    line(if vi {
        format!(
            "Căn cứ: {} (các đơn vị thành viên đăng ký trong tháng 01 hằng năm).",
            c.display()
        )
    } else {
        format!(
            "Under: {} (member units register in January each year).",
            c.display()
        )
    });
    let total = list.units.len();
    let without = list.without_registrations().count();
    let (models, topics) = (
        list.count(RegistrationKind::Model),
        list.count(RegistrationKind::Topic),
    );
    line(if vi {
        format!(
            "{total} đơn vị; {} đơn vị đã đăng ký {models} mô hình, {topics} chuyên đề; {without} đơn vị chưa đăng ký.",
            total - without
        )
    } else {
        format!(
            "{total} units; {} registered {models} model(s) and {topics} topic(s); {without} registered nothing.",
            total - without
        )
    });
    for (n, u) in list.units.iter().enumerate() {
        line(String::new());
        let source = match (&u.source, lang) {
            (ListSource::Submission { revision, .. }, Lang::Vi) => {
                format!("theo hồ sơ gửi lần {revision}")
            }
            (ListSource::Submission { revision, .. }, Lang::En) => {
                format!("from its bundle, revision {revision}")
            }
            (ListSource::HeadDevice, Lang::Vi) => "đơn vị cụm trưởng".into(),
            (ListSource::HeadDevice, Lang::En) => "the head unit".into(),
            (ListSource::NotSubmitted, Lang::Vi) => "chưa gửi hồ sơ".into(),
            (ListSource::NotSubmitted, Lang::En) => "no bundle received".into(),
        };
        line(format!("{}. {} ({source})", n + 1, u.unit_name));
        if u.registrations.is_empty() {
            line(
                if vi {
                    "   Chưa đăng ký."
                } else {
                    "   Nothing registered."
                }
                .to_string(),
            );
        }
        for r in &u.registrations {
            line(if vi {
                format!(
                    "   - {}: {} (đăng ký ngày {})",
                    r.kind.name(lang),
                    r.title,
                    r.registered_on.vietnamese()
                )
            } else {
                format!(
                    "   - {}: {} (registered on {})",
                    r.kind.name(lang),
                    r.title,
                    r.registered_on.vietnamese()
                )
            });
            for d in r.description.lines() {
                line(format!("     {d}").trim_end().to_string());
            }
        }
    }
    line(String::new());
    let names: Vec<&str> = list
        .without_registrations()
        .map(|u| u.unit_name.as_str())
        .collect();
    line(match (names.is_empty(), lang) {
        (true, Lang::Vi) => "Tất cả các đơn vị đã đăng ký.".into(),
        (true, Lang::En) => "Every unit has registered.".into(),
        (false, Lang::Vi) => format!("Đơn vị chưa đăng ký: {}.", names.join(", ")),
        (false, Lang::En) => format!("Units that registered nothing: {}.", names.join(", ")),
    });
    out
}
