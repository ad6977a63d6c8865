//! The whole-workspace backup: everything this device keeps, in one file, and its restore.
//!
//! A backup is not a signed bundle: it goes from a device to the same office's safe place and
//! back, not to another party. It holds the workspace (the year and its earlier years), if the
//! device has one, and the council office's store, if there is one, as a versioned JSON file:
//!
//! ```text
//! {"format":"thidua-backup","version":2,"created":"2026-11-23T08:00:00Z",
//!  "workspace":{…the stored workspace…} or null,"council":{…} or null}
//! ```
//!
//! A council office's device has no cluster workspace: its backup has `"workspace": null`
//! (version 2; a reader of version 1 would call such a file "not a backup", so it says "newer
//! version" instead). A file with neither part is not a backup. Version 1 files still open.
//!
//! It leaves out one thing: the device's secret signing keys (`identities`, also inside the
//! earlier years' kept text, and the council office's `identity`). A backup is a file people copy and e-mail; a unit's key leaves the
//! device only in its passphrase-protected key backup. A restore therefore keeps the keys that
//! are on the device.
//!
//! [`open_backup`] checks the whole file (format, version, every part through the same reading
//! and migrations as stored data) before anything is replaced; nothing is half restored.
//!
//! **A backup is not trusted for what others signed.** It is unsigned and passes through
//! e-mail and USB sticks, so every signed file it holds is verified again exactly as its import
//! verified it ([`verify_workspace`], [`verify_council`]): each member's self-score in the
//! head's inbox (signature, id = SHA-256 of its canonical bytes, and every check of the head's
//! import), the review a member received (signed by the head of its set-up, for its cluster,
//! year and table), each cluster result the council keeps (down to the members' signatures and
//! the re-run evaluation), in the year being worked on and in every earlier year kept. What the
//! app keeps beside a signed file and derives from it (a kept file's id, unit, revision, the id
//! it replaces and its signer; the key enrolled for a unit; the next year's head and deputy a
//! member learnt from the review; a council's result's cluster, year, key and date) must be
//! what the verified file says. Every text the user's own data holds is within the limits of
//! entry. One failure refuses the whole restore, naming the file.
//!
//! - `file.rs`: the file itself: [`Backup`], [`make_backup`], [`backup_file_name`],
//!   [`without_secrets`], [`open_backup`], and what a restore leaves ([`restored`],
//!   [`restored_council`]);
//! - `verify.rs`: the checks of what the file holds ([`verify_workspace`], [`verify_council`]);
//! - `error.rs`: [`BackupError`], [`KeptFile`], [`KeptError`], [`Limit`] and their messages,
//!   [`refused_unread`].

mod error;
mod file;
mod verify;

pub use error::{refused_unread, BackupError, KeptError, KeptFile, Limit};
pub use file::{
    backup_file_name, make_backup, open_backup, restored, restored_council, without_secrets,
    Backup, BACKUP_FORMAT, BACKUP_VERSION, MAX_BACKUP_BYTES,
};
pub use verify::{verify_council, verify_workspace};
