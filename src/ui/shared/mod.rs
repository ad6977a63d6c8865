//! What every part of the app uses: the frame ([`shell`]), the state and its saving, the text
//! catalogue, file input and output, notices, small widgets, the save status and the backup.

pub mod backup;
pub mod document;
pub mod files;
pub mod files_module;
pub mod i18n;
pub mod notice;
pub mod progress;
pub mod rules_editor;
pub mod shell;
pub mod state;
pub mod status;
pub mod table;
