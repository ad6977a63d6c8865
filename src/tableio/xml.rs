//! Helpers over `quick-xml` for the parts of .xlsx and .docx files: element and attribute
//! names compared without their namespace prefix (`w:tc` is `tc`).

use quick_xml::events::BytesStart;

use super::TableIoError;

/// The value of the attribute with this local name (`val` finds `w:val`).
pub(super) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local.as_bytes())
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

pub(super) fn is(e: &BytesStart<'_>, local: &str) -> bool {
    e.local_name().as_ref() == local.as_bytes()
}

pub(super) fn error(part: &str, e: impl std::fmt::Display) -> TableIoError {
    TableIoError::Xml {
        part: part.to_string(),
        detail: e.to_string(),
    }
}
